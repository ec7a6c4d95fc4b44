"""Producing referrals from the report page: what consent offers, what is recorded, who may do it."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, Referral, Report
from tests.support import factories
from tests.support.html import error_summary, text_of

CONTACT = {
    "name": "Amira Khan",
    "phone": "07700 900123",
    "email": "amira.khan@example.org",
    "address": "12 Example Street, Sale",
    "preferred_method": "phone",
    "safe_times": "Weekdays after 6pm",
    "safe_to_leave_message": False,
}


@pytest.fixture
def centre(app):
    return factories.centre(address="Tatton Road, Sale", opening_hours="Mon-Fri 09:00-17:00")


def make_report(centre, **fields):
    values = {"police_consent": "named", "support_wanted": True, "postcode": "M33 7XY", "contact": dict(CONTACT)}
    values.update(fields)
    created = factories.report(centre, **values)
    db.session.commit()
    return created


def as_the_volunteer_who_took(client_request, centre, *reports):
    """Sign in as the volunteer who took the reports at the tablet: volunteers refer only those (or their cases)."""
    user = client_request.login_as("volunteer", centre)
    for report in reports:
        report.created_by = user
    db.session.commit()
    return user


def audit_actions(reference: str) -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(AuditEvent.action, AuditEvent.detail).where(AuditEvent.object_id == reference).order_by(AuditEvent.id)
    )
    return [(action, detail or "") for action, detail in rows]


def referrals_of(report) -> list[Referral]:
    db.session.expire_all()
    return list(db.session.scalars(select(Referral).where(Referral.report_id == report.id).order_by(Referral.id)))


def report_page(client_request, report):
    return client_request.get("reports.view_report", reference=report.reference)


def refer(client_request, report, recipient: str, data: dict, status: int = 303, **options):
    """POST the referral form for `recipient`: 303 on to the referral (or back to the report when refused)."""
    return client_request.post_response("referrals.refer", reference=report.reference, recipient=recipient, _data=data,
                                        _expected_status=status, **options)  # fmt: skip


def referral_history(page) -> list[str]:
    """The rows of the report page's referral history table, as text."""
    caption = page.find("caption", string="Referrals of this report, oldest first")
    assert caption is not None, "no referral history on the page"
    return [" ".join(row.get_text(" ").split()) for row in caption.find_parent("table").select("tbody tr")]


# ---------------------------------------------------------------- what the report page offers


def test_the_report_page_offers_what_consent_allows(client_request, centre):
    report = make_report(centre, police_consent="anonymous", support_wanted=True)
    as_the_volunteer_who_took(client_request, centre, report)
    page = report_page(client_request, report)
    section = text_of(page, "main")
    assert page.find("a", string="Refer to the police")["href"] == f"/reports/{report.reference}/refer/police"
    assert page.find("a", string="Refer to a support service")
    assert "The person asked to stay anonymous." in section
    assert "This report has not been referred." in section


def test_police_referral_is_not_offered_without_consent_nor_support_referral_without_a_wish(client_request, centre):
    report = make_report(centre, police_consent="none", support_wanted=False)
    client_request.login_as("centre_lead", centre)
    page = report_page(client_request, report)
    assert page.find("a", string="Refer to the police") is None
    assert page.find("a", string="Refer to a support service") is None
    text = text_of(page, "main")
    assert "did not agree to share this report with the police, so it cannot be referred to them" in text
    assert "did not ask for support, so this report cannot be referred to a support service" in text


# ---------------------------------------------------------------- producing a referral


def test_producing_a_police_referral_records_it_moves_the_report_to_referred_and_audits_it(client_request, centre):
    report = make_report(centre, police_consent="named")
    user = as_the_volunteer_who_took(client_request, centre, report)
    form = client_request.get("referrals.refer", reference=report.reference, recipient="police")
    assert "The referral will include them." in text_of(form, "main")

    response = refer(client_request, report, "police", {"method": "secure_email"})

    [referral] = referrals_of(report)
    assert response.headers["Location"] == f"/reports/{report.reference}/referrals/{referral.id}"
    assert (referral.recipient, referral.method, referral.sent_by_id, referral.organisation) == (
        "police",
        "secure_email",
        user.id,
        None,
    )
    stored = db.session.get(Report, report.id)
    assert stored.status == "referred"
    assert stored.referred_at == referral.sent_at
    assert ("referral_produced", f"referral={referral.id} recipient=police") in audit_actions(report.reference)

    confirmation = client_request.get_url(response.headers["Location"])
    assert "Referral produced. Download it and send it." in text_of(confirmation, ".govuk-notification-banner")
    assert text_of(confirmation, "h1") == f"Referral {report.reference}-P1"
    assert confirmation.find("a", string="Download the referral (PDF)")


