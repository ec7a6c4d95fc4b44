""""Have you reported something like this before?": a reference alone suggests a link; with the earlier report's
"Check my report" code the link is made. Reports without contact details are linked only this way."""

import pytest
from sqlalchemy import select

from reporting.domain import check_codes
from reporting.extensions import db
from reporting.links.models import CONFIRMED, SUGGESTED, EarlierReference, ReportLink, ReportPerson
from reporting.models import Report
from tests.support import factories
from tests.support.html import error_summary, text_of
from tests.support.intake import go_through_steps, start_report
from tests.support.selfreport import send

CODE = "7KQ2-M9XD-4PTA-WR3C"
NO_CONTACT = {"police": {"police_consent": "anonymous"}, "harm-and-support": {"injured": "no", "support_wanted": "no"}}


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def earlier(app, centre):
    report = factories.report(centre)
    report.check_code_hash = check_codes.code_hash(app.config["SECRET_KEY"], report.reference, CODE)
    db.session.commit()
    return report


@pytest.fixture
def volunteer(client_request, centre):
    return client_request.login_as("volunteer", centre)


def _assisted(client_request, reported_before: dict) -> Report:
    reference = start_report(client_request)
    go_through_steps(client_request, reference, {"reported-before": reported_before, **NO_CONTACT})
    client_request.post("intake.check_answers", reference=reference,
                        _expected_redirect=f"/intake/{reference}/submitted")  # fmt: skip
    return db.session.scalar(select(Report).where(Report.reference == reference))


def _link(first, second) -> ReportLink | None:
    low, high = sorted((first.id, second.id))
    return db.session.scalar(select(ReportLink).where(ReportLink.report_a_id == low, ReportLink.report_b_id == high))


def test_a_reference_alone_makes_a_suggestion(client_request, volunteer, earlier):
    later = _assisted(client_request, {"reported_before": "yes", "earlier_reference": earlier.reference.lower()})
    link = _link(earlier, later)
    assert link.status == SUGGESTED and link.reasons == ["reported_before"]
    assert later.contact is None
    assert db.session.scalars(select(ReportPerson)).all() == []


def test_a_reference_and_its_code_make_the_link(client_request, volunteer, earlier):
    answers = {"reported_before": "yes", "earlier_reference": earlier.reference, "earlier_code": CODE.lower()}
    later = _assisted(client_request, answers)
    link = _link(earlier, later)
    assert link.status == CONFIRMED and link.decided_by_id is None
    assert {row.report_id for row in db.session.scalars(select(ReportPerson))} == {earlier.id, later.id}
    stored = db.session.get(EarlierReference, later.id)
    assert stored.proven and CODE not in repr(stored.__dict__)


def test_a_wrong_code_only_suggests(client_request, volunteer, earlier):
    answers = {"reported_before": "yes", "earlier_reference": earlier.reference, "earlier_code": "0000-0000-0000-0000"}
    later = _assisted(client_request, answers)
    assert _link(earlier, later).status == SUGGESTED


def test_no_or_no_answer_links_nothing(client_request, volunteer, earlier):
    _assisted(client_request, {"reported_before": "no", "earlier_reference": earlier.reference})
    _assisted(client_request, {})
    assert db.session.scalars(select(ReportLink)).all() == []


def test_a_reference_that_cannot_be_one_is_refused_with_a_message(client_request, volunteer):
    reference = start_report(client_request)
    go_through_steps(client_request, reference, stop_at="reported-before")
    answers = {"reported_before": "yes", "earlier_reference": "HR-12", "earlier_code": "not a code"}
    page = client_request.post("intake.step", reference=reference, slug="reported-before", _data=answers,
                               _expected_status=200)  # fmt: skip
    assert error_summary(page) == [
        "Enter the reference as it is on the earlier receipt, like HR-7K3M-Q9XC",
        "Enter the code as it is on the earlier slip, like 7KQ2-M9XD-4PTA-WR3C, or leave it out",
    ]
    assert page.select_one("#earlier_reference")["value"] == "HR-12"
    answers = {"reported_before": "yes", "earlier_reference": ""}
    page = client_request.post("intake.step", reference=reference, slug="reported-before", _data=answers,
                               _expected_status=200)  # fmt: skip
    assert error_summary(page) == ["Enter the reference of the earlier report, like HR-7K3M-Q9XC"]


def test_check_answers_reads_the_answer_back_without_the_code(client_request, volunteer, earlier):
    reference = start_report(client_request)
    answers = {"reported_before": "yes", "earlier_reference": earlier.reference, "earlier_code": CODE}
    go_through_steps(client_request, reference, {"reported-before": answers})
    check = text_of(client_request.get("intake.check_answers", reference=reference), "main")
    assert f"Earlier report {earlier.reference}" in check and "Check my report code Given" in check
    assert CODE not in check


def test_a_report_made_online_links_itself_with_the_code(client, earlier):
    answers = {"reported-before": {"reported_before": "yes"},
               "earlier-report": {"earlier_reference": earlier.reference, "earlier_code": CODE}}  # fmt: skip
    send(client, answers=answers)
    later = db.session.scalar(select(Report).where(Report.channel == "self"))
    assert _link(earlier, later).status == CONFIRMED
