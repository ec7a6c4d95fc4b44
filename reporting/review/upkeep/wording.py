"""How a centre's training or contact stands, as people read it: on the centres page and in the review."""

from flask_babel import lazy_gettext as _l

UPKEEP_STATUS = {"overdue": _l("Overdue"), "due_soon": _l("Due in the next 30 days"), "up_to_date": _l("Up to date")}