def test_the_referral_history_shows_on_the_report_page(client_request, centre):
    report = make_report(centre)
    user = client_request.login_as("centre_lead", centre)
    refer(client_request, report, "police", {"method": "post"}, status=200, _follow_redirects=True)
    refer(client_request, report, "support", {"organisation": "Stop Hate UK", "method": "secure_email"}, status=200,
          _follow_redirects=True)  # fmt: skip
    rows = referral_history(report_page(client_request, report))
    assert len(rows) == 2
    assert rows[0].startswith("Police") and "Post" in rows[0] and user.email in rows[0] and "Not yet given" in rows[0]
    assert rows[1].startswith("Stop Hate UK") and "Secure email" in rows[1]


def test_a_double_submitted_referral_is_recorded_once(client_request, centre):
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    first = refer(client_request, report, "police", {"method": "post"})
    second = refer(client_request, report, "police", {"method": "post"})
    [referral] = referrals_of(report)
    assert (
        first.headers["Location"]
        == second.headers["Location"]
        == f"/reports/{report.reference}/referrals/{referral.id}"
    )
    assert [action for action, _ in audit_actions(report.reference)].count("referral_produced") == 1


def test_a_second_referral_keeps_the_first_referral_time(client_request, centre):
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    refer(client_request, report, "police", {"method": "post"})
    first = referrals_of(report)[0].sent_at
    refer(client_request, report, "support", {"organisation": "Victim Support", "method": "post"})
    assert db.session.get(Report, report.id).referred_at == first
    assert len(referrals_of(report)) == 2


def test_a_closed_report_stays_closed_when_referred(client_request, centre):
    report = make_report(centre, status="closed")
    as_the_volunteer_who_took(client_request, centre, report)
    refer(client_request, report, "police", {"method": "post"})
    stored = db.session.get(Report, report.id)
    assert stored.status == "closed" and stored.referred_at is not None


@pytest.mark.parametrize(
    "recipient, data, expected",
    [
        ("police", {}, ["Select how the referral will be sent"]),
        ("police", {"method": "carrier-pigeon"}, ["Select how the referral will be sent"]),
        ("support", {"method": "post"}, ["Select the support service to refer to"]),
        (
            "support",
            {"organisation": "Somebody Else", "method": ""},
            ["Select the support service to refer to", "Select how the referral will be sent"],
        ),
    ],
)
def test_the_referral_form_explains_what_is_missing_and_stores_nothing(client_request, centre, recipient, data,
                                                                      expected):  # fmt: skip
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    page = client_request.post("referrals.refer", reference=report.reference, recipient=recipient, _data=data,
                               _expected_status=200)  # fmt: skip
    assert error_summary(page) == expected
    assert page.title.string.startswith("Error:")
    assert referrals_of(report) == []
    assert db.session.get(Report, report.id).status == "received"


def test_the_support_form_lists_the_configured_organisations(client_request, centre, app):
    app.config["SUPPORT_ORGANISATIONS"] = [{"name": "Trafford Hate Crime Support"}, "Victim Support"]
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    page = client_request.get("referrals.refer", reference=report.reference, recipient="support")
    options = [radio["value"] for radio in page.select("input[name=organisation]")]
    assert options == ["Trafford Hate Crime Support", "Victim Support"]
    refer(client_request, report, "support", {"organisation": "Trafford Hate Crime Support", "method": "in_person"})
    assert referrals_of(report)[0].organisation == "Trafford Hate Crime Support"


