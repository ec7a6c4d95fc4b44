"""Closing a case with its outcomes, reopening it, and the outcomes and case times in the review and the dip sample."""

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from reporting.cases import outcomes
from reporting.cases.outcome_forms import SELECT_OUTCOME
from reporting.domain.periods import Period
from reporting.extensions import db
from reporting.models import AuditEvent, Report, ReportOutcome, ReportStatusChange
from reporting.review.dip_sampling import services as dip_sampling
from reporting.review.figures.review_figures import review_figures
from reporting.review.figures.services import gather
from reporting.review.figures.table_builders import build_tables
from tests.support import factories
from tests.support.html import error_summary, text_of

PERIOD = Period(date(2025, 4, 1), date(2025, 9, 30))


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def report(centre):
    created = factories.report(centre)
    db.session.commit()
    return created


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_lead_closes_a_case_with_its_outcomes(client_request, centre, report):
    lead = client_request.login_as("centre_lead", centre)
    page = client_request.get("reports.view_report", reference=report.reference)
    assert page.select_one(f"a[href$='/reports/{report.reference}/close']") is not None
    client_request.get("reports.close_case", reference=report.reference)
    client_request.post("reports.close_case", reference=report.reference,
                        _data={"outcomes": ["signposted", "support_given"]}, _expected_status=303)  # fmt: skip
    db.session.expire_all()
    closed = db.session.get(Report, report.id)
    assert closed.status == "closed" and closed.closed_at is not None
    assert closed.acknowledged_at == closed.closed_at  # closing answers a case nobody had acknowledged
    assert outcomes.current_outcomes(closed) == ["signposted", "support_given"]
    [change] = db.session.scalars(select(ReportStatusChange)).all()
    assert (change.to_status, change.outcomes, change.changed_by_id) == ("closed", ["support_given", "signposted"],
                                                                         lead.id)  # fmt: skip
    assert _audit("case_closed")[0].detail == "from=received outcomes=support_given,signposted"
    shown = text_of(client_request.get("reports.view_report", reference=report.reference), "main")
    assert "Support given" in shown and "Signposted to other help" in shown
    assert "Outcome: Support given; Signposted to other help" in shown  # in the case history


