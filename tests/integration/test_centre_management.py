"""Managing centres in the app: adding one with every field, changing it (kept as history), refusing bad input
while keeping what was typed, noticing someone else's change, closing (refused with open cases) and reopening."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from reporting.centres import management
from reporting.centres.models import CentreChange
from reporting.domain.centres import hours_text
from reporting.domain.periods import Period
from reporting.domain.ukdates import uk_today
from reporting.extensions import db
from reporting.models import AuditEvent, Centre
from reporting.review.figures import counting
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary, text_of

TODAY = uk_today()
EVERY_FIELD = {
    "name": "Partington Carers' Centre",
    "code": "partington-carers",
    "kind": "carers_centre",
    "area": "partington",
    "address": "1 Central Road\nPartington",
    "postcode": "m31 4fl",
    "latitude": "53.419",
    "longitude": "-2.43",
    "directions": "Bus 5 stops outside; use the side door.",
    "phone": "0161 777 1234",
    "email": "Hello@Partington.example.org",
    "opening_hours": "Mon-Fri 09:30-17:00; Sat 10:00-12:30, 13:30-16:00",
    "hours_note": "Closed during Friday prayers.",
    "closed_on_bank_holidays": "no",
    "offers": ["assisted_reporting", "interpreters"],
    "access": ["step_free", "bsl"],
    "languages": "en, ur, zh-Hans",
    "contact_person": "Sam Carer",
    "notes": "Key held at reception.",
    "listed_publicly": "no",
    "last_training_on": (TODAY - timedelta(days=40)).isoformat(),
    "last_contact_on": (TODAY - timedelta(days=10)).isoformat(),
}
STALE = (
    "Someone else changed this centre while you had this page open. Your changes have not been saved: check them "
    "against the centre as it is now (its history shows what changed), then save again."
)


@pytest.fixture
def places(app):
    factories.area("partington", "Partington")
    library = factories.centre("sale-library", "Sale Library", opening_hours="Mon-Fri 09:00-17:00",
                               phone="0161 912 3013")  # fmt: skip
    db.session.commit()
    return library


@pytest.fixture
def unit(client_request, places):
    client_request.login_as("partnership")
    return client_request


def _change_form(unit, code: str) -> dict:
    """What the change page shows, as a browser would post it back."""
    page = unit.get("review.change_centre", code=code)
    data = {tag["name"]: tag.get("value", "") for tag in page.select("main form input[type!=radio][type!=checkbox]")}
    data |= {tag["name"]: tag.text for tag in page.select("main form textarea")}
    data |= {tag["name"]: tag.select_one("option[selected]")["value"] for tag in page.select("main form select")}
    data |= {tag["name"]: tag["value"] for tag in page.select("main form input[type=radio][checked]")}
    for box in page.select("main form input[type=checkbox][checked]"):
        data.setdefault(box["name"], []).append(box["value"])
    data.pop("csrf_token")
    return data


def test_a_centre_is_added_with_every_field_and_stored(any_app):
    factories.area("partington", "Partington")
    db.session.commit()
    client = any_app.test_client()
    unit = ClientRequest(client, Auth(client))
    user = unit.login_as("partnership")
    page = unit.get("review.add_centre")
    assert page.select_one("input[name=listed_publicly][value=yes]").has_attr("checked")

    unit.post("review.add_centre", _data=EVERY_FIELD, _expected_redirect="/review/centres")

    centre = db.session.scalars(select(Centre).where(Centre.code == "partington-carers")).one()
    stored = (centre.name, centre.kind, centre.area.code, centre.address, centre.postcode, centre.coordinates)
    assert stored == ("Partington Carers' Centre", "carers_centre", "partington", "1 Central Road\nPartington",
                      "M31 4FL", (53.419, -2.43))  # fmt: skip
    assert (centre.directions, centre.phone, centre.email) == (EVERY_FIELD["directions"], "0161 777 1234",
                                                               "Hello@partington.example.org")  # fmt: skip
    assert hours_text(centre.openings) == "Mon-Fri 09:30-17:00; Sat 10:00-12:30, 13:30-16:00"
    assert (centre.hours_note, centre.closed_on_bank_holidays) == ("Closed during Friday prayers.", False)
    assert (centre.offers, centre.access) == (["assisted_reporting", "interpreters"], ["step_free", "bsl"])
    assert centre.languages == ["en", "ur", "zh-Hans"]
    assert (centre.contact_person, centre.notes, centre.listed_publicly, centre.active) == (
        "Sam Carer", "Key held at reception.", False, True)  # fmt: skip
    assert centre.last_training_on == TODAY - timedelta(days=40)
    assert centre.last_contact_on == TODAY - timedelta(days=10)

    changes = db.session.scalars(select(CentreChange).where(CentreChange.centre_id == centre.id)).all()
    assert {change.field for change in changes} >= {"name", "opening_hours", "offers", "listed_publicly", "notes"}
    assert {(change.changed_by_id, change.source, change.old_value) for change in changes} == {(user.id, "app", None)}
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "centre_added")).one()
    assert (event.object_id, event.user_id) == ("partington-carers", user.id)
    assert "Key held" not in event.detail


def test_the_change_page_shows_the_centre_as_it_is(unit, places):
    data = _change_form(unit, "sale-library")
    assert (data["name"], data["opening_hours"]) == ("Sale Library", "Mon-Fri 09:00-17:00")
    assert data["phone"] == "0161 912 3013"
    assert (data["area"], data["closed_on_bank_holidays"], data["listed_publicly"]) == ("sale_central", "yes", "yes")
    assert "code" not in data and data["version"]


def test_a_change_is_kept_as_history_with_who_when_old_and_new(unit, places):
    data = _change_form(unit, "sale-library")
    data |= {"name": "Sale Library and Hub", "opening_hours": "Mon-Sat 10:00-16:00", "kind": "library",
             "listed_publicly": "no", "languages": "en, pl"}  # fmt: skip
    unit.post("review.change_centre", code="sale-library", _data=data, _expected_redirect="/review/centres")

    changes = {change.field: change for change in db.session.scalars(select(CentreChange))}
    assert set(changes) == {"name", "opening_hours", "kind", "listed_publicly", "languages"}
    assert (changes["name"].old_value, changes["name"].new_value) == ("Sale Library", "Sale Library and Hub")
    assert (changes["opening_hours"].old_value, changes["opening_hours"].new_value) == (
        "Mon-Fri 09:00-17:00", "Mon-Sat 10:00-16:00")  # fmt: skip
    assert all(change.changed_by.email == "partnership-all@example.org" for change in changes.values())
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "centre_changed")).one()
    assert event.detail == "source=app fields=name,kind,opening_hours,languages,listed_publicly"

    page = unit.get("review.centre_history", code="sale-library")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in page.select("tbody tr")]
    by_field = {row[2]: row for row in rows}
    assert by_field["Name"][1:] == ["partnership-all@example.org", "Name", "Sale Library", "Sale Library and Hub",
                                    "In the app"]  # fmt: skip
    assert by_field["Kind of venue"][3:5] == ["(empty)", "Library"]
    assert by_field["Listed publicly"][3:5] == ["Yes", "No"]
    assert by_field["Opening hours"][3:5] == ["Mon-Fri 09:00-17:00", "Mon-Sat 10:00-16:00"]
    assert str(datetime.now(UTC).year) in by_field["Name"][0]


def test_saving_without_a_change_records_nothing(unit, places):
    unit.post("review.change_centre", code="sale-library", _data=_change_form(unit, "sale-library"),
              _expected_redirect="/review/centres")  # fmt: skip
    assert db.session.scalar(select(CentreChange)) is None
    page = unit.get("review.centre_history", code="sale-library")
    assert "No changes have been recorded" in text_of(page, "main")


@pytest.mark.parametrize(
    ("typed", "messages"),
    [
        ({"opening_hours": "Mon 9am-5pm"},
         ["Opening hours: “9am” is not a time. Use 24-hour times, like 09:30-17:00"]),
        ({"opening_hours": "Fri-Mon 09:00-17:00"}, ["Opening hours: write the days “Fri-Mon” in order, like Mon-Fri"]),
        ({"opening_hours": "Mon 09:00-13:00, 12:00-15:00"},
         ["Opening hours: two openings on Mon overlap. Make each end before the next starts"]),
        ({"postcode": "XYZ 123"}, ["Enter a full UK postcode, like M33 7YH"]),
        ({"latitude": "53.4"}, ["Enter the longitude as well as the latitude, or neither"]),
        ({"latitude": "95", "longitude": "-2.3"}, ["Latitude must be between -90 and 90"]),
        ({"latitude": "north", "longitude": "-200"}, ["Enter the latitude as a number, like 53.4246"]),
        ({"email": "not-an-email"}, ["Enter an email address in the correct format, like name@example.com"]),
        ({"phone": "call us"}, ["Enter a phone number, like 0161 912 3013"]),
        ({"languages": "en, English!"},
         ["Enter languages as short codes separated by commas, like en, ur, pl. “English!” is not one"]),
        ({"name": " ", "area": "atlantis"}, ["Enter the centre's name", "Select the area"]),
        ({"last_training_on": "2026-02-30", "last_contact_on": "2999-01-01"},
         ["Enter the date of the last refresher training, like 2026-03-27",
          "The date of the last partnership contact must be today or in the past"]),
        ({"notes": "x" * 2001}, ["Notes must be 2,000 characters or fewer"]),
    ],
)  # fmt: skip
def test_bad_input_is_explained_and_what_was_typed_is_kept(unit, places, typed, messages):
    data = _change_form(unit, "sale-library") | typed
    page = unit.post("review.change_centre", code="sale-library", _data=data, _expected_status=400)
    assert error_summary(page) == messages
    assert page.title.string.startswith("Error:")
    for name, value in typed.items():
        field = page.select_one(f"[name={name}]")
        shown = field.text if field.name == "textarea" else field.get("value")
        if field.name != "select":
            assert shown == value.strip()
    db.session.expire_all()
    assert db.session.scalar(select(CentreChange)) is None


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter a code for the centre"),
        ("Sale Library", "The code must be lowercase letters, numbers and hyphens only, like sale-library"),
        ("sale-library", "A centre with this code already exists. Choose another code"),
    ],
)
def test_a_new_centre_needs_a_new_code_of_the_right_shape(unit, places, code, message):
    data = EVERY_FIELD | {"code": code}
    page = unit.post("review.add_centre", _data=data, _expected_status=400)
    assert error_summary(page) == [message]
    assert page.select_one("#code")["value"] == code
    assert page.select_one("#opening_hours")["value"] == EVERY_FIELD["opening_hours"]
    assert db.session.scalar(select(Centre).where(Centre.name == EVERY_FIELD["name"])) is None


def test_an_empty_form_is_explained_not_an_error_page(unit, places):
    page = unit.post("review.add_centre", _data={}, _expected_status=400)
    assert error_summary(page) == [
        "Enter the centre's name",
        "Enter a code for the centre",
        "Select the area",
        "Select whether the centre is closed on bank holidays",
        "Select whether the centre is on the public list of centres",
    ]
    page = unit.post("review.change_centre", code="sale-library", _data={}, _expected_status=400)
    assert "Enter the centre's name" in error_summary(page)


def test_someone_elses_change_meanwhile_is_not_overwritten_and_the_typed_values_are_kept(unit, places):
    seen = _change_form(unit, "sale-library")
    mine = seen | {"phone": "0161 000 1111", "notes": "My note"}
    theirs = seen | {"name": "Sale Library (theirs)"}
    unit.post("review.change_centre", code="sale-library", _data=theirs, _expected_status=302)

    page = unit.post("review.change_centre", code="sale-library", _data=mine, _expected_status=409)
    assert error_summary(page) == [STALE]
    assert page.select_one("#phone")["value"] == "0161 000 1111" and page.select_one("#notes").text == "My note"
    db.session.expire_all()
    assert db.session.scalar(select(Centre.phone).where(Centre.code == "sale-library")) == "0161 912 3013"
    fresh = page.select_one("input[name=version]")["value"]
    assert fresh != seen["version"]

    unit.post("review.change_centre", code="sale-library", _data=mine | {"version": fresh}, _expected_status=302)
    db.session.expire_all()
    centre = db.session.scalars(select(Centre).where(Centre.code == "sale-library")).one()
    assert (centre.phone, centre.notes, centre.name) == ("0161 000 1111", "My note", "Sale Library")


def test_a_centre_with_open_cases_cannot_be_closed_and_the_page_lists_them(unit, places):
    library = places
    received = factories.report(library, status="received")
    referred = factories.report(library, status="referred")
    factories.report(library, status="closed")
    factories.report(library, status="draft")
    assigned = factories.report(None, status="received", assigned_centre_id=library.id)
    factories.user("lead@sale.example.org", "centre_lead", library)
    db.session.commit()

    page = unit.get("review.close_centre", code="sale-library")
    links = {link.text: link["href"] for link in page.select("main ul.govuk-list a")}
    assert set(links) == {received.reference, referred.reference, assigned.reference}
    assert links[received.reference] == unit.url_for("reports.view_report", reference=received.reference)
    assert "it has 3 open cases" in text_of(page, "main")
    assert "closed, or given to another centre" in text_of(page, "main")
    assert "1 active staff account" in text_of(page, "main")
    assert page.select_one("main form") is None

    unit.post("review.close_centre", code="sale-library", _expected_status=409)
    db.session.refresh(library)
    assert library.active is True


def test_open_cases_given_to_another_centre_no_longer_hold_a_centre_open(unit, places):
    library = places
    other = factories.centre("stretford-library", "Stretford Library", "stretford")
    handed_on = factories.report(library, status="received", assigned_centre_id=other.id)
    db.session.commit()
    assert "it has" not in text_of(unit.get("review.close_centre", code="sale-library"), "main")
    unit.post("review.close_centre", code="sale-library", _expected_redirect="/review/centres")
    page = unit.get("review.close_centre", code="stretford-library")
    assert [link.text for link in page.select("main ul.govuk-list a")] == [handed_on.reference]


def test_closing_keeps_the_reports_and_the_counts_and_is_kept_as_history(unit, places):
    library = places
    factories.report(library, status="closed", reported_at=datetime(2026, 3, 14, 10, tzinfo=UTC))
    factories.report(library, status="closed", reported_at=datetime(2026, 3, 20, 10, tzinfo=UTC))
    factories.user("v1@sale.example.org", "volunteer", library)
    factories.user("v2@sale.example.org", "volunteer", library).active = False
    db.session.commit()
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    before = counting.count_reports(db.session, period, ("centre", "category"))

    page = unit.get("review.close_centre", code="sale-library")
    assert "1 active staff account." in text_of(page, "main")
    assert "Closing the centre keeps all its reports" in text_of(page, "main")
    unit.post("review.close_centre", code="sale-library", _expected_redirect="/review/centres")

    db.session.refresh(library)
    assert library.active is False
    assert counting.count_reports(db.session, period, ("centre", "category")) == before
    assert before[0].codes == ("sale-library", "race") and before[0].count == 2
    change = db.session.scalars(select(CentreChange)).one()
    assert (change.field, change.old_value, change.new_value) == ("active", "yes", "no")
    assert db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "centre_changed")).one() == (
        "source=app fields=active"
    )
    centres_page = unit.get("review.centres")
    assert "Sale Library" in text_of(centres_page, "#closed-centres + p + ul")
    assert centres_page.select_one(f"a[href='{unit.url_for('review.reopen_centre', code='sale-library')}']")
    unit.get("review.close_centre", code="sale-library", _expected_status=302)


def test_a_closed_centre_is_reopened_and_that_is_kept_as_history(unit, places):
    library = places
    unit.post("review.close_centre", code="sale-library", _expected_status=302)
    page = unit.get("review.reopen_centre", code="sale-library")
    assert page.select_one("main form button").text == "Reopen the centre"
    unit.post("review.reopen_centre", code="sale-library", _expected_redirect="/review/centres")
    db.session.refresh(library)
    assert library.active is True
    values = db.session.execute(select(CentreChange.old_value, CentreChange.new_value).order_by(CentreChange.id)).all()
    assert [tuple(row) for row in values] == [("yes", "no"), ("no", "yes")]
    history = unit.get("review.centre_history", code="sale-library")
    assert [row.select("td")[3].text for row in history.select("tbody tr")] == ["Yes", "No"]
    unit.get("review.reopen_centre", code="sale-library", _expected_status=302)


def test_an_unknown_centre_is_not_found(unit):
    for endpoint in ("review.change_centre", "review.close_centre", "review.reopen_centre", "review.centre_history"):
        unit.get(endpoint, code="nowhere", _expected_status=404)


def test_the_centres_page_offers_every_action(unit, places):
    page = unit.get("review.centres")
    hrefs = {link["href"] for link in page.select("main a")}
    for endpoint in ("review.change_centre", "review.close_centre", "review.centre_history", "review.record_visit"):
        assert unit.url_for(endpoint, code="sale-library") in hrefs
    assert unit.url_for("review.add_centre") in hrefs


PAGES = [
    ("review.add_centre", {}),
    ("review.change_centre", {"code": "sale-library"}),
    ("review.close_centre", {"code": "sale-library"}),
    ("review.reopen_centre", {"code": "sale-library"}),
    ("review.centre_history", {"code": "sale-library"}),
]


@pytest.mark.parametrize(("endpoint", "values"), PAGES)
@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_are_refused(client_request, places, endpoint, values, role):
    client_request.login_as(role, places)
    client_request.get(endpoint, **values, _expected_status=403)
    if endpoint != "review.centre_history":
        client_request.post(endpoint, **values, _data={}, _expected_status=403)
    assert places.active is True


@pytest.mark.parametrize(("endpoint", "values"), PAGES)
def test_anyone_signed_out_is_sent_to_sign_in(client_request, places, endpoint, values):
    response = client_request.get_response(endpoint, **values, _expected_status=302)
    assert response.location.startswith("/sign-in?next=")


def test_an_admin_may_manage_centres(client_request, places):
    client_request.login_as("admin")
    client_request.post("review.close_centre", code="sale-library", _expected_status=302)
    assert management.find_centre("sale-library").active is False


def test_the_centres_longer_text_fields_show_their_limits_up_front(unit, places):
    page = unit.get("review.change_centre", code="sale-library")
    counters = {box.select_one("textarea")["name"]: box["data-maxlength"]
                for box in page.select("[data-module=govuk-character-count]")}  # fmt: skip
    assert counters and counters["address"] == "500"
    assert all(int(limit) > 0 for limit in counters.values())
