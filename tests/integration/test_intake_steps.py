"""The assisted report's steps: every validation rule, every skip rule, Back links and the change loop."""

from datetime import date, timedelta

import pytest

from reporting import messages
from reporting.models import Report
from tests.support import factories
from tests.support.html import error_summary, text_of
from tests.support.intake import ANSWERS, answer_step, go_through_steps, start_report, step_url
from tests.support.selfreport import go_through as go_through_online


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def reference(client_request, centre):
    client_request.login_as("volunteer", centre)
    return start_report(client_request)


def _report(db, reference) -> Report:
    db.session.expire_all()
    return db.session.query(Report).filter_by(reference=reference).one()


def refused(client_request, reference: str, slug: str, data: dict):
    """Post answers the step refuses: 200, the step's page again with what is wrong."""
    return client_request.post("intake.step", reference=reference, slug=slug, _data=data, _expected_status=200)


def step_page(client_request, reference: str, slug: str, change: bool = False):
    return client_request.get("intake.step", reference=reference, slug=slug, change=1 if change else None)


TOMORROW = date.today() + timedelta(days=2)
LONG = "x" * 10_001

# (earlier answers that make the step apply, step, posted answers, field the error belongs to, message)
VALIDATION_RULES = [
    ({}, "who-is-reporting", {}, "reporter_role", messages.SELECT_REPORTER_ROLE),
    ({}, "who-is-reporting", {"reporter_role": "the-king"}, "reporter_role", messages.SELECT_REPORTER_ROLE),
    ({}, "what-happened", {"description": "Shouted at."}, "incident_types", messages.SELECT_INCIDENT_TYPE),
    ({}, "what-happened", {"incident_types": "threats", "description": "   "}, "description",
     messages.ENTER_DESCRIPTION),
    ({}, "what-happened", {"incident_types": "threats", "description": LONG}, "description",
     messages.DESCRIPTION_TOO_LONG),
    ({"what-happened": {"incident_types": "mate_crime", "description": "x"}}, "safeguarding", {},
     "safeguarding_referral", messages.SELECT_SAFEGUARDING),
    ({}, "why", {}, "categories", messages.SELECT_CATEGORY),
    ({}, "why", {"categories": "martians"}, "categories", messages.SELECT_CATEGORY),
    ({}, "when", {"ongoing": "no"}, "occurred_on", messages.ENTER_DATE),
    ({}, "when", {"occurred_on-month": "3", "occurred_on-year": "2026", "ongoing": "no"}, "occurred_on",
     messages.DATE_NEEDS_DAY),
    ({}, "when", {"occurred_on-day": "3", "occurred_on-year": "2026", "ongoing": "no"}, "occurred_on",
     messages.DATE_NEEDS_MONTH),
    ({}, "when", {"occurred_on-day": "3", "occurred_on-month": "3", "ongoing": "no"}, "occurred_on",
     messages.DATE_NEEDS_YEAR),
    ({}, "when", {"occurred_on-day": "3", "occurred_on-month": "3", "occurred_on-year": "26", "ongoing": "no"},
     "occurred_on", messages.DATE_YEAR_FOUR_DIGITS),
    ({}, "when", {"occurred_on-day": "30", "occurred_on-month": "2", "occurred_on-year": "2026", "ongoing": "no"},
     "occurred_on", messages.DATE_NOT_REAL),
    ({}, "when", {"occurred_on-day": "a", "occurred_on-month": "b", "occurred_on-year": "2026", "ongoing": "no"},
     "occurred_on", messages.DATE_NOT_REAL),
    ({}, "when", {"occurred_on-day": str(TOMORROW.day), "occurred_on-month": str(TOMORROW.month),
                  "occurred_on-year": str(TOMORROW.year), "ongoing": "no"}, "occurred_on", messages.DATE_IN_FUTURE),
    ({}, "when", {"occurred_on_approximate": "y", "ongoing": "no"}, "occurred_on", messages.ENTER_MONTH_YEAR),
    ({}, "when", {"occurred_on-day": "3", "occurred_on-month": "3", "occurred_on-year": "2026"}, "ongoing",
     messages.SELECT_ONGOING),
    ({}, "where", {}, "location_type", messages.SELECT_LOCATION_TYPE),
    ({}, "place", {"postcode": "M33 7XY"}, "area", messages.SELECT_AREA),
    ({}, "place", {"area": "not_known", "postcode": "NOT A POSTCODE"}, "postcode", messages.ENTER_REAL_POSTCODE),
    ({}, "place", {"area": "not_known", "location_description": "y" * 2_001}, "location_description",
     messages.PLACE_TOO_LONG),
    ({"where": {"location_type": "online"}}, "online-abuse", {"online_links": "z" * 5_001}, "online_links",
     messages.ONLINE_LINKS_TOO_LONG),
    ({}, "witnesses", {}, "witnesses", messages.SELECT_WITNESSES),
    ({}, "witnesses", {"witnesses": "several"}, "witnesses_willing", messages.SELECT_WITNESSES_WILLING),
    ({}, "responsible", {}, "perpetrator_known", messages.SELECT_PERPETRATOR_KNOWN),
    ({}, "responsible", {"perpetrator_known": "no", "perpetrator_description": "p" * 5_001},
     "perpetrator_description", messages.PERPETRATOR_TOO_LONG),
    ({}, "harm-and-support", {"support_wanted": "no"}, "injured", messages.SELECT_INJURED),
    ({}, "harm-and-support", {"injured": "yes", "support_wanted": "no"}, "injuries", messages.ENTER_INJURIES),
    ({}, "harm-and-support", {"injured": "yes", "injuries": "i" * 2_001, "support_wanted": "no"}, "injuries",
     messages.INJURIES_TOO_LONG),
    ({}, "harm-and-support", {"injured": "no"}, "support_wanted", messages.SELECT_SUPPORT_WANTED),
    ({}, "harm-and-support", {"injured": "no", "support_wanted": "yes"}, "support_kinds",
     messages.SELECT_SUPPORT_KINDS),
    ({}, "police", {}, "police_consent", messages.SELECT_POLICE_CONSENT),
    ({"police": {"police_consent": "named"}}, "police-contact", {}, "police_contact", messages.SELECT_POLICE_CONTACT),
    ({"police": {"police_consent": "named"}}, "police-contact", {"police_contact": "officer_sex"},
     "police_officer_sex", messages.SELECT_OFFICER_SEX),
    ({"police": {"police_consent": "named"}}, "police-contact", {"police_contact": "trusted_person"},
     "trusted_person", messages.ENTER_TRUSTED_PERSON),
    ({"police": {"police_consent": "named"}}, "contact", {**ANSWERS["contact"], "name": ""}, "name",
     messages.ENTER_NAME),
    ({"police": {"police_consent": "named"}}, "contact", {**ANSWERS["contact"], "preferred_method": ""},
     "preferred_method", messages.SELECT_CONTACT_METHOD),
    ({"police": {"police_consent": "named"}}, "contact", {**ANSWERS["contact"], "phone": ""}, "phone",
     messages.ENTER_PHONE),
    ({"police": {"police_consent": "named"}}, "contact", {**ANSWERS["contact"], "phone": "12345"}, "phone",
     messages.ENTER_PHONE),
    ({"police": {"police_consent": "named"}}, "contact",
     {**ANSWERS["contact"], "preferred_method": "email", "email": "sam at example"}, "email",
     messages.ENTER_CONTACT_EMAIL),
    ({"police": {"police_consent": "named"}}, "contact", {**ANSWERS["contact"], "preferred_method": "letter"},
     "address", messages.ENTER_ADDRESS),
    ({"police": {"police_consent": "named"}}, "contact", {**ANSWERS["contact"], "safe_to_leave_message": ""},
     "safe_to_leave_message", messages.SELECT_LEAVE_MESSAGE),
    ({}, "accessibility-and-language", {"language": "klingon"}, "language", messages.SELECT_LANGUAGE),
    ({}, "accessibility-and-language", {"language": "en", "communication_needs": "interpreter"},
     "interpreter_language", messages.ENTER_INTERPRETER_LANGUAGE),
    ({}, "accessibility-and-language", {"language": "en", "accessibility_needs": "a" * 2_001}, "accessibility_needs",
     messages.ACCESSIBILITY_TOO_LONG),
]  # fmt: skip


