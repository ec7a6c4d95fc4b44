"""Who may see and decide links between reports (no Flask: the views and templates call these).

- A linked report the user may see (`access.reports_for`) is shown in full; one of another centre only as "a
  report at that centre on that day", with the partnership unit named as able to see both.
- A link between two reports of one centre is decided by whoever leads that case (the centre's lead, or the
  partnership unit); a link across two centres (or to a report made online not yet given to a centre) only by the
  partnership unit, which can see both.
- Series: whoever works the case may put its person's reports into a series.
"""

from ..cases.rules import UNIT_ROLES, case_centre_id, leads_case, works_case


def crosses_centres(first, second) -> bool:
    centre = case_centre_id(first)
    return centre is None or centre != case_centre_id(second)


def may_decide(user, first, second) -> bool:
    if user.role in UNIT_ROLES:
        return True
    return not crosses_centres(first, second) and leads_case(user, first) and leads_case(user, second)


def may_group(user, report) -> bool:
    return works_case(user, report)
