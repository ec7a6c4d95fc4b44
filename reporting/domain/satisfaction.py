"""The satisfaction surveys' questions and scale, as the surveys, the review summary, the results and the
exchange format all read them.

The scale questions are those of `satisfaction_questions` in the vocabulary, scored on its
`satisfaction_scale` (1 to 5); "satisfied" means 4 or 5. "Would you recommend reporting here?"
is the question `recommend`, answered `yes`, `no` or `not_sure`; a comment is the question
`comment`. Answers are given just after reporting (`immediate`) or later (`follow-up`).

On `WORDING_CHANGED_ON` the scale questions were reworded as satisfaction questions about the same
aspect ("How easy was it to report?" became "How satisfied were you with how easy it was to report?"),
to match the scale they are answered on. Codes and answers stayed the same, so answers from both
sides of the date count together; results over a period spanning it say so.
"""

from datetime import date

from . import vocabulary

KINDS = ("immediate", "follow-up")
IMMEDIATE, FOLLOW_UP = KINDS
SCALE_QUESTIONS = vocabulary.codes("satisfaction_questions")
SCORES = tuple(int(code) for code in vocabulary.codes("satisfaction_scale"))
SATISFIED = (4, 5)
RECOMMEND = "recommend"
RECOMMEND_ANSWERS = ("yes", "no", "not_sure")
COMMENT = "comment"
WORDING_CHANGED_ON = date(2026, 12, 7)


def spans_wording_change(first: date, last: date) -> bool:
    """Whether a period holds answers given to both wordings of the scale questions."""
    return first < WORDING_CHANGED_ON <= last
