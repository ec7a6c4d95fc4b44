"""Where a report was made and where it happened, as the counts and exports name them.

A report made online has no centre: it counts under the centre code `online`. A report whose
area is not known counts under the area code `unknown`. The review summary keys its rows by
id, with 0 standing for each of these.
"""

ONLINE = "online"
UNKNOWN = "unknown"
NO_CENTRE = 0
NO_AREA = 0


class UnknownCentre(LookupError):
    """No centre has the code asked for; `code` holds it."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
