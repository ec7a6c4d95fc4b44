"""Forms for the surveys (every question optional), taking the tablet back, and choosing results."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from .. import messages
from ..domain.periods import MonthsNotEnded, NotWholeMonths, complete_months_refusal, month_end, month_key, month_start
from ..filters import month_label
from ..forms import ChoiceSelectField, Drawn, PasswordField, RadiosField, TextAreaField, options, vocabulary_options
from ..labels import LABELS
from ..review.figures.forms import CHOOSE_MONTH_FROM, CHOOSE_MONTH_TO, MONTHS_IN_ORDER
from .results import FIRST_DAY, LAST_DAY

COMMENT_MAX = 2000
# The scale is shown from the best answer down, as people expect to read it.
SCALE_CHOICES = options((code, LABELS["satisfaction_scale"][code]) for code in ("5", "4", "3", "2", "1"))


def _scale(label) -> RadiosField:
    return RadiosField(label, choices=SCALE_CHOICES)


class SurveyForm(FlaskForm):
    """Shared by both surveys: answers as codes, ready for `services.record_answers`."""

    comment = TextAreaField(
        _l("Is there anything else you would like to tell us?"),
        description=_l("Optional. Please do not include your name or anything else that could identify you."),
        validators=[Length(max=COMMENT_MAX, message=messages.COMMENT_TOO_LONG)],
    )

    scale_questions: tuple[str, ...] = ()

    def answers(self) -> dict:
        found = {name: int(self[name].data) for name in self.scale_questions if self[name].data}
        if "recommend" in self and self["recommend"].data:
            found["recommend"] = self["recommend"].data
        found["comment"] = (self.comment.data or "").strip()
        return found


class ImmediateSurveyForm(SurveyForm):
    ease = _scale(LABELS["satisfaction_questions"]["ease"])
    treatment = _scale(LABELS["satisfaction_questions"]["treatment"])
    informed = _scale(LABELS["satisfaction_questions"]["informed"])
    overall = _scale(LABELS["satisfaction_questions"]["overall"])
    recommend = RadiosField(
        _l("Would you recommend reporting here to someone else?"), choices=vocabulary_options("yes_no_not_sure")
    )

    scale_questions = ("ease", "treatment", "informed", "overall")

    def __init__(self, *args, assisted: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not assisted:
            # Nobody helped a person who reported online, so there is no one to rate.
            del self["treatment"]
            self.scale_questions = ("ease", "informed", "overall")


class FollowUpForm(SurveyForm):
    informed = _scale(_l("Since you made your report, how satisfied are you with how you have been kept informed?"))
    overall = _scale(_l("How satisfied are you now with the help you got after reporting?"))

    scale_questions = ("informed", "overall")


class HandBackForm(FlaskForm):
    password = PasswordField(
        _l("Volunteer: enter your password to take the tablet back"),
        size="s",
        width="two-thirds",
        autocomplete="current-password",
        validators=[
            InputRequired(message=messages.ENTER_PASSWORD),
            Length(max=1000, message=messages.ENTER_PASSWORD),
        ],
    )


def _iso_date(form, field) -> None:
    text = (field.data or "").strip()
    try:
        field.parsed = date.fromisoformat(text)
    except ValueError:
        field.parsed = None
    if field.parsed is None or not FIRST_DAY <= field.parsed <= LAST_DAY:
        field.parsed = None
        raise ValidationError(field.invalid_message)


class DateInputField(Drawn, StringField):
    """A date typed in a browser's date input (sent as YYYY-MM-DD); its value is in `parsed`."""

    def __init__(self, label=None, invalid_message="", **kwargs):
        super().__init__(label, validators=[_iso_date], input_type="date", size="s", **kwargs)
        self.invalid_message = invalid_message
        self.parsed: date | None = None