def test_closing_needs_an_outcome(client_request, centre, report):
    client_request.login_as("centre_lead", centre)
    page = client_request.post("reports.close_case", reference=report.reference, _data={}, _expected_status=400)
    assert error_summary(page) == [str(SELECT_OUTCOME)]
    page = client_request.post("reports.close_case", reference=report.reference, _data={"outcomes": ["sorted"]},
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == [str(SELECT_OUTCOME)]
    assert db.session.get(Report, report.id).status == "received"


def test_the_status_form_does_not_close_a_case(client_request, centre, report):
    client_request.login_as("centre_lead", centre)
    page = client_request.get("reports.view_report", reference=report.reference)
    assert page.select_one("input[name=status][value=closed]") is None


def test_volunteers_may_not_close_a_case(client_request, centre, report):
    client_request.login_as("volunteer", centre)
    client_request.get("reports.close_case", reference=report.reference, _expected_status=403)
    client_request.post("reports.close_case", reference=report.reference, _data={"outcomes": ["other"]},
                        _expected_status=403)  # fmt: skip
    page = client_request.get("reports.view_report", reference=report.reference)
    assert page.select_one(f"a[href$='/reports/{report.reference}/close']") is None


def test_volunteers_may_not_reopen_a_closed_case(client_request, centre, report):
    report.status, report.assigned_to = "closed", factories.user("worker@example.org", "volunteer", centre)
    db.session.commit()
    client_request.login(report.assigned_to)
    client_request.post("reports.change_status", reference=report.reference, _data={"status": "received"},
                        _expected_status=403)  # fmt: skip
    assert db.session.get(Report, report.id).status == "closed"


def test_the_unit_may_close_any_case(client_request, report):
    client_request.login_as("partnership")
    client_request.post("reports.close_case", reference=report.reference, _data={"outcomes": ["not_contactable"]},
                        _expected_status=303)  # fmt: skip
    assert outcomes.current_outcomes(db.session.get(Report, report.id)) == ["not_contactable"]


def test_reopening_clears_the_outcomes_and_keeps_them_in_the_history(client_request, centre, report):
    client_request.login_as("centre_lead", centre)
    client_request.post("reports.close_case", reference=report.reference, _data={"outcomes": ["restorative_justice"]},
                        _expected_status=303)  # fmt: skip
    client_request.post("reports.change_status", reference=report.reference, _data={"status": "received"},
                        _expected_status=303)  # fmt: skip
    db.session.expire_all()
    reopened = db.session.get(Report, report.id)
    assert reopened.status == "received" and reopened.closed_at is None
    assert db.session.scalar(select(func.count()).select_from(ReportOutcome)) == 0
    page = client_request.get("reports.view_report", reference=report.reference)
    assert "Restorative justice" in text_of(page, "#case-outcome ~ ul")
    client_request.post("reports.close_case", reference=report.reference, _data={"outcomes": ["other"]},
                        _expected_status=303)  # fmt: skip
    closings = [change.outcomes for change in outcomes.closings(db.session.get(Report, report.id))]
    assert closings == [["other"], ["restorative_justice"]]


def test_closing_a_closed_case_changes_nothing(client_request, centre, report):
    client_request.login_as("centre_lead", centre)
    client_request.post("reports.close_case", reference=report.reference, _data={"outcomes": ["other"]},
                        _expected_status=303)  # fmt: skip
    client_request.post("reports.close_case", reference=report.reference, _data={"outcomes": ["signposted"]},
                        _expected_status=303)  # fmt: skip
    assert outcomes.current_outcomes(db.session.get(Report, report.id)) == ["other"]


def _case(centre, reported: datetime, **fields) -> Report:
    return factories.report(centre, reported_at=reported, received_at=reported, **fields)


def _close(report: Report, codes: list[str], closed_at: datetime) -> None:
    report.status, report.closed_at = "closed", closed_at
    report.outcome_rows = [ReportOutcome(code=code) for code in codes]


def _make_cases():
    sale = factories.centre("sale-library", "Sale Library", "sale_central")
    stretford = factories.centre("stretford-library", "Stretford Library", "stretford")
    june = datetime(2025, 6, 2, 9, tzinfo=UTC)  # a Monday: acknowledge by Wednesday 4 June
    for days, outcome in ((3, ["support_given"]), (5, ["support_given", "referred_police"]), (9, ["signposted"])):
        report = _case(sale, june, acknowledge_by=date(2025, 6, 4), acknowledged_at=datetime(2025, 6, 3, tzinfo=UTC))
        _close(report, outcome, datetime(2025, 6, 2 + days, 15, tzinfo=UTC))
    late = _case(sale, june, acknowledge_by=date(2025, 6, 4), acknowledged_at=datetime(2025, 6, 6, tzinfo=UTC))
    _close(late, [], datetime(2025, 6, 30, 12, tzinfo=UTC))  # closed before outcomes were recorded
    _case(sale, june, acknowledge_by=date(2025, 6, 4))  # never acknowledged, now late
    _case(stretford, datetime(2025, 9, 30, 9, tzinfo=UTC), acknowledge_by=date(2099, 1, 1))  # not due yet
    _close(_case(stretford, datetime(2025, 3, 31, 9, tzinfo=UTC)), ["other"], datetime(2025, 4, 2, tzinfo=UTC))
    db.session.commit()
    return sale, stretford


@pytest.fixture
def cases(any_app):
    return _make_cases()


@pytest.fixture
def cases_here(app):
    """The same cases, on the database the test client's pages use."""
    return _make_cases()


def _recounted_outcomes(period: Period) -> Counter:
    start, end = period.bounds()
    query = (
        select(Report.centre_id, ReportOutcome.code, func.count())
        .join(ReportOutcome, ReportOutcome.report_id == Report.id)
        .where(Report.reported_at >= start, Report.reported_at < end, Report.status != "draft")
        .group_by(Report.centre_id, ReportOutcome.code)
    )
    return Counter({(centre_id, code): count for centre_id, code, count in db.session.execute(query)})


def test_the_review_counts_outcomes_by_centre_as_a_recount_does(cases):
    sale, stretford = cases
    for period in (PERIOD, Period(date(2025, 5, 20), date(2025, 6, 10))):  # whole months, and part months
        figures = review_figures(db.session, period, today=date(2025, 10, 1))
        counted = Counter({(row.centre.key, code): count for row in figures.outcomes
                           for code, count in row.by_outcome.items() if code != "none"})  # fmt: skip
        assert counted == _recounted_outcomes(period)
        [sale_row] = figures.outcomes
        assert (sale_row.centre.code, sale_row.closed, sale_row.by_outcome.get("none")) == ("sale-library", 4, 1)
    # Reopening takes a case's outcomes out of the count at once.
    reopened = db.session.scalar(select(Report).join(ReportOutcome).where(ReportOutcome.code == "signposted"))
    outcomes.forget_outcomes(reopened)
    reopened.status = "received"
    db.session.commit()
    figures = review_figures(db.session, PERIOD, today=date(2025, 10, 1))
    assert "signposted" not in figures.outcomes[0].by_outcome and figures.outcomes[0].closed == 3


def test_the_consistency_section_has_the_times_to_acknowledge_and_close(cases):
    figures = review_figures(db.session, PERIOD, today=date(2025, 10, 1))
    sale = next(row for row in figures.consistency if row.centre.code == "sale-library")
    assert (sale.acknowledged, sale.median_days_to_acknowledge) == (4, 1.0)  # 1, 1, 1 and 4 days
    assert (sale.closed, sale.median_days_to_close) == (4, 7.0)  # 3, 5, 9 and 28 days
    assert (sale.acknowledge_due, sale.acknowledged_on_time) == (5, 3 / 5)  # one late, one never acknowledged
    stretford = next(row for row in figures.consistency if row.centre.code == "stretford-library")
    assert (stretford.acknowledge_due, stretford.acknowledged_on_time, stretford.closed) == (0, None, 0)
    assert figures.overall_consistency.acknowledge_due == 5


def test_the_review_tables_carry_outcomes_and_case_times_with_the_small_number_rule(any_app, cases):
    with any_app.test_request_context():
        data = gather(db.session, PERIOD, None, date(2025, 10, 1))
        tables = build_tables(data)
        outcomes_table, case_work = tables["outcomes-by-centre"], tables["case-work-by-centre"]
        assert outcomes_table.total.values["closed"] == 4 and outcomes_table.total.values["support_given"] == 2
        assert ("sale-library", "support_given") in outcomes_table.hidden()  # 2 is shown as <5 to partners
        assert case_work.total.values["acknowledged_on_time"] == 3 / 5


def test_the_dashboard_shows_how_cases_ended(client_request, cases_here):
    client_request.login_as("partnership")
    page = client_request.get("review.dashboard", date_from="2025-04", date_to="2025-09")
    assert page.select_one("#outcomes") is not None
    assert "Person did not want further contact" in text_of(page, "#table-outcomes-by-centre")
    assert page.select_one("#table-case-work-by-centre") is not None


def test_the_dip_sample_shows_the_recorded_outcome_beside_its_check(client_request, cases_here):
    client_request.login_as("partnership")
    sample = dip_sampling.draw(db.session, "2025-06", None)
    item = next(item for item in sample.items if outcomes.current_outcomes(item.report) == ["signposted"])
    page = client_request.get("review.dip_sample_item", month="2025-06", position=item.position)
    assert text_of(page, "#outcome_suitable-hint") == "Recorded outcome: Signposted to other help."
    open_item = next(item for item in sample.items if item.report.status != "closed")
    page = client_request.get("review.dip_sample_item", month="2025-06", position=open_item.position)
    assert text_of(page, "#outcome_suitable-hint") == "No outcome recorded yet: the case is still open."