def test_referral_forms_need_the_csrf_token(client_request, centre):
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    refer(client_request, report, "police", {"method": "post"}, status=400, _csrf=False)
    assert referrals_of(report) == []


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_police_referral_without_consent_is_refused_and_the_attempt_audited(client_request, centre, method):
    report = make_report(centre, police_consent="none")
    as_the_volunteer_who_took(client_request, centre, report)
    response = getattr(client_request, f"{method}_response")(
        "referrals.refer", reference=report.reference, recipient="police", _data={"method": "post"},
        _expected_status=303,
    )  # fmt: skip
    assert response.headers["Location"] == f"/reports/{report.reference}"
    banner = text_of(report_page(client_request, report), ".govuk-notification-banner")
    assert "cannot be referred to the police: the person did not agree to share it with the police" in banner
    assert referrals_of(report) == []
    assert db.session.get(Report, report.id).status == "received"
    assert ("referral_refused", "recipient=police reason=police_consent_none") in audit_actions(report.reference)


def test_a_support_referral_is_refused_when_support_was_not_asked_for(client_request, centre):
    report = make_report(centre, support_wanted=False)
    as_the_volunteer_who_took(client_request, centre, report)
    refer(client_request, report, "support", {"organisation": "Victim Support", "method": "post"}, status=303)
    assert referrals_of(report) == []
    assert ("referral_refused", "recipient=support reason=support_not_wanted") in audit_actions(report.reference)


def test_a_download_after_consent_is_withdrawn_is_refused(client_request, centre):
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    refer(client_request, report, "police", {"method": "post"})
    [referral] = referrals_of(report)
    db.session.get(Report, report.id).police_consent = "none"
    db.session.commit()
    response = client_request.get_response("referrals.download_referral", reference=report.reference,
                                           referral_id=referral.id, _expected_status=303)  # fmt: skip
    assert response.mimetype != "application/pdf"
    assert ("referral_refused", "recipient=police reason=police_consent_none") in audit_actions(report.reference)


# ---------------------------------------------------------------- crime reference


def produce_police_referral(client_request, report) -> Referral:
    refer(client_request, report, "police", {"method": "online_form"}, status=200, _follow_redirects=True)
    return referrals_of(report)[-1]


def test_the_crime_reference_can_be_added_later_and_is_audited(client_request, centre):
    report = make_report(centre)
    client_request.login_as("centre_lead", centre)
    referral = produce_police_referral(client_request, report)
    crime_reference = {"reference": report.reference, "referral_id": referral.id}
    typed = {"crime_reference": "  cri/06mm/0012345/26 "}
    response = client_request.post_response("referrals.crime_reference", **crime_reference, _data=typed,
                                            _expected_status=303)  # fmt: skip
    assert db.session.get(Referral, referral.id).crime_reference == "CRI/06MM/0012345/26"
    assert ("crime_reference_added", f"referral={referral.id}") in audit_actions(report.reference)
    page = client_request.get_url(response.headers["Location"])
    assert "CRI/06MM/0012345/26" in referral_history(page)[0]
    form = client_request.get("referrals.crime_reference", **crime_reference)
    assert form.find("input", attrs={"name": "crime_reference"})["value"] == "CRI/06MM/0012345/26"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Enter the crime reference"),
        ("   ", "Enter the crime reference"),
        ("A" * 61, "Crime reference must be 60 characters or fewer"),
        ("CRI<script>", "Crime reference must only include letters, numbers, spaces, hyphens and slashes"),
        ("/leading-slash", "Crime reference must only include letters, numbers, spaces, hyphens and slashes"),
        ("CRI\x00123", "Crime reference must only include letters, numbers, spaces, hyphens and slashes"),
    ],
)
def test_the_crime_reference_is_checked(client_request, centre, typed, message):
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    referral = produce_police_referral(client_request, report)
    page = client_request.post("referrals.crime_reference", reference=report.reference, referral_id=referral.id,
                               _data={"crime_reference": typed}, _expected_status=200)  # fmt: skip
    assert error_summary(page) == [message]
    assert page.select_one(".govuk-error-summary a")["href"] == "#crime_reference"
    assert db.session.get(Referral, referral.id).crime_reference is None


def test_support_referrals_have_no_crime_reference(client_request, centre):
    report = make_report(centre)
    as_the_volunteer_who_took(client_request, centre, report)
    refer(client_request, report, "support", {"organisation": "Victim Support", "method": "post"})
    [referral] = referrals_of(report)
    client_request.get("referrals.crime_reference", reference=report.reference, referral_id=referral.id,
                       _expected_status=404)  # fmt: skip