@pytest.mark.parametrize(("earlier", "slug", "data", "field_id", "message"), VALIDATION_RULES)
def test_each_rule_shows_its_message_linked_to_the_field(client_request, reference, earlier, slug, data, field_id,
                                                         message):  # fmt: skip
    for earlier_slug, earlier_data in earlier.items():
        answer_step(client_request, reference, earlier_slug, earlier_data)
    page = refused(client_request, reference, slug, data)  # 200: an invalid answer must not move on
    assert page.title.string.startswith("Error:")
    assert str(message) in error_summary(page)
    link = page.select_one(".govuk-error-summary__list a")
    assert link["href"] == f"#{field_id}"
    field = page.find(id=field_id)
    assert field is not None, "the error summary links to an element on the page"
    group = field.find_parent(class_="govuk-form-group--error")
    assert group is not None and str(message) in group.select_one(".govuk-error-message").get_text()


def test_an_invalid_page_keeps_every_other_answer(client_request, reference):
    page = refused(client_request, reference, "what-happened", {"description": "They spat at me.\nTwice."})
    assert page.select_one("textarea#description").get_text() == "They spat at me.\nTwice."
    page = refused(client_request, reference, "when", {"occurred_on-day": "4", "occurred_on-month": "11",
                                                       "occurred_on-year": "26", "occurred_time": "night"})  # fmt: skip
    assert page.select_one("#occurred_on")["value"] == "4"
    assert page.select_one("#occurred_on-month")["value"] == "11"
    assert page.select_one("input[name=occurred_time][value=night]").has_attr("checked")
    assert error_summary(page) == [str(messages.DATE_YEAR_FOUR_DIGITS), str(messages.SELECT_ONGOING)]


