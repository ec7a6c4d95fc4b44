"""Case work: who works a case, by when, what they may do to it, and its history."""
