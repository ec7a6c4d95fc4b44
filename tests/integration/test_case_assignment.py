"""Case work: choosing the caseworker, acknowledging, reviews, My cases and Overdue, deadlines, and who may do what
to a case (reporting/cases/rules.py) on the case's own actions and on notes, status changes and referrals."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from reporting.domain.case_timeline import ACKNOWLEDGED, timeline
from reporting.domain.ukdates import uk_today
from reporting.domain.working_days import add_working_days, deadlines
from reporting.exchange.importing import import_reports
from reporting.extensions import db
from reporting.models import AuditEvent, Centre, Referral, Report, ReportNote
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary, text_of
from tests.support.selfreport import send

TODAY = uk_today()
PAST, FUTURE = TODAY - timedelta(days=1), TODAY + timedelta(days=1)


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def _signed_in(app, user) -> ClientRequest:
    client = app.test_client()
    request = ClientRequest(client, Auth(client))
    request.login(user)
    return request


def _case(centre, *, acknowledge_by=FUTURE, review_by=FUTURE, **fields) -> Report:
    return factories.report(centre, acknowledge_by=acknowledge_by, review_by=review_by, **fields)


def _references(page) -> list[str]:
    table = page.select_one("main table")
    return [] if table is None else [link.get_text(strip=True) for link in table.select("tbody td:first-child a")]


@pytest.fixture
def people(app):
    sale = factories.centre("sale-library", "Sale Library", "sale_central")
    stretford = factories.centre("stretford-library", "Stretford Library", "stretford")
    found = {
        "sale": sale,
        "stretford": stretford,
        "lead": factories.user("lead@example.org", "centre_lead", sale),
        "volunteer": factories.user("volunteer@example.org", "volunteer", sale),
        "second_volunteer": factories.user("second@example.org", "volunteer", sale),
        "gone": factories.user("gone@example.org", "volunteer", sale),
        "stretford_volunteer": factories.user("vs@example.org", "volunteer", stretford),
        "stretford_lead": factories.user("ls@example.org", "centre_lead", stretford),
        "unit": factories.user("unit@example.org", "partnership"),
    }
    found["gone"].active = False  # an account deactivated: never offered as caseworker
    db.session.commit()
    return found


@pytest.fixture
def case(people):
    created = _case(people["sale"], police_consent="named", support_wanted=True)
    db.session.commit()
    return created


# ---------------------------------------------------------------- choosing the caseworker


def test_a_lead_gives_the_case_to_a_caseworker_of_the_centre(app, people, case):
    lead = _signed_in(app, people["lead"])
    page = lead.get("reports.view_report", reference=case.reference)
    offered = [option.get_text(strip=True) for option in page.select("#case-work ~ form select option")]
    assert offered == ["Choose a caseworker", "lead@example.org", "second@example.org", "volunteer@example.org"]
    lead.post("cases.assign", reference=case.reference, _data={"caseworker": str(people["volunteer"].id)},
              _expected_status=303)  # fmt: skip
    db.session.expire_all()
    assert db.session.get(Report, case.id).assigned_to_id == people["volunteer"].id
    [event] = _audit("case_assigned")
    assert (event.object_id, event.detail, event.user_id) == (case.reference, f"caseworker={people['volunteer'].id}",
                                                              people["lead"].id)  # fmt: skip
    page = lead.get("reports.view_report", reference=case.reference)
    assert "volunteer@example.org" in text_of(page, "#case-work + dl")


@pytest.mark.parametrize("who", ["", "stretford_volunteer", "gone", "unit", "not-a-user"])
def test_the_caseworker_must_be_active_staff_of_the_cases_centre(app, people, case, who):
    chosen = str(people[who].id) if who in people else who
    page = _signed_in(app, people["lead"]).post("cases.assign", reference=case.reference,
                                                _data={"caseworker": chosen}, _expected_status=400)  # fmt: skip
    assert error_summary(page) == ["Select who will work on the case"]
    db.session.expire_all()
    assert db.session.get(Report, case.id).assigned_to_id is None and _audit("case_assigned") == []


def test_volunteers_do_not_assign_and_other_centres_do_not_see_the_case(app, people, case):
    volunteer = _signed_in(app, people["volunteer"])
    volunteer.get("cases.assign", reference=case.reference, _expected_status=403)
    volunteer.post("cases.assign", reference=case.reference, _data={"caseworker": str(people["volunteer"].id)},
                   _expected_status=403)  # fmt: skip
    assert volunteer.get("reports.view_report", reference=case.reference).select_one("#case-work ~ form select") is None
    other_lead = _signed_in(app, people["stretford_lead"])
    other_lead.get("cases.assign", reference=case.reference, _expected_status=404)


def test_the_unit_assigns_a_self_report_within_the_centre_it_was_given_to(app, people):
    given = _case(None, assigned_centre=people["stretford"])
    waiting = _case(None)
    db.session.commit()
    unit = _signed_in(app, people["unit"])
    page = unit.get("cases.assign", reference=given.reference)
    assert [option.get_text(strip=True) for option in page.select("#caseworker option")][1:] == [
        "ls@example.org", "vs@example.org"]  # fmt: skip
    unit.post("cases.assign", reference=given.reference, _data={"caseworker": str(people["stretford_volunteer"].id)},
              _expected_status=303)  # fmt: skip
    page = unit.get("cases.assign", reference=waiting.reference)
    assert "Give this self-report to a centre first" in text_of(page, "main")
    unit.post("cases.assign", reference=waiting.reference, _data={"caseworker": str(people["volunteer"].id)},
              _expected_status=400)  # fmt: skip
    db.session.expire_all()
    assert db.session.get(Report, given.id).assigned_to_id == people["stretford_volunteer"].id
    assert db.session.get(Report, waiting.id).assigned_to_id is None


# ---------------------------------------------------------------- acknowledging and reviews


def test_the_caseworker_acknowledges_the_case_once(app, people, case):
    case.assigned_to = people["volunteer"]
    db.session.commit()
    volunteer = _signed_in(app, people["volunteer"])
    page = volunteer.get("reports.view_report", reference=case.reference)
    assert page.find("button", string="Acknowledge the case") is not None
    for _ in range(2):
        volunteer.post("cases.acknowledge", reference=case.reference, _expected_status=303)
    db.session.expire_all()
    acknowledged = db.session.get(Report, case.id)
    assert acknowledged.acknowledged_at is not None
    assert [event.object_id for event in _audit("case_acknowledged")] == [case.reference]
    assert ACKNOWLEDGED in [event.kind for event in timeline(acknowledged)]
    page = volunteer.get("reports.view_report", reference=case.reference)
    assert page.find("button", string="Acknowledge the case") is None
    assert "Acknowledged" in text_of(page, "#case-work + dl")


def test_a_volunteer_who_does_not_work_the_case_cannot_acknowledge_or_review_it(app, people, case):
    other = _signed_in(app, people["second_volunteer"])
    other.post("cases.acknowledge", reference=case.reference, _expected_status=403)
    other.get("cases.record_review", reference=case.reference, _expected_status=403)
    other.post("cases.record_review", reference=case.reference, _data={"note": ""}, _expected_status=403)
    page = other.get("reports.view_report", reference=case.reference)
    assert page.find("button", string="Acknowledge the case") is None
    assert page.find("a", string="Record a review") is None
    _signed_in(app, people["stretford_volunteer"]).post("cases.acknowledge", reference=case.reference,
                                                        _expected_status=404)  # fmt: skip


def test_a_review_moves_the_next_one_on_10_working_days_and_keeps_the_note(app, people, case):
    lead = _signed_in(app, people["lead"])
    lead.get("cases.record_review", reference=case.reference)
    lead.post("cases.record_review", reference=case.reference, _data={"note": "Rang the person: no news yet."},
              _expected_status=303)  # fmt: skip
    db.session.expire_all()
    reviewed = db.session.get(Report, case.id)
    assert reviewed.review_by == add_working_days(TODAY, 10)
    assert [note.text for note in reviewed.notes] == ["Rang the person: no news yet."]
    [event] = _audit("case_reviewed")
    assert event.detail == f"review_by={reviewed.review_by.isoformat()}" and "Rang" not in event.detail
    lead.post("cases.record_review", reference=case.reference, _data={"note": "  "}, _expected_status=303)
    assert db.session.scalar(select(sa.func.count(ReportNote.id))) == 1


def test_a_review_note_cannot_be_too_long(app, people, case):
    page = _signed_in(app, people["lead"]).post("cases.record_review", reference=case.reference,
                                                _data={"note": "n" * 5_001}, _expected_status=400)  # fmt: skip
    assert error_summary(page) == ["The note must be 5,000 characters or fewer"]
    db.session.expire_all()
    assert db.session.get(Report, case.id).review_by == FUTURE and _audit("case_reviewed") == []


# ---------------------------------------------------------------- My cases and Overdue


@pytest.fixture
def caseload(any_app):
    sale = factories.centre("sale-library", "Sale Library", "sale_central")
    stretford = factories.centre("stretford-library", "Stretford Library", "stretford")
    users = {
        "volunteer": factories.user("volunteer@example.org", "volunteer", sale),
        "second_volunteer": factories.user("second@example.org", "volunteer", sale),
        "lead": factories.user("lead@example.org", "centre_lead", sale),
        "stretford_lead": factories.user("ls@example.org", "centre_lead", stretford),
        "unit": factories.user("unit@example.org", "partnership"),
    }
    acknowledged = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    cases = {
        "late_acknowledging": _case(sale, acknowledge_by=PAST, assigned_to=users["volunteer"]),
        "late_review": _case(sale, acknowledge_by=PAST, acknowledged_at=acknowledged, review_by=PAST,
                             assigned_to=users["second_volunteer"]),
        "on_time": _case(sale, assigned_to=users["volunteer"]),
        "due_today": _case(sale, acknowledge_by=TODAY, review_by=TODAY, assigned_to=users["volunteer"]),
        "acknowledged_in_time": _case(sale, acknowledge_by=PAST, acknowledged_at=acknowledged),
        "closed": _case(sale, acknowledge_by=PAST, review_by=PAST, status="closed", assigned_to=users["volunteer"]),
        "referred_late": _case(sale, review_by=PAST, status="referred"),
        "stretford_late": _case(stretford, acknowledge_by=PAST),
        "self_waiting": _case(None, acknowledge_by=PAST),
        "self_given": _case(None, assigned_centre=stretford, review_by=PAST),
    }  # fmt: skip
    db.session.commit()
    return {"app": any_app, "users": users, "cases": {name: case.reference for name, case in cases.items()}}


def _listed(caseload, who: str, endpoint: str) -> set[str]:
    names = {reference: name for name, reference in caseload["cases"].items()}
    page = _signed_in(caseload["app"], caseload["users"][who]).get(endpoint)
    return {names[reference] for reference in _references(page)}


def test_my_cases_are_the_open_cases_assigned_to_me(caseload):
    assert _listed(caseload, "volunteer", "cases.my_cases") == {"late_acknowledging", "on_time", "due_today"}
    assert _listed(caseload, "lead", "cases.my_cases") == set()


def test_a_volunteers_overdue_list_holds_their_own_late_cases(caseload):
    assert _listed(caseload, "volunteer", "cases.overdue") == {"late_acknowledging"}
    assert _listed(caseload, "second_volunteer", "cases.overdue") == {"late_review"}


def test_a_leads_overdue_list_holds_their_centres_late_cases(caseload):
    assert _listed(caseload, "lead", "cases.overdue") == {"late_acknowledging", "late_review", "referred_late"}
    assert _listed(caseload, "stretford_lead", "cases.overdue") == {"stretford_late", "self_given"}


def test_the_units_overdue_list_holds_every_late_case_and_the_self_reports_waiting_for_a_centre(caseload):
    late = {"late_acknowledging", "late_review", "referred_late", "stretford_late", "self_waiting", "self_given"}
    assert _listed(caseload, "unit", "cases.overdue") == late


def test_the_overdue_list_shows_due_dates_and_is_paged(caseload):
    sale = db.session.scalar(select(Report.centre_id).where(Report.reference == caseload["cases"]["on_time"]))
    for _ in range(25):
        _case(db.session.get(Centre, sale), acknowledge_by=PAST - timedelta(days=3))
    db.session.commit()
    lead = _signed_in(caseload["app"], caseload["users"]["lead"])
    first = lead.get("cases.overdue")
    assert "28 cases." in text_of(first, "#case-count") and len(_references(first)) == 25
    assert "Overdue" in text_of(first, "main table tbody")
    last = lead.get("cases.overdue", page="2")
    assert len(_references(last)) == 3
    assert set(_references(first)).isdisjoint(_references(last))
    assert lead.get("cases.overdue", page="99").select_one(".govuk-pagination__item").get_text() == "Page 2 of 2"


def test_the_unit_has_no_my_cases_and_the_header_links_each_list(caseload):
    unit = _signed_in(caseload["app"], caseload["users"]["unit"])
    unit.get("cases.my_cases", _expected_status=403)
    header = unit.get("cases.overdue").select_one("header")
    assert header.find("a", string="Overdue") is not None and header.find("a", string="My cases") is None
    volunteer = _signed_in(caseload["app"], caseload["users"]["volunteer"]).get("cases.my_cases").select_one("header")
    assert volunteer.find("a", string="My cases") is not None


def test_another_centres_caseworker_gets_404_even_when_named_on_the_case(app, people, case):
    case.assigned_to = people["stretford_volunteer"]  # as if the case had moved centre since
    db.session.commit()
    stranger = _signed_in(app, people["stretford_volunteer"])
    stranger.get("reports.view_report", reference=case.reference, _expected_status=404)
    stranger.post("cases.acknowledge", reference=case.reference, _expected_status=404)
    assert _references(stranger.get("cases.my_cases")) == []


# ---------------------------------------------------------------- deadlines from receipt


def test_a_report_sent_online_is_due_2_and_10_working_days_after_receipt(app):
    factories.centre()  # and its area, which the report names
    db.session.commit()
    send(app.test_client())
    report = db.session.scalars(select(Report).where(Report.status == "received")).one()
    assert (report.acknowledge_by, report.review_by) == deadlines(report.received_at)


def test_imported_reports_get_their_deadlines_from_when_they_were_reported(any_app):
    factories.centre("sale-library", "Sale Library", "sale_central")
    db.session.commit()
    line = {"channel": "assisted", "centre": "sale-library", "reported_at": "2025-12-23T16:00:00+00:00",
            "occurred_on": "2025-12-22", "categories": ["race"], "incident_types": ["verbal_abuse"],
            "reporter_role": "victim", "location_type": "street", "area": "sale_central", "postcode": None,
            "description": "Shouted at.", "police_consent": "anonymous", "language": "en",
            "satisfaction": None}  # fmt: skip
    assert import_reports([json.dumps(line)]).imported == 1
    report = db.session.scalars(select(Report)).one()
    assert (report.acknowledge_by, report.review_by) == (datetime(2025, 12, 29).date(), datetime(2026, 1, 9).date())


def test_migration_0015_fills_the_deadlines_of_existing_reports(any_app):
    centre = factories.centre()
    submitted = factories.report(centre, reported_at=datetime(2026, 12, 23, 16, 0, tzinfo=UTC))
    draft = factories.report(centre, status="draft")
    db.session.commit()
    ids = (submitted.id, draft.id)
    db.session.remove()
    downgrade(revision="0014_identifying_evidence")
    upgrade()
    rows = db.session.execute(
        sa.text("SELECT id, acknowledge_by, review_by FROM reports ORDER BY id")).all()  # fmt: skip
    found = {row[0]: (str(row[1]) if row[1] else None, str(row[2]) if row[2] else None) for row in rows}
    assert found == {ids[0]: ("2026-12-29", "2027-01-11"), ids[1]: (None, None)}


# ---------------------------------------------------------------- roles on notes, status changes and referrals


def test_a_volunteer_may_not_update_a_case_they_neither_work_nor_took(app, people, case):
    referral = Referral(report=case, recipient="police", method="post")
    db.session.add(referral)
    db.session.commit()
    volunteer = _signed_in(app, people["volunteer"])
    volunteer.post("reports.add_note", reference=case.reference, _data={"text": "Hello"}, _expected_status=403)
    volunteer.post("reports.change_status", reference=case.reference, _data={"status": "referred"},
                   _expected_status=403)  # fmt: skip
    volunteer.get("referrals.refer", reference=case.reference, recipient="police", _expected_status=403)
    volunteer.post("referrals.refer", reference=case.reference, recipient="support", _data={}, _expected_status=403)
    volunteer.get("referrals.crime_reference", reference=case.reference, referral_id=referral.id,
                  _expected_status=403)  # fmt: skip
    page = volunteer.get("reports.view_report", reference=case.reference)
    for hidden in ("Add note", "Change status"):
        assert page.find("button", string=hidden) is None, hidden
    assert page.find("a", string="Refer to the police") is None
    assert page.find("a", string="Refer to a support service") is None
    assert db.session.scalar(select(sa.func.count(ReportNote.id))) == 0


def test_the_caseworker_notes_and_refers_but_does_not_close(app, people, case):
    case.assigned_to = people["volunteer"]
    db.session.commit()
    volunteer = _signed_in(app, people["volunteer"])
    page = volunteer.get("reports.view_report", reference=case.reference)
    assert [radio["value"] for radio in page.select("input[name=status]")] == ["referred"]
    assert page.find("a", string="Refer to the police") is not None
    volunteer.post("reports.add_note", reference=case.reference, _data={"text": "Called."}, _expected_status=303)
    volunteer.get("referrals.refer", reference=case.reference, recipient="police")
    volunteer.post("reports.change_status", reference=case.reference, _data={"status": "closed"},
                   _expected_status=403)  # fmt: skip
    volunteer.post("reports.change_status", reference=case.reference, _data={"status": "referred"},
                   _expected_status=303)  # fmt: skip
    db.session.expire_all()
    assert db.session.get(Report, case.id).status == "referred"


def test_the_volunteer_who_took_the_report_refers_it_and_adds_notes(app, people, case):
    case.created_by = people["second_volunteer"]
    db.session.commit()
    taker = _signed_in(app, people["second_volunteer"])
    taker.get("referrals.refer", reference=case.reference, recipient="support")
    taker.post("reports.add_note", reference=case.reference, _data={"text": "Gave the leaflet."}, _expected_status=303)


def test_a_lead_works_any_case_of_their_centre(app, people, case):
    lead = _signed_in(app, people["lead"])
    lead.post("reports.add_note", reference=case.reference, _data={"text": "Checked."}, _expected_status=303)
    lead.post("reports.change_status", reference=case.reference, _data={"status": "referred"}, _expected_status=303)
    db.session.expire_all()
    assert db.session.get(Report, case.id).status == "referred"


def test_a_closed_case_offers_no_case_work(app, people, case):
    case.status = "closed"
    db.session.commit()
    page = _signed_in(app, people["lead"]).get("reports.view_report", reference=case.reference)
    assert page.find("button", string="Acknowledge the case") is None
    assert page.find("a", string="Record a review") is None and page.select_one("#caseworker") is None


def test_the_unit_gives_a_case_of_a_closing_centre_to_another_centre(app, people, case):
    case.assigned_to = people["volunteer"]
    db.session.commit()
    signed_in = _signed_in(app, people["unit"])
    page = signed_in.get("reports.view_report", reference=case.reference)
    assert page.select_one("form[action$='/centre'] select[name=centre]") is not None
    signed_in.post("cases.give_to_centre", reference=case.reference, _data={"centre": "stretford-library"},
                   _expected_status=303)  # fmt: skip
    db.session.expire_all()
    moved = db.session.get(Report, case.id)
    assert moved.assigned_centre.code == "stretford-library" and moved.assigned_to is None
    assert moved.centre.code == "sale-library", "where it was made, which the review counts, is unchanged"
    [event] = _audit("case_given_to_centre")
    assert event.detail == "from=None to=stretford-library"
    _signed_in(app, people["stretford_lead"]).get("reports.view_report", reference=case.reference)


def test_only_the_unit_gives_a_case_to_another_centre(app, people, case):
    _signed_in(app, people["lead"]).post("cases.give_to_centre", reference=case.reference,
                                         _data={"centre": "stretford-library"}, _expected_status=403)  # fmt: skip
    assert db.session.get(Report, case.id).assigned_centre is None
