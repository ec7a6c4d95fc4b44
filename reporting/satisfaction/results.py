"""Satisfaction results for a period, per centre and across all centres: the one place they are computed.

The results page, its CSV download, `flask review satisfaction` and the review pack all call
`satisfaction_results`. Plain functions over a SQLAlchemy session; no Flask. The counts come from
the review summary (reporting/review/figures/summary/: answers and responding reports per UK month,
centre and kind, kept exact from the answers by database triggers), so a six-month period of a
million reports reads a few thousand rows; only comments are read from the answers themselves.

Counting rules
- A report belongs to the period by the UK date it was reported (`reported_at`), `first` and
  `last` inclusive; drafts never count. Answers count in the period of their report, whenever
  they were given.
- Centres are named by code, `online` for reports made without a centre, and `all` for the
  centres selected together (with `centre_code` given, `all` holds that one centre).
- `kind` selects immediate or follow-up answers; None takes both together. Answers imported in
  the exchange format are immediate answers.
- The scale questions are those of `satisfaction_questions` in the vocabulary, scored 1 to 5;
  "satisfied" means 4 or 5. The share satisfied carries a Wilson score 95% interval.
- "Would you recommend reporting here?" is stored as the question `recommend` with the answer
  `yes`, `no` or `not_sure`; the net recommendation is (yes - no) / all answers, from -1 to 1.
- The response rate is the share of the period's reports with at least one answer (any
  question, comment included) of the selected kind(s).

Return shape
`satisfaction_results(...)` returns a `SatisfactionResults`:
    first, last, centre_code, kind        the selection, as given
    centres: list[CentreResults]          each centre with reports in the period (by code; a
                                          selected centre even with none), then `online`,
                                          then `all`, always last
    comments: list[Comment]               every comment of the selection, oldest first; show
                                          them to the partnership unit only (empty when
                                          called with with_comments=False)
    .centre(code) -> CentreResults | None
Each `CentreResults`:
    centre: str                           centre code, `online` or `all`
    name: str | None                      the centre's name (None for `online` and `all`)
    reports: int                          reports in the period
    combined: KindResults                 the selected kind(s) together (what the CSV shows)
    by_kind: dict[str, KindResults]       `immediate` and/or `follow-up`, as selected
Each `KindResults`:
    kind: str | None                      None for `combined` when both kinds are selected
    reports, responding_reports: int
    response_rate: float | None           responding_reports / reports (None without reports)
    questions: dict[str, QuestionResult]  every scale question, in the vocabulary's order
    recommendation: Recommendation        yes, no, not_sure, answers, net (float | None)
Each `QuestionResult`:
    question: str
    distribution: dict[int, int]          score 1..5 -> number of answers (all five keys)
    responses: int                        answers to this question
    mean: float | None                    mean score (None without answers)
    satisfied: int                        answers of 4 or 5
    share_satisfied: float | None         satisfied / responses
    ci_low, ci_high: float | None         Wilson 95% interval of share_satisfied
Each `Comment`: centre (code, `online`), kind, answered_on (UK date), text.
`csv_rows(results)` and `csv_text(results)` give the CSV of `flask review satisfaction` (means to 2
decimals, shares and bounds to 3, halves rounded up: `round_half_up`).
"""

import csv
import io
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.periods import Period
from ..domain.places import NO_CENTRE, ONLINE, UnknownCentre
from ..domain.satisfaction import COMMENT, KINDS, RECOMMEND, RECOMMEND_ANSWERS, SATISFIED, SCALE_QUESTIONS, SCORES
from ..domain.ukdates import uk_date, uk_day_bounds
from ..models import Centre, Report, SurveyResponse
from ..review.figures.models import ANY_KIND
from ..review.figures.summary import keeping, reading

Z_95 = 1.959963984540054
ALL = "all"
CSV_HEADER = ("centre", "question", "responses", "mean", "share_satisfied", "ci_low", "ci_high")
# The keys of the summary the results are counted by (the summary adds up the rest).
ANSWER_KEYS = ("centre_key", "kind", "question", "answer")
KIND_KEYS = ("centre_key", "kind")
# Periods are checked against these, so a mistyped year is refused rather than overflowing the calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion; None when there are no trials."""
    if trials <= 0:
        return None
    share = successes / trials
    denominator = 1 + z * z / trials
    centre = (share + z * z / (2 * trials)) / denominator
    half_width = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half_width), min(1.0, centre + half_width)


@dataclass(frozen=True)
class QuestionResult:
    question: str
    distribution: dict[int, int]

    @property
    def responses(self) -> int:
        return sum(self.distribution.values())

    @property
    def mean(self) -> float | None:
        total = sum(score * count for score, count in self.distribution.items())
        return total / self.responses if self.responses else None

    @property
    def satisfied(self) -> int:
        return sum(self.distribution[score] for score in SATISFIED)

    @property
    def share_satisfied(self) -> float | None:
        return self.satisfied / self.responses if self.responses else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.satisfied, self.responses)

    @property
    def ci_low(self) -> float | None:
        return self.interval[0] if self.responses else None

    @property
    def ci_high(self) -> float | None:
        return self.interval[1] if self.responses else None