# ---------------------------------------------------------------- who may do it


def referral_actions(report, referral) -> list[tuple[str, str, dict]]:
    """(method, endpoint, its arguments) of every referral page, form and download of `report`."""
    mine, one = {"reference": report.reference}, {"reference": report.reference, "referral_id": referral.id}
    return [
        ("get", "referrals.refer", {**mine, "recipient": "police"}),
        ("post", "referrals.refer", {**mine, "recipient": "police"}),
        ("get", "referrals.refer", {**mine, "recipient": "support"}),
        ("get", "referrals.view_referral", one),
        ("get", "referrals.download_referral", one),
        ("get", "referrals.crime_reference", one),
        ("post", "referrals.crime_reference", one),
        ("get", "referrals.download_receipt", mine),
    ]


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_staff_of_another_centre_get_404_for_every_referral_action_and_download(client_request, centre, role):
    report = make_report(centre)
    referral = Referral(report=report, recipient="police", method="post")
    db.session.add(referral)
    db.session.commit()
    other = factories.centre("altrincham-library", "Altrincham Library", "altrincham")
    client_request.login_as(role, other)
    for method, endpoint, values in referral_actions(report, referral):
        getattr(client_request, f"{method}_response")(
            endpoint, **values, _data={"method": "post", "crime_reference": "ABC"}, _expected_status=404
        )
    assert len(referrals_of(report)) == 1
    assert db.session.get(Referral, referral.id).crime_reference is None
    assert [action for action, _ in audit_actions(report.reference)] == []


@pytest.mark.parametrize("role", ["partnership", "admin"])
def test_the_partnership_unit_and_admins_can_refer_and_download_any_report(client_request, centre, role):
    reports = [make_report(centre), make_report(None)]
    client_request.login_as(role)
    for report in reports:
        refer(client_request, report, "police", {"method": "post"})
        [referral] = referrals_of(report)
        download = client_request.get_response("referrals.download_referral", reference=report.reference,
                                               referral_id=referral.id)  # fmt: skip
        assert download.mimetype == "application/pdf"
        assert download.data.startswith(b"%PDF-")
        assert f'filename="referral-{report.reference}-P1.pdf"' in download.headers["Content-Disposition"]
        receipt = client_request.get_response("referrals.download_receipt", reference=report.reference)
        assert receipt.mimetype == "application/pdf"
        actions = [action for action, _ in audit_actions(report.reference)]
        assert {"referral_produced", "referral_downloaded", "receipt_produced"} <= set(actions)


def test_a_referral_of_one_report_cannot_be_reached_through_another(client_request, centre):
    first, second = make_report(centre), make_report(centre)
    as_the_volunteer_who_took(client_request, centre, first, second)
    referral = produce_police_referral(client_request, first)
    client_request.get_response("referrals.download_referral", reference=second.reference, referral_id=referral.id,
                                _expected_status=404)  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [
        "/reports/HR-0000-0000/refer/police",
        "/reports/%00%01/refer/police",
        "/reports/" + "A" * 500 + "/receipt",
        "/reports/{reference}/refer/fire-brigade",
        "/reports/{reference}/referrals/999999/download",
        "/reports/{reference}/referrals/99999999999999999999999/download",
    ],
)
def test_odd_addresses_answer_404_not_500(client_request, centre, path):
    # Written as addresses on purpose: most of them are what no endpoint would build.
    report = make_report(centre)
    client_request.login_as("partnership")
    client_request.get_url(path.format(reference=report.reference), _expected_status=404)


def test_a_draft_cannot_be_referred(client_request, centre):
    report = make_report(centre, status="draft")
    as_the_volunteer_who_took(client_request, centre, report)
    refer(client_request, report, "police", {"method": "post"}, status=404)
    assert referrals_of(report) == []


def test_signed_out_visitors_are_sent_to_sign_in(client_request, centre):
    report = make_report(centre)
    response = client_request.get_response("referrals.download_receipt", reference=report.reference,
                                           _expected_status=302)  # fmt: skip
    assert "/sign-in" in response.headers["Location"]
