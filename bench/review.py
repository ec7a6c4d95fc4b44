"""The partnership review at scale: the dashboard page and `review counts`, against raw SQL on the same database.

The baseline is the best plain `GROUP BY` for the same figures, run directly on the database with
covering indexes made for it (and removed afterwards). Every figure the dashboard shows from
counts is compared with the raw counts: the summary behind the dashboard must be exact.
"""

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import case, distinct, func, select, text

from reporting.demo.generator import DEMO_PASSWORD
from reporting.domain.periods import Period, last_complete_months
from reporting.domain.ukdates import now_utc, uk_date
from reporting.extensions import db
from reporting.models import Centre, Report, ReportCategory, ReportIncidentType, SurveyResponse
from reporting.review.figures.counting import uk_month_of_reported_at
from reporting.review.figures.review_figures import review_figures
from reporting.satisfaction.results import SCALE_QUESTIONS, satisfaction_results

from .client import Browser
from .figures import Figure, Target, median_seconds, timed

PARTNERSHIP = "partnership@demo.example"
COVERING_INDEXES = {
    "bench_cover_reports": "reports (reported_at, status, centre_id, area_id, id, police_consent, referred_at)",
    "bench_cover_answers": "survey_responses (report_id, kind, question, score, answer)",
}
ONLINE = "online"


def create_covering_indexes(app, kind: str) -> None:
    with app.app_context():
        for name, definition in COVERING_INDEXES.items():
            db.session.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}"))
        db.session.commit()
        if kind == "postgresql":  # index-only scans need the visibility map
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        else:
            db.session.execute(text("ANALYZE"))
            db.session.commit()


def drop_covering_indexes(app) -> None:
    with app.app_context():
        for name in COVERING_INDEXES:
            db.session.execute(text(f"DROP INDEX IF EXISTS {name}"))
        db.session.commit()


# The raw queries


def _in(period: Period):
    start, end = period.bounds()
    return Report.status != "draft", Report.reported_at >= start, Report.reported_at < end


@dataclass
class RawCounts:
    """What the raw queries found, keyed the way the comparisons need."""

    by_centre_area_month: list[tuple] = field(default_factory=list)
    categories: list[tuple] = field(default_factory=list)
    incident_types: list[tuple] = field(default_factory=list)
    answers: list[tuple] = field(default_factory=list)
    last_reported: dict = field(default_factory=dict)


def raw_counts(session, period: Period) -> RawCounts:
    """The dashboard's counts straight from the reports: one GROUP BY per kind of figure, over twelve months."""
    span = Period(period.previous().first, period.last)
    month = uk_month_of_reported_at(span).label("month")
    found = RawCounts()
    found.by_centre_area_month = session.execute(
        select(Report.centre_id, Report.area_id, month, func.count(),
               func.sum(case((Report.referred_at.is_not(None), 1), else_=0)))
        .where(*_in(span)).group_by(Report.centre_id, Report.area_id, month)
    ).all()  # fmt: skip
    for name, model in (("categories", ReportCategory), ("incident_types", ReportIncidentType)):
        query = (
            select(month, model.code, func.count())
            .join(model, model.report_id == Report.id)
            .where(*_in(span))
            .group_by(month, model.code)
        )
        setattr(found, name, session.execute(query).all())
    found.answers = session.execute(
        select(Report.centre_id, SurveyResponse.question, SurveyResponse.score, func.count())
        .join(Report, SurveyResponse.report_id == Report.id)
        .where(*_in(period), SurveyResponse.question.in_(SCALE_QUESTIONS))
        .group_by(Report.centre_id, SurveyResponse.question, SurveyResponse.score)
    ).all()
    _start, end = period.bounds()
    found.last_reported = dict(
        session.execute(
            select(Report.centre_id, func.max(Report.reported_at))
            .where(Report.status != "draft", Report.reported_at < end)
            .group_by(Report.centre_id)
        ).all()
    )
    return found


def raw_centre_category(session, period: Period) -> list[tuple]:
    return session.execute(
        select(Report.centre_id, ReportCategory.code, func.count())
        .join(ReportCategory, ReportCategory.report_id == Report.id)
        .where(*_in(period))
        .group_by(Report.centre_id, ReportCategory.code)
    ).all()


def raw_responding(session, period: Period) -> list[tuple]:
    return session.execute(
        select(Report.centre_id, func.count(distinct(SurveyResponse.report_id)))
        .join(Report, SurveyResponse.report_id == Report.id)
        .where(*_in(period))
        .group_by(Report.centre_id)
    ).all()


# Comparing


class Tally:
    def __init__(self) -> None:
        self.compared = 0
        self.equal = 0
        self.differences: list[str] = []

    def check(self, what: str, shown, raw) -> None:
        self.compared += 1
        if shown == raw:
            self.equal += 1
        elif len(self.differences) < 20:
            self.differences.append(f"{what}: shown {shown}, raw {raw}")


def compare(session, period: Period) -> Tally:
    """Every count on the dashboard against the raw counts."""
    raw = raw_counts(session, period)
    shown = review_figures(session, period)
    satisfaction = satisfaction_results(session, period.first, period.last, with_comments=False)
    tally = Tally()
    current, previous = set(period.months()), set(period.previous().months())
    _compare_places(tally, shown, raw, period)
    _compare_codes(tally, "category", shown.categories, raw.categories, current, previous)
    _compare_codes(tally, "incident type", shown.incident_types, raw.incident_types, current, previous)
    by_category = defaultdict(Counter)
    for month, code, count in raw.categories:
        by_category[code][month] += count
    for code, months in shown.trend_by_category.items():
        for month in shown.trend_months:
            tally.check(f"trend {code} {month}", months.get(month, 0), by_category[code][month])
    _compare_satisfaction(session, tally, satisfaction, raw.answers)
    return tally


