"""A report's statuses, and which of them count (every status but draft); the channels a report comes by."""

DRAFT = "draft"
STATUSES = (DRAFT, "received", "referred", "closed")
# Written out as a list rather than "not draft", so that the database can use the index on
# (status, reported_at, centre_id).
SUBMITTED_STATUSES = tuple(status for status in STATUSES if status != DRAFT)
# A submitted report that is not closed is an open case: a centre with open cases cannot be closed.
CLOSED = "closed"
OPEN_STATUSES = tuple(status for status in SUBMITTED_STATUSES if status != CLOSED)

# Made with a volunteer at a centre, or by the person themselves online.
CHANNELS = ("assisted", "self")