def test_a_month_is_enough_when_they_are_not_sure_of_the_date(client_request, db, reference):
    data = {"occurred_on_approximate": "y", "occurred_on-month": "2", "occurred_on-year": "2026", "ongoing": "yes"}
    answer_step(client_request, reference, "when", data)
    report = _report(db, reference)
    assert (report.occurred_on, report.occurred_on_approximate, report.ongoing) == (date(2026, 2, 1), True, True)
    page = step_page(client_request, reference, "when")
    assert page.select_one("#occurred_on")["value"] == "", "the day is not made up when showing it again"
    assert page.select_one("#occurred_on_approximate").has_attr("checked")


def test_optional_questions_can_be_left_out(client_request, db, reference):
    answer_step(client_request, reference, "equality", {})
    answer_step(client_request, reference, "place", {"area": "not_known"})
    report = _report(db, reference)
    assert report.equality is None
    assert (report.area_id, report.postcode, report.location_description) == (None, None, None)


def test_prefer_not_to_say_is_stored_for_equality_questions(client_request, db, reference):
    answers = {"age_band": "prefer_not", "ethnicity": "prefer_not", "disability": "no"}
    answer_step(client_request, reference, "equality", answers)
    equality = _report(db, reference).equality
    assert (equality.age_band, equality.ethnicity, equality.disability, equality.sex) == (
        "prefer_not", "prefer_not", "no", None
    )  # fmt: skip


def test_every_equality_question_offers_prefer_not_to_say(client_request, reference):
    page = step_page(client_request, reference, "equality")
    fieldsets = page.select("form .govuk-fieldset")
    assert len(fieldsets) == 7
    for fieldset in fieldsets:
        assert fieldset.select_one("input[value=prefer_not]"), fieldset.legend.get_text()


# (answers that differ from the standard ones, steps that must be skipped, steps that must be shown)
SKIP_RULES = [
    ({"where": {"location_type": "online"}}, {"place"}, {"online-abuse"}),
    ({"what-happened": {"incident_types": ["online"], "description": "x"}}, set(), {"online-abuse", "place"}),
    ({"what-happened": {"incident_types": ["threats"], "description": "x"}}, {"safeguarding", "online-abuse"}, set()),
    ({"what-happened": {"incident_types": ["mate_crime"], "description": "x"}}, set(), {"safeguarding"}),
    ({"police": {"police_consent": "none"}, "harm-and-support": {"injured": "no", "support_wanted": "no"}},
     {"police-contact", "contact", "identifying-details"}, set()),
    ({"police": {"police_consent": "none"}}, {"police-contact", "identifying-details"}, {"contact"}),
    ({"police": {"police_consent": "anonymous"}, "harm-and-support": {"injured": "no", "support_wanted": "no"}},
     {"police-contact", "contact"}, {"identifying-details"}),
    ({"who-is-reporting": {"reporter_role": "centre_staff"}}, {"equality"}, set()),
]  # fmt: skip


@pytest.mark.parametrize(("different", "skipped", "shown"), SKIP_RULES)
def test_each_skip_rule_leaves_out_pages_that_do_not_apply(client_request, reference, different, skipped, shown):
    seen = set(go_through_steps(client_request, reference, different))
    assert not seen & skipped
    assert shown <= seen


def test_a_skipped_page_is_not_reachable_and_its_old_answers_are_forgotten(client_request, db, reference):
    go_through_steps(client_request, reference)
    assert _report(db, reference).postcode == "M33 7XY"
    answer_step(client_request, reference, "where", {"location_type": "online"})
    report = _report(db, reference)
    assert (report.area_id, report.postcode, report.location_description) == (None, None, None)
    assert "place" not in report.steps_done
    response = client_request.get_response("intake.step", reference=reference, slug="place", _expected_status=302)
    assert "/place" not in response.headers["Location"]
    answer_step(client_request, reference, "police", {"police_consent": "none"})
    answer_step(client_request, reference, "harm-and-support", {"injured": "no", "support_wanted": "no"})
    report = _report(db, reference)
    assert report.contact is None, "contact details are not kept once nobody needs them"
    assert report.police_contact == [] and report.support_kinds == []