def _compare_places(tally: Tally, shown, raw: RawCounts, period: Period) -> None:
    """Totals, the monthly trend, centre use, areas and referrals, from the (centre, area, month) counts."""
    current = set(period.months())
    totals, centre_month, areas, referred, trend = Counter(), Counter(), Counter(), Counter(), Counter()
    for centre_id, area_id, month, count, referred_count in raw.by_centre_area_month:
        trend[month] += count
        totals["current" if month in current else "previous"] += count
        if month in current:
            centre_month[(centre_id or 0, month)] += count
            areas[area_id or 0] += count
            referred[centre_id or 0] += referred_count
    tally.check("total", (shown.total.current, shown.total.previous), (totals["current"], totals["previous"]))
    for month in shown.trend_months:
        tally.check(f"trend {month}", shown.trend_total.get(month, 0), trend[month])
    for use in shown.centre_use:
        for month in period.months():
            expected = centre_month[(use.centre.key, month)]
            tally.check(f"centre {use.centre.code} {month}", use.by_month.get(month, 0), expected)
        last = raw.last_reported.get(None if use.centre.key == 0 else use.centre.key)
        tally.check(f"last report {use.centre.code}", use.last_report_on, uk_date(last) if last else None)
    for figure in shown.areas:
        tally.check(f"area {figure.area.code}", figure.reports, areas[figure.area.key])
    for row in shown.consistency:
        tally.check(f"referred {row.centre.code}", row.referred, referred[row.centre.key])


def _compare_codes(tally: Tally, what: str, comparisons, rows, current: set, previous: set) -> None:
    now, before = Counter(), Counter()
    for month, code, count in rows:
        if month in current:
            now[code] += count
        elif month in previous:
            before[code] += count
    for row in comparisons:
        tally.check(f"{what} {row.code}", (row.current, row.previous), (now[row.code], before[row.code]))


def _compare_satisfaction(session, tally: Tally, results, answers) -> None:
    codes = dict(session.execute(select(Centre.id, Centre.code)).all())
    raw = defaultdict(Counter)
    for centre_id, question, score, count in answers:
        raw[(codes.get(centre_id, ONLINE), question)][score] += count
    for group in results.centres:
        if group.centre == "all":
            continue
        for question, result in group.combined.questions.items():
            expected = {score: raw[(group.centre, question)][score] for score in result.distribution}
            tally.check(f"satisfaction {group.centre} {question}", result.distribution, expected)


# Measuring


def _counts_csv(session, period: Period) -> str:
    codes = dict(session.execute(select(Centre.id, Centre.code)).all())
    rows = sorted(
        (codes.get(centre_id, ONLINE), code, count) for centre_id, code, count in raw_centre_category(session, period)
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["centre", "category", "count"])
    writer.writerows(rows)
    return out.getvalue()


def measure(server, app, settings, label: str) -> tuple[list[Figure], dict]:
    period = last_complete_months(uk_date(now_utc()))
    browser = Browser(server.base_url)
    browser.sign_in(PARTNERSHIP, DEMO_PASSWORD)
    for _ in range(3):  # the first brings the summary up to date after the writes of the load runs
        page = browser.get("/review/")
        if page.status != 200:
            raise RuntimeError(f"the review dashboard answered {page.status}")
    dashboard_s = median_seconds(settings.page_runs, lambda: browser.get("/review/"))
    browser.close()
    with app.app_context():
        session = db.session
        raw_s = median_seconds(settings.runs, lambda: (raw_counts(session, period), raw_responding(session, period)))
        raw_counts_s = median_seconds(settings.runs, lambda: raw_centre_category(session, period))
        tally = compare(session, period)
        runner = app.test_cli_runner()
        first, last = period.first.isoformat(), period.last.isoformat()
        arguments = ["review", "counts", "--from", first, "--to", last, "--by", "centre,category"]
        outputs = []
        command_s = median_seconds(settings.runs, lambda: outputs.append(runner.invoke(args=arguments)))
        expected = _counts_csv(session, period)
    command_equal = sum(output.exit_code == 0 and output.output == expected for output in outputs)
    ms = 1000
    figures = [
        Figure(f"review dashboard page, 6 months ({label})", dashboard_s * ms, "ms",
               "raw covering-index GROUP BYs", raw_s * ms, Target("value", "<=", 150)),
        Figure(f"review dashboard vs raw SQL ({label})", dashboard_s * ms, "ms",
               "raw covering-index GROUP BYs", raw_s * ms, Target("ratio", "<=", 0.2)),
        Figure(f"review dashboard figures equal to raw counts ({label})", tally.equal, "figures",
               "figures compared", tally.compared, Target("ratio", "==", 1)),
        Figure(f"review counts centre x category ({label})", command_s * ms, "ms",
               "raw covering-index GROUP BY", raw_counts_s * ms, Target("ratio", "<=", 1.0)),
        Figure(f"review counts output equal to raw ({label})", command_equal, "runs",
               "runs", len(outputs), Target("ratio", "==", 1)),
    ]  # fmt: skip
    details = {"period": f"{first} to {last}", "differences": tally.differences}
    return figures, details


def first_recount_seconds(app) -> tuple[float, int]:
    """The summary's first recount after the bulk load (what `review refresh-summary` does)."""
    from reporting.review.figures.summary import keeping

    recounted = []
    with app.app_context():
        seconds = timed(lambda: recounted.append(keeping.bring_up_to_date(db.session)))
    return seconds, recounted[0]
