"""The review counts people as well as incidents, exactly as a recount from the confirmed links gives them, and the
pack for partners suppresses them by the small-number rule."""

import random
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from reporting.domain.people_counts import TOTAL, recount_people
from reporting.domain.periods import Period
from reporting.extensions import db
from reporting.links import services
from reporting.links.counting import people_counts
from reporting.links.models import CONFIRMED, ReportLink
from reporting.models import Report
from reporting.review.figures.services import gather
from reporting.review.figures.table_builders import build_tables
from tests.support import factories
from tests.support.html import text_of
from tests.support.pdf import pypdf_text

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def linked(app):
    """40 people with 1 to 4 reports each over 18 months at two centres, their reports confirmed as one person's."""
    rng = random.Random(24)
    centres = [factories.centre(), factories.centre("altrincham-library", "Altrincham Library")]
    for person in range(40):
        reports = [
            factories.report(rng.choice(centres), categories=[rng.choice(["race", "religion", "disability"])],
                             reported_at=datetime(2025, rng.randint(1, 12), rng.randint(1, 28), 12, tzinfo=UTC)
                             if rng.random() < 0.4 else
                             datetime(2026, rng.randint(1, 6), rng.randint(1, 28), 12, tzinfo=UTC),
                             contact={"name": f"Person {person}", "phone": f"07700 9{person:05d}"})
            for _ in range(rng.randint(1, 4))
        ]  # fmt: skip
        for report in reports:
            services.refresh(report)
        for link in db.session.scalars(select(ReportLink)).all():
            if link.status != CONFIRMED:
                services.decide(link, CONFIRMED, None)
    db.session.commit()
    return centres


def test_people_counts_equal_a_recount_from_the_confirmed_links(linked):
    counts = people_counts(db.session, PERIOD)
    start, end = PERIOD.bounds()
    in_period = db.session.scalars(select(Report.id).where(Report.reported_at >= start, Report.reported_at < end)).all()
    pairs = db.session.execute(select(ReportLink.report_a_id, ReportLink.report_b_id)
                               .where(ReportLink.status == CONFIRMED)).all()  # fmt: skip
    assert counts.reports[TOTAL] == len(in_period)
    assert counts.people[TOTAL] == recount_people(pairs, in_period)
    for centre in linked:
        here = db.session.scalars(select(Report.id).where(Report.centre_id == centre.id, Report.reported_at >= start,
                                                          Report.reported_at < end)).all()  # fmt: skip
        assert counts.people[centre.id] == recount_people(pairs, here)
    # Repeat victims, recounted: people (by the links) with two reports or more from 1 July 2025 who reported in the
    # period.
    year = db.session.execute(select(Report.id, Report.reported_at)).all()
    groups = services.groups_from_links(pairs)
    repeaters = [group for group in groups
                 if sum(1 for rid, at in year if rid in group and at >= datetime(2025, 7, 1, tzinfo=UTC)) > 1
                 and group & set(in_period)]  # fmt: skip
    assert counts.repeat_victims[TOTAL] == len(repeaters) > 0


def test_the_review_and_the_pack_show_people_and_suppress_small_counts(app, linked, client_request):
    data = gather(db.session, PERIOD, None, date(2026, 7, 15))
    with app.test_request_context():
        tables = build_tables(data)
    total = next(row for row in tables["people-by-centre"].all_rows() if row.code == "total")
    assert total.values["people"] == data.people.people[TOTAL] and total.values["reports"] == data.people.reports[TOTAL]
    client_request.login_as("partnership")
    page = client_request.get("review.dashboard", date_from="2026-01", date_to="2026-06")
    people = text_of(page, "#table-people-by-centre")
    assert "People who reported" in people and "Repeat victims" in people
    assert f"{data.people.people[TOTAL]} people reported" in text_of(page, "#people")
    suppressed = client_request.get("review.dashboard", date_from="2026-01", date_to="2026-06", suppress="1")
    by_category = text_of(suppressed, "#table-repeat-victims-by-category")
    small = [number for code, number in data.people.repeat_victims_by_category.items() if 0 < number < 5]
    assert not small or "<5" in by_category


def test_the_pack_for_partners_counts_people(linked, client_request):
    client_request.login_as("partnership")
    response = client_request.get_response("review.download_pack", date_from="2026-01", date_to="2026-06")
    text = " ".join(pypdf_text(response.data).split())
    assert "People and repeat victims" in text and "People who reported, by centre" in text
    assert "Repeat victims by why they think it happened" in text
