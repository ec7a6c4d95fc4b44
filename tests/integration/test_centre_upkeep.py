"""Centre upkeep: yearly refresher training, six-monthly contact, overdue centres, and recording visits."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from reporting.domain.ukdates import now_utc, uk_date
from reporting.extensions import db
from reporting.models import AuditEvent, CentreVisit
from reporting.review.upkeep import services as upkeep
from tests.support import factories
from tests.support.html import error_summary, text_of

TODAY = date(2026, 3, 15)


@pytest.fixture
def centres(app):
    today = uk_date(now_utc())
    factories.area("sale_central")
    fresh = factories.centre(
        "fresh", "Fresh Centre", last_training_on=today - timedelta(days=30), last_contact_on=today - timedelta(days=20)
    )
    trained = upkeep.months_after(today, -12) + timedelta(days=10)
    soon = factories.centre("soon", "Soon Centre", last_training_on=trained, last_contact_on=today - timedelta(days=10))
    never = factories.centre("never", "Never Centre")
    closed = factories.centre("closed", "Closed Centre")
    closed.active = False
    db.session.commit()
    return fresh, soon, never


@pytest.mark.parametrize(
    ("kind", "last_on", "status"),
    [
        ("training", None, "overdue"),
        ("training", date(2025, 3, 14), "overdue"),
        ("training", date(2025, 3, 15), "due_soon"),
        ("training", date(2025, 4, 14), "due_soon"),
        ("training", date(2025, 4, 15), "up_to_date"),
        ("contact", date(2025, 9, 14), "overdue"),
        ("contact", date(2025, 9, 20), "due_soon"),
        ("contact", date(2026, 1, 1), "up_to_date"),
    ],
)
def test_training_is_due_yearly_and_contact_every_six_months(kind, last_on, status):
    assert upkeep.Upkeep(kind, last_on).status(TODAY) == status


def test_months_after_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert upkeep.months_after(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert upkeep.months_after(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_the_centres_page_highlights_overdue_and_due_soon(client_request, centres):
    client_request.login_as("partnership")
    page = client_request.get("review.centres")
    rows = {tr.th.get_text(strip=True): " ".join(tr.get_text(" ").split()) for tr in page.select("tbody tr")}
    assert "Closed Centre" not in rows
    assert rows["Never Centre"].count("Never recorded") == 2 and rows["Never Centre"].count("Overdue") == 2
    assert "Due in the next 30 days" in rows["Soon Centre"] and "Overdue" not in rows["Soon Centre"]
    assert rows["Fresh Centre"].count("Up to date") == 2
    assert "Soon Centre: refresher training" in text_of(page, "main ul")
    dashboard = client_request.get("review.dashboard")
    assert "Soon Centre: refresher training" in text_of(dashboard, "#due-soon + ul")


def test_recording_a_visit_moves_the_date_forward_and_is_audited(client_request, centres):
    _, _, never = centres
    client_request.login_as("partnership")
    visited = uk_date(now_utc()) - timedelta(days=3)
    client_request.post(
        "review.record_visit",
        code="never",
        _data={"kind": "training", "visited_on": visited.isoformat(), "notes": "Refresher for four volunteers."},
        _expected_status=302,
    )
    db.session.refresh(never)
    assert never.last_training_on == visited and never.last_contact_on is None
    visit = db.session.scalars(select(CentreVisit)).one()
    assert (visit.kind, visit.notes) == ("training", "Refresher for four volunteers.")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "centre_visit_recorded")).one()
    assert event.object_id == "never" and "Refresher" not in (event.detail or "")
    page = client_request.get("review.record_visit", code="never")
    assert "Refresher for four volunteers." in text_of(page, "main")


def test_an_older_visit_does_not_move_the_date_back(app, centres):
    fresh, _, _ = centres
    latest = fresh.last_contact_on
    upkeep.record_visit(db.session, fresh, "contact", latest - timedelta(days=100), None, None)
    assert fresh.last_contact_on == latest


CHOOSE_KIND = "Select whether this was refresher training or a partnership contact"


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, [CHOOSE_KIND, "Enter the date of the visit, for example 2026-03-27"]),
        ({"kind": "contact", "visited_on": "2026-02-30"}, ["The date of the visit must be a real date"]),
        ({"kind": "contact", "visited_on": "2999-01-01"}, ["The date of the visit must be today or in the past"]),
        (
            {"kind": "party", "visited_on": "2026-01-01", "notes": "x" * 2001},
            [CHOOSE_KIND, "Notes must be 2,000 characters or fewer"],
        ),
    ],
)
def test_visit_errors_are_explained_and_keep_the_answers(client_request, centres, data, messages):
    client_request.login_as("partnership")
    page = client_request.post("review.record_visit", code="never", _data=data, _expected_status=400)
    assert error_summary(page) == messages
    if data.get("visited_on"):
        assert page.select_one("#visited_on")["value"] == data["visited_on"]
    assert db.session.scalars(select(CentreVisit)).first() is None