class ResultsForm(FlaskForm):
    """The results page's choices, sent in the address (GET), so no CSRF token. Any range of days (the unit)."""

    class Meta:
        csrf = False

    monthly = False

    date_from = DateInputField(_l("From"), invalid_message=messages.ENTER_FROM_DATE)
    date_to = DateInputField(_l("To"), invalid_message=messages.ENTER_TO_DATE)
    centre = ChoiceSelectField(_l("Centre"), size="s", width="full")
    kind = ChoiceSelectField(
        _l("Survey"),
        choices=options(
            [
                ("", _l("Both surveys")),
                ("immediate", _l("Just after reporting")),
                ("follow-up", _l("Follow-up, some weeks later")),
            ]
        ),
        size="s",
        width="full",
    )

    def validate_date_to(self, field) -> None:
        if self.date_from.parsed and field.parsed and field.parsed < self.date_from.parsed:
            raise ValidationError(messages.TO_BEFORE_FROM)


# ---------------------------------------------------------------- centre staff: whole months that have ended


def _month_or_date(text: str, end: bool) -> date | None:
    """A month `YYYY-MM` (its first day, or its last with `end`), or a date `YYYY-MM-DD`; None for anything else."""
    try:
        if len(text) == len("YYYY-MM"):
            first = month_start(text)
            return month_end(first) if end else first
        return date.fromisoformat(text)
    except ValueError:
        return None


def _month_chosen(form, field) -> None:
    field.parsed = _month_or_date((field.data or "").strip(), field.end)
    if field.parsed is None or not FIRST_DAY <= field.parsed <= LAST_DAY:
        field.parsed = None
        raise ValidationError(field.invalid_message)
    field.data = month_key(field.parsed)


class MonthField(Drawn, SelectField):
    """A month chosen from a list (`YYYY-MM`); a date (`YYYY-MM-DD`, from a link) is read too, and then checked
    to be the first (or, with `end`, the last) day of a month by the form. The day it stands for is in `parsed`."""

    answer_type = "select"

    def __init__(self, label=None, invalid_message="", end: bool = False, **kwargs):
        super().__init__(label, validators=[_month_chosen], validate_choice=False, size="s", **kwargs)
        self.invalid_message = invalid_message
        self.end = end
        self.parsed: date | None = None


def refusal_message(refusal: NotWholeMonths) -> str:
    """Why centre staff cannot see the range they asked for, naming the whole months to choose instead."""
    first, last = (month_label(month_key(day), "MMMM y") for day in (refusal.suggested.first, refusal.suggested.last))
    if isinstance(refusal, MonthsNotEnded):
        return _(
            "Choose months that have ended. Figures for your centre are shown once a month is over, so that "
            "nobody's answers can be worked out: choose from %(first)s to %(last)s",
            first=first,
            last=last,
        )
    return _(
        "Choose whole months. Figures for your centre are shown for whole calendar months only, so that "
        "nobody's answers can be worked out: choose from %(first)s to %(last)s",
        first=first,
        last=last,
    )


class MonthlyResultsForm(ResultsForm):
    """Centre staff's choices: whole months that have ended (`periods.complete_months_refusal`).

    Two ranges of days that differ by a day would differ by one person's answers; whole, ended months
    leave no such pair. A range that is not is refused, and the lists are set to the months to choose.
    """

    monthly = True

    date_from = MonthField(_l("From"), invalid_message=CHOOSE_MONTH_FROM)
    date_to = MonthField(_l("To"), invalid_message=CHOOSE_MONTH_TO, end=True)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_date_to(self, field) -> None:
        if self.date_from.parsed and field.parsed and field.parsed < self.date_from.parsed:
            raise ValidationError(MONTHS_IN_ORDER)

    def validate(self, extra_validators=None) -> bool:
        return super().validate(extra_validators) and self._complete_months()

    def _complete_months(self) -> bool:
        refusal = complete_months_refusal(self.date_from.parsed, self.date_to.parsed, self.today)
        if refusal is None:
            return True
        self.date_from.errors.append(refusal_message(refusal))
        self.date_from.data, self.date_to.data = month_key(refusal.suggested.first), month_key(refusal.suggested.last)
        return False