def _back_link(client_request, reference, slug, change=False) -> str:
    return step_page(client_request, reference, slug, change).select_one(".govuk-back-link")["href"]


def test_back_goes_to_the_previous_page_that_was_shown(client_request, reference):
    answer_step(client_request, reference, "what-happened", {"incident_types": "threats", "description": "x"})
    assert _back_link(client_request, reference, "why") == step_url(reference, "what-happened")
    answer_step(client_request, reference, "what-happened", {"incident_types": "mate_crime", "description": "x"})
    assert _back_link(client_request, reference, "why") == step_url(reference, "safeguarding")
    answer_step(client_request, reference, "where", {"location_type": "online"})
    assert _back_link(client_request, reference, "online-abuse") == step_url(reference, "where")
    assert _back_link(client_request, reference, "who-is-reporting") == "/intake/drafts"
    assert _back_link(client_request, reference, "why", change=True) == f"/intake/{reference}/check-answers"


def test_check_answers_lists_every_answer_with_a_change_link(client_request, reference):
    go_through_steps(client_request, reference)
    page = client_request.get("intake.check_answers", reference=reference)
    text = text_of(page, "main")
    for expected in ("Verbal abuse, insults or name-calling", "Threats or intimidation", "Shouted at outside the shop.",
                     "13 March 2026", "Evening (6pm to midnight)", "Sale Central", "M33 7XY", "A female officer",
                     "Sam Example", "07700 900 982", "Urdu", "25 to 34", "Prefer not to say"):  # fmt: skip
        assert expected in text, expected
    links = [a["href"] for a in page.select(".govuk-summary-list__actions a")]
    assert f"/intake/{reference}/what-happened?change=1#description" in links
    assert f"/intake/{reference}/when?change=1#occurred_on" in links


def test_after_a_change_the_volunteer_returns_to_check_answers(client_request, db, reference):
    go_through_steps(client_request, reference)
    changed = {"incident_types": "threats", "description": "New."}
    response = answer_step(client_request, reference, "what-happened", changed, change=True)
    assert response.headers["Location"] == f"/intake/{reference}/check-answers"
    assert "New." in text_of(client_request.get_url(response.headers["Location"]), "main")


def test_a_change_that_opens_a_new_page_asks_it_then_returns_to_check_answers(client_request, db, reference):
    go_through_steps(client_request, reference, {"police": {"police_consent": "none"}})
    response = answer_step(client_request, reference, "police", {"police_consent": "named"}, change=True)
    assert response.headers["Location"] == step_url(reference, "police-contact", change=True)
    response = answer_step(client_request, reference, "police-contact", change=True)
    assert response.headers["Location"] == f"/intake/{reference}/check-answers"
    assert _report(db, reference).police_contact == ["phone", "officer_sex"]


def test_check_answers_sends_an_unfinished_draft_to_its_next_question(client_request, reference):
    answer_step(client_request, reference, "who-is-reporting")
    response = client_request.get_response("intake.check_answers", reference=reference, _expected_status=302)
    assert response.headers["Location"] == step_url(reference, "what-happened")


def test_an_unknown_step_is_not_found(client_request, reference):
    client_request.get("intake.step", reference=reference, slug="favourite-colour", _expected_status=404)


def test_a_closed_centre_takes_no_new_reports(client_request, db):
    closed = factories.centre("closed-hall", "Closed Hall", "sale_moor")
    closed.active = False
    db.session.commit()
    client_request.login_as("volunteer", closed)
    page = client_request.post("intake.start", _expected_status=409)
    assert "Your centre is closed, so new reports cannot be made for it" in page.get_text(" ")
    assert db.session.query(Report).count() == 0


def test_a_postcode_district_alone_is_accepted_kept_and_shown_back(client_request, db, reference):
    go_through_steps(client_request, reference, {"place": {"area": "not_known", "postcode": " m33 "}})
    report = _report(db, reference)
    assert (report.postcode, report.postcode_district) == (None, "M33")
    assert "M33" in text_of(client_request.get("intake.check_answers", reference=reference), "main")
    page = step_page(client_request, reference, "place", change=True)
    assert page.select_one("input[name=postcode]")["value"] == "M33"
    # Saving the step again, untouched, keeps the district.
    answer_step(client_request, reference, "place", {"area": "not_known", "postcode": "M33"}, change=True)
    assert _report(db, reference).postcode_district == "M33"
    page = refused(client_request, reference, "place", {"area": "not_known", "postcode": "M33X"})
    assert error_summary(page) == [str(messages.ENTER_REAL_POSTCODE)]