@dataclass(frozen=True)
class Recommendation:
    yes: int = 0
    no: int = 0
    not_sure: int = 0

    @property
    def answers(self) -> int:
        return self.yes + self.no + self.not_sure

    @property
    def net(self) -> float | None:
        return (self.yes - self.no) / self.answers if self.answers else None


@dataclass(frozen=True)
class KindResults:
    kind: str | None
    reports: int
    responding_reports: int
    questions: dict[str, QuestionResult]
    recommendation: Recommendation

    @property
    def response_rate(self) -> float | None:
        return self.responding_reports / self.reports if self.reports else None


@dataclass(frozen=True)
class CentreResults:
    centre: str
    name: str | None
    reports: int
    combined: KindResults
    by_kind: dict[str, KindResults]


@dataclass(frozen=True)
class Comment:
    centre: str
    kind: str
    answered_on: date
    text: str


@dataclass(frozen=True)
class SatisfactionResults:
    first: date
    last: date
    centre_code: str | None
    kind: str | None
    centres: list[CentreResults]
    comments: list[Comment]

    def centre(self, code: str) -> CentreResults | None:
        return next((group for group in self.centres if group.centre == code), None)


@dataclass
class _Tally:
    """Answers counted for one centre and kind (or both kinds), before they become results."""

    scores: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    recommend: Counter = field(default_factory=Counter)
    responding: int = 0

    def add(self, other: "_Tally") -> None:
        for question, counts in other.scores.items():
            self.scores[question].update(counts)
        self.recommend.update(other.recommend)
        self.responding += other.responding

    def results(self, kind: str | None, reports: int) -> KindResults:
        questions = {
            question: QuestionResult(question, {score: self.scores[question][score] for score in SCORES})
            for question in SCALE_QUESTIONS
        }
        recommendation = Recommendation(**{answer: self.recommend[answer] for answer in RECOMMEND_ANSWERS})
        return KindResults(kind, reports, self.responding, questions, recommendation)


# ---------------------------------------------------------------- the entry point


