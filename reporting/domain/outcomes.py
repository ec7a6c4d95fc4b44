"""How a case ended: the outcome codes recorded when it is closed, and the rules for choosing them.

Closing a case records one or more outcomes (a case may end in support given and a referral to the police).
Reopening it clears the current outcomes; the ones recorded at each closing stay in the case's history (the
status change that closed it). Codes are stored and exchanged; `labels.LABELS["outcomes"]` words them.
"""

OUTCOMES = (
    "support_given",
    "referred_police",
    "referred_support",
    "restorative_justice",
    "signposted",
    "no_further_contact",
    "not_contactable",
    "other",
)
# Counted in the review for a closed case with no outcome recorded (closed before outcomes were recorded).
NO_OUTCOME = "none"


class NoOutcome(ValueError):
    """Closing a case needs at least one outcome."""


class UnknownOutcome(ValueError):
    def __init__(self, code) -> None:
        super().__init__(f"unknown outcome {code!r}")
        self.code = code


def is_outcome(code: object) -> bool:
    return isinstance(code, str) and code in OUTCOMES


def chosen_outcomes(codes) -> list[str]:
    """The outcomes to record for a closing, each once, in the order of `OUTCOMES`.

    Raises NoOutcome when none is given, UnknownOutcome for a code that is not an outcome."""
    given = list(codes or ())
    for code in given:
        if not is_outcome(code):
            raise UnknownOutcome(code)
    if not given:
        raise NoOutcome("closing a case needs at least one outcome")
    return [code for code in OUTCOMES if code in given]
