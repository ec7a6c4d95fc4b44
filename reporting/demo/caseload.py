"""Case work on the demo reports, set after they are generated, by rule rather than by chance (the generator's
random draws, and so `demo-data`'s reports for a seed, are unchanged).

Among the open cases (received or referred), by report id: of a centre with staff, one in (staff + 1) has no
caseworker and the others go to its volunteers and lead in turn; nine in ten of those past their acknowledge-by
date were acknowledged when received; and eight in ten of those past their review-by date were reviewed lately,
so their next review falls in the next few working days. What is left is overdue: about one old open case in
ten not acknowledged in time, and one in ten not reviewed, as a busy centre would have. One UPDATE does it all,
so that a million reports take seconds (the benchmark uses it too).
"""

from datetime import date

from sqlalchemy import case, select, update

from ..domain.statuses import OPEN_STATUSES
from ..domain.working_days import add_working_days
from ..extensions import db
from ..models import CENTRE_ROLES, Report, User

REPORTS = Report.__table__


def _caseworkers():
    """Each centre's active staff, volunteers first, as `(centre id, [user ids])`."""
    staff: dict[int, list[int]] = {}
    query = select(User.centre_id, User.id).where(User.active.is_(True), User.role.in_(CENTRE_ROLES))
    for centre_id, user_id in db.session.execute(query.order_by(User.centre_id, User.role.desc(), User.id)):
        staff.setdefault(centre_id, []).append(user_id)
    return staff.items()


def _caseworker_column():
    whens = [
        (((REPORTS.c.centre_id == centre_id) & (REPORTS.c.id % (len(people) + 1) == slot)), user_id)
        for centre_id, people in _caseworkers()
        for slot, user_id in enumerate(people, start=1)
    ]
    return case(*whens, else_=REPORTS.c.assigned_to_id) if whens else REPORTS.c.assigned_to_id


def set_demo_case_work(today: date) -> None:
    """Caseworkers, acknowledgements and reviews of the open demo cases, in the session's transaction."""
    past_acknowledging = REPORTS.c.acknowledge_by < today
    reviewed_lately = case(
        *[((REPORTS.c.review_by < today) & (REPORTS.c.id % 10 == rest), add_working_days(today, rest))
          for rest in range(2, 10)],
        else_=REPORTS.c.review_by,
    )  # fmt: skip
    db.session.execute(
        update(REPORTS)
        .where(REPORTS.c.status.in_(OPEN_STATUSES))
        .values(
            assigned_to_id=_caseworker_column(),
            acknowledged_at=case(
                (past_acknowledging & (REPORTS.c.id % 10 != 0), REPORTS.c.received_at),
                else_=REPORTS.c.acknowledged_at,
            ),
            review_by=reviewed_lately,
        )
    )
