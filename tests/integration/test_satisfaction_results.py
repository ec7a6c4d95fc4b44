"""Satisfaction results per centre, checked against figures worked out by hand (Wilson intervals included)."""

from datetime import UTC, date, datetime

import pytest

from reporting.extensions import db
from reporting.models import SurveyResponse
from reporting.satisfaction.results import (
    UnknownCentre,
    csv_text,
    satisfaction_results,
    wilson_interval,
)
from tests.support import factories

MARCH_FIRST, MARCH_LAST = date(2026, 3, 1), date(2026, 3, 31)


def answered(report, kind="immediate", comment=None, recommend=None, **scores):
    for question, score in scores.items():
        report.survey_responses.append(SurveyResponse(kind=kind, question=question, score=score))
    if recommend:
        report.survey_responses.append(SurveyResponse(kind=kind, question="recommend", answer=recommend))
    if comment:
        report.survey_responses.append(SurveyResponse(kind=kind, question="comment", comment=comment))
    return report


@pytest.fixture
def march(any_app):
    """Centre A: five reports in March (one at 00:30 on 1 March), one on 1 April (UK time); B: one; online: one."""
    centre_a = factories.centre("centre-a", "Centre A")
    centre_b = factories.centre("centre-b", "Centre B", "altrincham")
    first_minute = datetime(2026, 3, 1, 0, 30, tzinfo=UTC)
    answered(factories.report(centre_a, reported_at=first_minute), ease=5, overall=4, recommend="yes", comment="Kind")
    answered(factories.report(centre_a), ease=2, overall=3, recommend="no")
    answered(factories.report(centre_a), ease=4, recommend="yes")
    factories.report(centre_a)
    answered(factories.report(centre_a), kind="follow-up", informed=2, overall=5, comment="Nobody called me")
    # 23:30 UTC on 31 March is 00:30 on 1 April in British Summer Time: outside March.
    answered(factories.report(centre_a, reported_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC)), ease=1, overall=1)
    answered(factories.report(centre_a, status="draft"), ease=1)
    answered(factories.report(centre_b), ease=1, overall=1, recommend="not_sure")
    answered(factories.report(None), ease=5)
    db.session.commit()
    return centre_a, centre_b


def test_the_wilson_interval_matches_published_values():
    assert wilson_interval(2, 3) == pytest.approx((0.2077, 0.9385), abs=1e-4)
    assert wilson_interval(3, 5) == pytest.approx((0.2307, 0.8824), abs=1e-4)
    assert wilson_interval(0, 1) == pytest.approx((0.0, 0.7935), abs=1e-4)
    assert wilson_interval(1, 1) == pytest.approx((0.2065, 1.0), abs=1e-4)
    assert wilson_interval(0, 0) is None


def test_per_centre_aggregates_match_the_hand_computed_example(march):
    results = satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST)
    assert [group.centre for group in results.centres] == ["centre-a", "centre-b", "online", "all"]
    centre_a = results.centre("centre-a")
    assert (centre_a.name, centre_a.reports) == ("Centre A", 5)
    ease = centre_a.combined.questions["ease"]
    assert ease.distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}
    assert (ease.responses, ease.satisfied) == (3, 2)
    assert ease.mean == pytest.approx(11 / 3)
    assert ease.share_satisfied == pytest.approx(2 / 3)
    assert (ease.ci_low, ease.ci_high) == pytest.approx((0.2077, 0.9385), abs=1e-4)
    # Four of the five reports have an answer of some kind; three immediate, one follow-up.
    assert centre_a.combined.response_rate == pytest.approx(0.8)
    assert centre_a.by_kind["immediate"].response_rate == pytest.approx(0.6)
    assert centre_a.by_kind["follow-up"].response_rate == pytest.approx(0.2)
    recommendation = centre_a.combined.recommendation
    assert (recommendation.yes, recommendation.no, recommendation.not_sure) == (2, 1, 0)
    assert recommendation.net == pytest.approx(1 / 3)


def test_immediate_and_follow_up_answers_are_kept_apart(march):
    results = satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST)
    centre_a = results.centre("centre-a")
    immediate = centre_a.by_kind["immediate"].questions["overall"]
    follow_up = centre_a.by_kind["follow-up"].questions["overall"]
    assert (immediate.responses, immediate.mean, immediate.share_satisfied) == (2, 3.5, 0.5)
    assert (immediate.ci_low, immediate.ci_high) == pytest.approx((0.0945, 0.9055), abs=1e-4)
    assert (follow_up.responses, follow_up.mean) == (1, 5.0)
    only_follow_up = satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST, kind="follow-up")
    assert only_follow_up.centre("centre-a").combined.questions["overall"].responses == 1
    assert only_follow_up.centre("all").combined.questions["ease"].responses == 0


def test_all_centres_are_counted_from_answers_not_by_adding_shares(march):
    everyone = satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST).centre("all")
    assert everyone.reports == 7
    ease = everyone.combined.questions["ease"]
    assert (ease.responses, ease.mean, ease.share_satisfied) == (5, 3.4, 0.6)
    assert (ease.ci_low, ease.ci_high) == pytest.approx((0.2307, 0.8824), abs=1e-4)
    assert everyone.combined.response_rate == pytest.approx(6 / 7)


def test_comments_come_with_their_centre_and_kind_but_no_reference(march):
    comments = satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST).comments
    assert [(comment.centre, comment.kind, comment.text) for comment in comments] == [
        ("centre-a", "immediate", "Kind"),
        ("centre-a", "follow-up", "Nobody called me"),
    ]


def test_one_centre_alone(march):
    results = satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST, centre_code="centre-b")
    assert [group.centre for group in results.centres] == ["centre-b", "all"]
    assert results.centre("all").combined.questions["ease"].responses == 1
    online = satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST, centre_code="online")
    assert [group.centre for group in online.centres] == ["online", "all"]
    with pytest.raises(UnknownCentre):
        satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST, centre_code="nowhere")


def test_csv_has_a_row_per_centre_and_question_then_all(march):
    text = csv_text(satisfaction_results(db.session, MARCH_FIRST, MARCH_LAST))
    assert text.splitlines() == [
        "centre,question,responses,mean,share_satisfied,ci_low,ci_high",
        "centre-a,ease,3,3.67,0.667,0.208,0.939",
        "centre-a,treatment,0,,,,",
        "centre-a,informed,1,2.00,0.000,0.000,0.793",
        "centre-a,overall,3,4.00,0.667,0.208,0.939",
        "centre-b,ease,1,1.00,0.000,0.000,0.793",
        "centre-b,treatment,0,,,,",
        "centre-b,informed,0,,,,",
        "centre-b,overall,1,1.00,0.000,0.000,0.793",
        "online,ease,1,5.00,1.000,0.207,1.000",
        "online,treatment,0,,,,",
        "online,informed,0,,,,",
        "online,overall,0,,,,",
        "all,ease,5,3.40,0.600,0.231,0.882",
        "all,treatment,0,,,,",
        "all,informed,1,2.00,0.000,0.000,0.793",
        "all,overall,4,3.25,0.500,0.150,0.850",
    ]