def satisfaction_results(
    session: Session,
    first: date,
    last: date,
    centre_code: str | None = None,
    kind: str | None = None,
    with_comments: bool = True,
) -> SatisfactionResults:
    """Satisfaction per centre and for `all`, for reports made on UK days `first` to `last` (see the module).

    `with_comments=False` leaves `comments` empty without reading them (for readers who may not see them).
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not FIRST_DAY <= first <= last <= LAST_DAY:
        raise ValueError(f"the period must run forwards, between {FIRST_DAY} and {LAST_DAY}")
    kinds = (kind,) if kind else KINDS
    selection = _Selection(session, first, last, centre_code, kinds)
    reports = selection.reports_by_centre()
    tallies = selection.tallies()
    keys = _centre_keys(selection, reports, tallies)
    groups = [_centre_results(key, selection.names.get(key), reports, tallies, kind, kinds) for key in keys]
    groups.append(_all_results(keys, reports, tallies, kind, kinds))
    comments = selection.comments() if with_comments else []
    return SatisfactionResults(first, last, centre_code, kind, groups, comments)


def _centre_keys(selection: "_Selection", reports: dict, tallies: dict) -> list[str]:
    present = set(reports) | {key for key, _kind in tallies}
    if selection.centre_code:
        present.add(selection.centre_code)
    return sorted(present - {ONLINE}) + ([ONLINE] if ONLINE in present else [])


def _centre_results(key: str, name, reports: dict, tallies: dict, kind, kinds) -> CentreResults:
    count = reports.get(key, 0)
    by_kind = {each: tallies.get((key, each), _Tally()).results(each, count) for each in kinds}
    combined = tallies.get((key, None), _Tally()).results(kind, count)
    return CentreResults(key, name, count, combined, by_kind)


def _all_results(keys: list[str], reports: dict, tallies: dict, kind, kinds) -> CentreResults:
    count = sum(reports.get(key, 0) for key in keys)
    summed = {each: _Tally() for each in (*kinds, None)}
    for (key, each), tally in tallies.items():
        if key in keys:
            summed[each].add(tally)
    by_kind = {each: summed[each].results(each, count) for each in kinds}
    return CentreResults(ALL, None, count, summed[None].results(kind, count), by_kind)


# ---------------------------------------------------------------- queries


class _Selection:
    """The period, centre and kinds chosen, and the figures for them, read from the review summary.

    The summary (reporting/review/figures/summary/) holds the answers and responding reports per UK
    month, centre and kind, kept exact from the answers themselves; whole months are read from
    it and the days of part months are counted from the answers with the same code. Comments are
    read from the answers.
    """

    def __init__(self, session: Session, first: date, last: date, centre_code: str | None, kinds: tuple[str, ...]):
        self.session = session
        self.centre_code = centre_code
        self.kinds = kinds
        self.start, self.end = uk_day_bounds(first, last)
        self.names: dict[str, str] = {}
        self.codes: dict[int | None, str] = {None: ONLINE, NO_CENTRE: ONLINE}
        self.centre_key = self._resolve_centre(centre_code)
        keeping.bring_up_to_date(session)
        period = Period(first, last)
        self.rows = reading.rows_for_period(session, period, self.centre_key, ("areas",), ("centre_key",))
        self.rows.answers = reading.rows_for_period(session, period, self.centre_key, ("answers",), ANSWER_KEYS).answers
        self.rows.responding = reading.rows_for_period(
            session, period, self.centre_key, ("responding",), KIND_KEYS
        ).responding

    def _resolve_centre(self, centre_code: str | None) -> int | None:
        if centre_code is None:
            return None
        if centre_code == ONLINE:
            return NO_CENTRE
        centre = self.session.scalar(select(Centre).where(Centre.code == centre_code))
        if centre is None:
            raise UnknownCentre(centre_code)
        self.codes[centre.id], self.names[centre.code] = centre.code, centre.name
        return centre.id

    def code(self, centre_key: int | None) -> str:
        if centre_key not in self.codes:
            centres = self.session.execute(select(Centre.id, Centre.code, Centre.name))
            for identifier, code, name in centres:
                self.codes[identifier], self.names[code] = code, name
        return self.codes[centre_key]

    def reports_by_centre(self) -> dict[str, int]:
        counts: Counter = Counter()
        for row in self.rows.areas:
            counts[self.code(row.centre_key)] += row.reports
        return dict(counts)

    def tallies(self) -> dict[tuple[str, str | None], _Tally]:
        """(centre code, kind) -> tally; kind None holds the selected kinds together."""
        tallies: dict[tuple[str, str | None], _Tally] = defaultdict(_Tally)
        for row in self.rows.answers:
            if row.kind in self.kinds:
                for key in ((self.code(row.centre_key), row.kind), (self.code(row.centre_key), None)):
                    _count_answer(tallies[key], row.question, row.answer, row.answers)
        # With both kinds selected, reports answered in either are counted apart: a report may be answered in both.
        combined = self.kinds[0] if len(self.kinds) == 1 else ANY_KIND
        for row in self.rows.responding:
            code = self.code(row.centre_key)
            if row.kind in self.kinds:
                tallies[(code, row.kind)].responding += row.reports
            if row.kind == combined:
                tallies[(code, None)].responding += row.reports
        return tallies

    def comments(self) -> list[Comment]:
        filters = [Report.submitted, Report.reported_at >= self.start, Report.reported_at < self.end]
        if self.centre_key is not None:
            centre = Report.centre_id.is_(None) if self.centre_key == NO_CENTRE else Report.centre_id == self.centre_key
            filters.append(centre)
        query = (
            select(Report.centre_id, SurveyResponse.kind, SurveyResponse.answered_at, SurveyResponse.comment)
            .join(Report, SurveyResponse.report_id == Report.id)
            .where(*filters, SurveyResponse.kind.in_(self.kinds), SurveyResponse.question == COMMENT)
            .where(SurveyResponse.comment.is_not(None))
            .order_by(SurveyResponse.answered_at, SurveyResponse.id)
        )
        return [
            Comment(self.code(centre_id), kind, uk_date(answered_at), text)
            for centre_id, kind, answered_at, text in self.session.execute(query)
            if text and text.strip()
        ]


def _count_answer(tally: _Tally, question: str, answer: str, count: int) -> None:
    """Count a summary answer: a score ("1" to "5") to a scale question, or a coded answer to `recommend`."""
    if question in SCALE_QUESTIONS:
        tally.scores[question][int(answer)] += count
    elif question == RECOMMEND:
        tally.recommend[answer] += count


# ---------------------------------------------------------------- CSV


def round_half_up(value: float, places: int) -> Decimal:
    """`value` to `places` decimals, halves rounded away from zero (3.625 to 3.63), as people round by hand."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _decimal(value: float | None, places: int) -> str:
    return "" if value is None else str(round_half_up(value, places))


def csv_rows(results: SatisfactionResults) -> list[list[str]]:
    """One row per centre and scale question, the `all` rows last; blanks where there are no answers."""
    rows = []
    for group in results.centres:
        for question in SCALE_QUESTIONS:
            result = group.combined.questions[question]
            rows.append(
                [
                    group.centre,
                    question,
                    str(result.responses),
                    _decimal(result.mean, 2),
                    _decimal(result.share_satisfied, 3),
                    _decimal(result.ci_low, 3),
                    _decimal(result.ci_high, 3),
                ]
            )
    return rows


def csv_text(results: SatisfactionResults) -> str:
    """The CSV of `flask review satisfaction`: the header `CSV_HEADER`, then `csv_rows`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(results))
    return buffer.getvalue()
