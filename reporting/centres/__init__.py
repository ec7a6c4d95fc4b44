"""Areas and centres: the places reports are counted by."""
