"""Forms for the surveys (every question optional), taking the tablet back, and choosing results."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput
from wtforms import PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from .. import messages
from ..labels import LABELS
from .results import FIRST_DAY, LAST_DAY

COMMENT_MAX = 2000
# The scale is shown from the best answer down, as people expect to read it.
SCALE_CHOICES = [SelectChoice(code, LABELS["satisfaction_scale"][code]) for code in ("5", "4", "3", "2", "1")]


def choices(pairs) -> list[SelectChoice]:
    """Choices from (code, label) pairs; labels may be lazy, translated when shown."""
    return [SelectChoice(code, label) for code, label in pairs]


class OptionalRadios(RadioField):
    """A question that may be left unanswered; an answer that is not one of the options counts as none."""

    def __init__(self, label=None, choices=None, **kwargs):
        super().__init__(label, choices=choices, validate_choice=False, **kwargs)

    def pre_validate(self, form):
        if self.data is not None and self.data not in {choice.value for choice in self.choices}:
            self.data = None


def _scale(label) -> OptionalRadios:
    return OptionalRadios(label, choices=SCALE_CHOICES)


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
    recommend = OptionalRadios(
        _l("Would you recommend reporting here to someone else?"), choices=choices(LABELS["yes_no_not_sure"].items())
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
        widget=GovPasswordInput(),
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


class DateInputField(StringField):
    """A date typed in a browser's date input (sent as YYYY-MM-DD); its value is in `parsed`."""

    def __init__(self, label=None, invalid_message="", **kwargs):
        super().__init__(label, validators=[_iso_date], **kwargs)
        self.invalid_message = invalid_message
        self.parsed: date | None = None


class ResultsForm(FlaskForm):
    """The results page's choices, sent in the address (GET), so no CSRF token."""

    class Meta:
        csrf = False

    date_from = DateInputField(_l("From"), invalid_message=messages.ENTER_FROM_DATE)
    date_to = DateInputField(_l("To"), invalid_message=messages.ENTER_TO_DATE)
    centre = SelectField(_l("Centre"), validate_choice=False)
    kind = SelectField(
        _l("Survey"),
        choices=choices(
            [
                ("", _l("Both surveys")),
                ("immediate", _l("Just after reporting")),
                ("follow-up", _l("Follow-up, some weeks later")),
            ]
        ),
        validate_choice=False,
    )

    def validate_date_to(self, field) -> None:
        if self.date_from.parsed and field.parsed and field.parsed < self.date_from.parsed:
            raise ValidationError(messages.TO_BEFORE_FROM)
