"""The satisfaction surveys' questions and scale, as the surveys, the review summary, the results and the
exchange format all read them.

The scale questions are those of `satisfaction_questions` in the vocabulary, scored on its
`satisfaction_scale` (1 to 5); "satisfied" means 4 or 5. "Would you recommend reporting here?"
is the question `recommend`, answered `yes`, `no` or `not_sure`; a comment is the question
`comment`. Answers are given just after reporting (`immediate`) or later (`follow-up`).
"""

from . import vocabulary

KINDS = ("immediate", "follow-up")
IMMEDIATE, FOLLOW_UP = KINDS
SCALE_QUESTIONS = vocabulary.codes("satisfaction_questions")
SCORES = tuple(int(code) for code in vocabulary.codes("satisfaction_scale"))
SATISFIED = (4, 5)
RECOMMEND = "recommend"
RECOMMEND_ANSWERS = ("yes", "no", "not_sure")
COMMENT = "comment"
