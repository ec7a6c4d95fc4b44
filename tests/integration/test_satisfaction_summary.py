"""Satisfaction results come from the review summary, and stay exact whatever writes the answers.

Each check counts the answers again in plain Python, from every report and answer in the
database, and compares that with `satisfaction_results` for whole-month and part-month periods,
each kind and both together, all centres and one.
"""

import random
from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from reporting.domain.periods import Period
from reporting.domain.vocabulary import codes
from reporting.extensions import db
from reporting.models import Report, ReviewMonthCentreAnswer, SurveyResponse
from reporting.review.figures.summary import keeping
from reporting.satisfaction.results import satisfaction_results
from tests.support.review_data import generate

LONDON = ZoneInfo("Europe/London")
QUESTIONS = codes("satisfaction_questions")
PERIODS = [
    Period(date(2025, 4, 1), date(2025, 9, 30)),  # whole months, summer time at both ends
    Period(date(2025, 3, 31), date(2025, 10, 1)),  # a day either side: part months counted from the answers
    Period(date(2025, 5, 15), date(2025, 5, 20)),  # inside one month
]
SELECTIONS = [(None, None), (None, "immediate"), (None, "follow-up"), ("sale-library", None), ("online", None)]


def answer_reports(reports, seed: int) -> None:
    """Answers of both kinds to many of the reports, drafts included, some invalid and some comments only."""
    chooser = random.Random(seed)
    for report in reports:
        for kind in ("immediate", "follow-up"):
            if chooser.random() < 0.45:
                continue
            for question in chooser.sample(QUESTIONS, chooser.randint(0, len(QUESTIONS))):
                report.survey_responses.append(
                    SurveyResponse(kind=kind, question=question, score=chooser.randint(1, 5))
                )
            if chooser.random() < 0.6:
                answer = chooser.choice(("yes", "no", "not_sure"))
                report.survey_responses.append(SurveyResponse(kind=kind, question="recommend", answer=answer))
            if chooser.random() < 0.3:
                report.survey_responses.append(SurveyResponse(kind=kind, question="comment", comment="Thank you"))
            if chooser.random() < 0.05:  # not counted as an answer, though the report responded
                report.survey_responses.append(SurveyResponse(kind=kind, question="ease", score=None))


def raw_tally(period: Period, centre_code: str | None, kind: str | None) -> dict:
    """centre code -> reports, responding, scores by question, recommendations: straight from every row."""
    centre_codes = dict(db.session.execute(text("SELECT id, code FROM centres")).all())
    kinds = (kind,) if kind else ("immediate", "follow-up")
    in_period = {}
    for report_id, centre_id, status, reported_at in db.session.execute(
        select(Report.id, Report.centre_id, Report.status, Report.reported_at)
    ):
        centre = centre_codes.get(centre_id, "online")
        if status != "draft" and period.first <= reported_at.astimezone(LONDON).date() <= period.last:
            if centre_code in (None, centre):
                in_period[report_id] = centre
    found = defaultdict(lambda: {"reports": 0, "responding": set(), "scores": Counter(), "recommend": Counter()})
    for centre in in_period.values():
        found[centre]["reports"] += 1
    for report_id, answer_kind, question, score, answer in db.session.execute(
        select(SurveyResponse.report_id, SurveyResponse.kind, SurveyResponse.question, SurveyResponse.score,
               SurveyResponse.answer)
    ):  # fmt: skip
        if report_id not in in_period or answer_kind not in kinds:
            continue
        tally = found[in_period[report_id]]
        tally["responding"].add(report_id)
        if question in QUESTIONS and score is not None:
            tally["scores"][(question, score)] += 1
        elif question == "recommend":
            tally["recommend"][answer] += 1
    return {centre: {**tally, "responding": len(tally["responding"])} for centre, tally in found.items()}


def shown(period: Period, centre_code: str | None, kind: str | None) -> dict:
    results = satisfaction_results(db.session, period.first, period.last, centre_code, kind, with_comments=False)
    found = {}
    for group in results.centres:
        if group.centre == "all":
            continue
        combined = group.combined
        scores = Counter(
            {
                (question, score): count
                for question, result in combined.questions.items()
                for score, count in result.distribution.items()
                if count
            }
        )
        recommend = Counter({answer: getattr(combined.recommendation, answer) for answer in ("yes", "no", "not_sure")})
        found[group.centre] = {
            "reports": group.reports,
            "responding": combined.responding_reports,
            "scores": +scores,
            "recommend": +recommend,
        }
    return found


def assert_results_exact() -> None:
    for period in PERIODS:
        for centre_code, kind in SELECTIONS:
            expected = raw_tally(period, centre_code, kind)
            got = shown(period, centre_code, kind)
            if centre_code and centre_code not in expected:  # a chosen centre is shown even without reports
                expected[centre_code] = {"reports": 0, "responding": 0, "scores": Counter(), "recommend": Counter()}
            assert got == expected, (period, centre_code, kind)
    assert keeping.queued(db.session) == 0


@pytest.fixture
def answered(any_app):
    generate(150, seed=23)
    reports = db.session.scalars(select(Report).order_by(Report.id)).all()
    answer_reports(reports, seed=23)
    db.session.commit()
    return reports


def test_the_results_agree_with_every_answer_counted_again(answered):
    assert keeping.queued(db.session) > 0, "the triggers queue the answered reports"
    assert_results_exact()
    assert db.session.scalar(select(func.sum(ReviewMonthCentreAnswer.answers))) > 0, "the summary holds the answers"


def test_answers_written_changed_and_removed_in_bulk_are_recounted(answered):
    assert_results_exact()
    counted = db.session.scalars(select(Report.id).where(Report.status != "draft").order_by(Report.id)).all()
    db.session.execute(
        insert(SurveyResponse),
        [
            {"report_id": report_id, "kind": "follow-up", "question": "overall", "score": 1}
            for report_id in counted[:40]
        ],
    )
    db.session.execute(update(SurveyResponse).where(SurveyResponse.question == "ease").values(score=5))
    db.session.execute(delete(SurveyResponse).where(SurveyResponse.answer == "no"))
    db.session.commit()
    assert_results_exact()


def test_reports_moved_deleted_or_submitted_take_their_answers_with_them(answered):
    assert_results_exact()
    moved, removed = db.session.scalars(
        select(Report).join(SurveyResponse).where(Report.status != "draft").order_by(Report.id).limit(2)
    ).all()
    moved.centre = None
    moved.reported_at = datetime(2025, 6, 30, 23, 30, tzinfo=UTC)  # 1 July in UK summer time
    db.session.delete(removed)
    draft = db.session.scalars(select(Report).join(SurveyResponse).where(Report.status == "draft")).first()
    draft.status = "received"
    db.session.commit()
    assert_results_exact()