def _highlighted(page) -> list[str]:
    return [box["name"].split("-")[1] for box in page.select("input.govuk-input--error[name^=occurred_on-]")]


def test_every_wrong_part_of_a_date_is_highlighted(client_request, reference):
    page = refused(client_request, reference, "when", {"occurred_on-day": "aa", "occurred_on-month": "bb",
                                                       "occurred_on-year": "cccc", "ongoing": "no"})  # fmt: skip
    assert error_summary(page) == [str(messages.DATE_NOT_REAL)]
    assert _highlighted(page) == ["day", "month", "year"]
    page = refused(client_request, reference, "when", {"occurred_on-day": "3", "occurred_on-month": "bb",
                                                       "occurred_on-year": "2026", "ongoing": "no"})  # fmt: skip
    assert _highlighted(page) == ["month"]
    page = refused(client_request, reference, "when", {"occurred_on-day": "3", "occurred_on-month": "",
                                                       "occurred_on-year": "", "ongoing": "no"})  # fmt: skip
    assert _highlighted(page) == ["month", "year"]


@pytest.mark.parametrize("month", ["December", "dec", "Dec.", "12"])
def test_a_month_may_be_typed_as_its_name(client_request, db, reference, month):
    answer_step(client_request, reference, "when", {"occurred_on-day": "1", "occurred_on-month": month,
                                                    "occurred_on-year": "2025", "ongoing": "no"})  # fmt: skip
    assert _report(db, reference).occurred_on == date(2025, 12, 1)


def test_an_incident_more_than_ten_years_ago_is_refused_naming_the_earliest_date(client_request, reference):
    page = refused(client_request, reference, "when", {"occurred_on-day": "1", "occurred_on-month": "1",
                                                       "occurred_on-year": "1900", "ongoing": "no"})  # fmt: skip
    earliest = date.today().replace(year=date.today().year - 10)
    expected = f"must be on or after {earliest.day} {earliest:%B} {earliest.year}"
    assert len(error_summary(page)) == 1 and expected in error_summary(page)[0]
    assert _highlighted(page) == ["year"]
    assert page.select_one("input[name=occurred_on-year]")["value"] == "1900"


def test_the_assisted_options_speak_of_the_person_as_they(client_request, reference):
    police = step_page(client_request, reference, "police")
    options = [text_of(police, f"label[for={radio['id']}]") for radio in police.select("input[name=police_consent]")]
    assert options == [
        "Share with the police, with their details",
        "Share with the police, without their details",
        "Do not share with the police",
    ]
    go_through_steps(client_request, reference, {"police": {"police_consent": "named"}}, stop_at="contact")
    contact = step_page(client_request, reference, "contact")
    labels = [text_of(contact, f"label[for={radio['id']}]") for radio in contact.select("input[name=preferred_method]")]
    assert labels[-1] == "They do not want to be contacted"
    assert not {"me", "my"} & {word.strip(",.") for text in options + labels for word in text.lower().split()}


def test_long_text_fields_show_their_limit_up_front(client_request, reference):
    page = step_page(client_request, reference, "what-happened")
    counter = page.select_one("[data-module=govuk-character-count]")
    assert counter["data-maxlength"] == "10000"
    assert counter.select_one("textarea")["name"] == "description"
    assert text_of(counter, ".govuk-character-count__message") == "You can enter up to 10,000 characters"
    assert counter["data-i18n.characters-under-limit.other"] == "You have %{count} characters remaining"
    assert counter["data-i18n.characters-under-limit.one"] == "You have %{count} character remaining"
    place = step_page(client_request, reference, "place")
    assert place.select_one("[data-module=govuk-character-count]")["data-maxlength"] == "2000"


def test_the_character_count_speaks_the_pages_language(client, client_request):
    _, location = go_through_online(client, query="?lang=pl", stop_at="tell-us-what-happened")
    counter = client_request.get_url(location).select_one("[data-module=govuk-character-count]")
    assert counter["data-maxlength"] == "10000"
    # Polish has more plural forms than English: the script is given a message for each.
    keys = {key.rsplit(".", 1)[1] for key in counter.attrs if key.startswith("data-i18n.characters-under-limit.")}
    assert {"one", "few", "many"} <= keys
