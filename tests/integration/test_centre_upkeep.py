"""Centre upkeep: yearly refresher training, six-monthly contact, overdue centres, and recording visits."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from reporting.centres.records import record_changes
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
        _data={"kind": "training", **typed(visited), "notes": "Refresher for four volunteers."},
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


def typed(day: date) -> dict:
    return {"visited_on-day": str(day.day), "visited_on-month": str(day.month), "visited_on-year": str(day.year)}


def parts(text: str) -> dict:
    return dict(zip(("visited_on-day", "visited_on-month", "visited_on-year"), text.split("/"), strict=True))


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, [CHOOSE_KIND, "Enter the date of the visit, for example, 27 3 2026"]),
        ({"kind": "contact", **parts("30/2/2026")}, ["The date of the visit must be a real date"]),
        ({"kind": "contact", **parts("aa/bb/cccc")}, ["The date of the visit must be a real date"]),
        ({"kind": "contact", **parts("1/1/2999")}, ["The date of the visit must be today or in the past"]),
        (
            {"kind": "party", **parts("1/1/2026"), "notes": "x" * 2001},
            [CHOOSE_KIND, "Notes must be 2,000 characters or fewer"],
        ),
    ],
)
def test_visit_errors_are_explained_and_keep_the_answers(client_request, centres, data, messages):
    client_request.login_as("partnership")
    page = client_request.post("review.record_visit", code="never", _data=data, _expected_status=400)
    assert error_summary(page) == messages
    if data.get("visited_on-day"):
        assert page.select_one("#visited_on")["value"] == data["visited_on-day"]
        assert page.select_one("#visited_on-month")["value"] == data["visited_on-month"]
    assert db.session.scalars(select(CentreVisit)).first() is None


def test_a_visit_before_the_centre_existed_is_refused_naming_when_its_records_begin(client_request, centres):
    _, _, never = centres
    factories.report(never, reported_at=datetime(2020, 6, 1, 12, tzinfo=UTC))
    db.session.commit()
    client_request.login_as("partnership")
    page = client_request.post("review.record_visit", code="never", _data={"kind": "contact", **parts("15/01/1999")},
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == [
        "The date of the visit must be on or after 1 June 2020, when the centre's records begin"
    ]
    assert db.session.scalars(select(CentreVisit)).first() is None
    client_request.post("review.record_visit", code="never", _data={"kind": "contact", **parts("2/Dec/2020")},
                        _expected_status=302)  # fmt: skip
    assert db.session.scalars(select(CentreVisit.visited_on)).one() == date(2020, 12, 2)


def test_a_mistaken_visit_is_corrected_or_removed_and_the_due_dates_worked_out_again(client_request, centres):
    _, _, never = centres
    client_request.login_as("partnership")
    today = uk_date(now_utc())
    for day in (today - timedelta(days=200), today - timedelta(days=2)):
        client_request.post("review.record_visit", code="never", _data={"kind": "training", **typed(day)},
                            _expected_status=302)  # fmt: skip
    db.session.refresh(never)
    assert never.last_training_on == today - timedelta(days=2)
    mistaken, older = db.session.scalars(select(CentreVisit).order_by(CentreVisit.visited_on.desc())).all()
    page = client_request.get("review.record_visit", code="never")
    links = [link.get_text(" ", strip=True) for link in page.select("#earlier-visits a")]
    assert links[0].startswith("Change the visit of") and links[1].startswith("Remove the visit of")
    # It was a contact visit, not training: corrected, the training date falls back to the older visit.
    client_request.post("review.change_visit", code="never", visit_id=mistaken.id,
                        _data={"kind": "contact", **typed(today - timedelta(days=2))},
                        _expected_status=302)  # fmt: skip
    db.session.refresh(never)
    assert (never.last_training_on, never.last_contact_on) == (older.visited_on, today - timedelta(days=2))
    confirm = client_request.get("review.remove_visit", code="never", visit_id=mistaken.id)
    assert "Remove the visit of" in text_of(confirm, "h1")
    client_request.post("review.remove_visit", code="never", visit_id=mistaken.id, _expected_status=302)
    db.session.refresh(never)
    assert (never.last_training_on, never.last_contact_on) == (older.visited_on, None)
    page = client_request.get("review.centres")
    assert "Overdue" in text_of(page, "main")
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == "never")))
    assert "centre_visit_corrected" in actions and "centre_visit_removed" in actions


def test_removing_a_visit_falls_back_to_the_date_in_the_centres_details(client_request, centres):
    fresh, _, _ = centres
    record_changes(fresh, {"last_contact_on": None})
    given = fresh.last_contact_on
    db.session.commit()
    client_request.login_as("partnership")
    later = typed(given + timedelta(days=5))
    client_request.post("review.record_visit", code="fresh", _data={"kind": "contact", **later}, _expected_status=302)
    visit = db.session.scalars(select(CentreVisit)).one()
    client_request.post("review.remove_visit", code="fresh", visit_id=visit.id, _expected_status=302)
    db.session.refresh(fresh)
    assert fresh.last_contact_on == given


def test_another_centres_visit_answers_404(client_request, centres):
    fresh, _, _ = centres
    visit = upkeep.record_visit(db.session, fresh, "contact", uk_date(now_utc()), None, None)
    client_request.login_as("partnership")
    client_request.get("review.change_visit", code="never", visit_id=visit.id, _expected_status=404)
    client_request.post("review.remove_visit", code="never", visit_id=visit.id, _expected_status=404)
