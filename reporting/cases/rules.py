"""Who may do what to a case, beyond seeing it (which `access.reports_for` decides).

- Volunteers take reports, produce the referrals for a report they are taking at the tablet (one they made),
  and work the cases assigned to them.
- Centre leads assign, refer, correct and close any case of their centre.
- The partnership unit (and admins) any case.

A case's centre is the one following it up: the centre it was assigned to, else the centre where it was made.
Views check these after loading the report with `with_report`, and answer 403 when one fails; templates call
the same functions (registered as template globals) to hide what the user may not do.
"""

from ..domain.statuses import CLOSED

UNIT_ROLES = ("partnership", "admin")
CENTRE_ROLES = ("volunteer", "centre_lead")


def case_centre_id(report) -> int | None:
    return report.assigned_centre_id or report.centre_id


def leads_case(user, report) -> bool:
    """The partnership unit, or a lead of the case's centre."""
    if user.role in UNIT_ROLES:
        return True
    return user.role == "centre_lead" and user.centre_id is not None and user.centre_id == case_centre_id(report)


def works_case(user, report) -> bool:
    """May work the case day to day: its lead (see `leads_case`) or the caseworker it is assigned to."""
    return leads_case(user, report) or (report.assigned_to_id is not None and report.assigned_to_id == user.id)


def made_it(user, report) -> bool:
    """The user took the report (at the centre's tablet)."""
    return report.created_by_id is not None and report.created_by_id == user.id


def may_update(user, report) -> bool:
    """Notes and status changes: whoever works the case, and the volunteer who took the report."""
    return works_case(user, report) or made_it(user, report)


def may_set_status(user, report, status: str) -> bool:
    """A status change as `may_update`; closing the case, and reopening a closed one, are for those who may close it."""
    closing_or_reopening = CLOSED in (status, report.status)
    return may_update(user, report) and (not closing_or_reopening or may_close(user, report))


def may_acknowledge(user, report) -> bool:
    return works_case(user, report)


def may_record_review(user, report) -> bool:
    return works_case(user, report)


def may_assign(user, report) -> bool:
    return leads_case(user, report)


def may_be_caseworker(user, report) -> bool:
    """An active volunteer or lead of the case's centre (a self-report not yet given to a centre has none)."""
    centre_id = case_centre_id(report)
    return bool(user.active) and user.role in CENTRE_ROLES and centre_id is not None and user.centre_id == centre_id


def may_correct(user, report) -> bool:
    return leads_case(user, report)


def may_close(user, report) -> bool:
    return leads_case(user, report)


def may_refer(user, report) -> bool:
    """A lead or the unit; the caseworker; or the volunteer who took the report at the tablet."""
    return works_case(user, report) or (report.created_by_id is not None and report.created_by_id == user.id)


def may_write_to_person(user, report) -> bool:
    return works_case(user, report)


# What the report page and the lists ask, as template globals (`may_refer(current_user, report)`).
TEMPLATE_GLOBALS = (may_update, may_set_status, may_acknowledge, may_record_review, may_assign, may_refer)
