"""Step: for an anonymous police report, which free-text answers could identify the person.

Those answers are withheld from the anonymous police referral.
"""

from ...forms import CheckboxesField, choice_pairs, options
from ...forms.validators import Optional
from ...i18n import lazy_gettext as _l
from .base import StepForm

FREE_TEXT = {
    "description": _l("Their account of what happened"),
    "location_description": _l("The description of the place"),
    "online_links": _l("The links and usernames of the online abuse"),
    "perpetrator_description": _l("The description of who did it"),
    "injuries": _l("The description of the injuries"),
    "accessibility_needs": _l("Their other accessibility needs"),
}


class IdentifyingDetailsForm(StepForm):
    slug = "identifying-details"

    identifying_fields = CheckboxesField(_l("Answers that could identify them"), choices=[], validators=[Optional()])

    @classmethod
    def should_show(cls, answers: dict) -> bool:
        return answers.get("police_consent") == "anonymous" and any(answers.get(name) for name in FREE_TEXT)

    @classmethod
    def answers_from(cls, report) -> dict:
        return {"identifying_fields": list(report.identifying_fields or [])}

    def prepare(self) -> None:
        given = [name for name in FREE_TEXT if self.report is not None and getattr(self.report, name)]
        self.identifying_fields.choices = options((name, FREE_TEXT[name]) for name in given)

    def excerpts(self) -> dict[str, str]:
        """The first words of each answer, shown under its checkbox."""
        return {name: _excerpt(getattr(self.report, name)) for name, _label in choice_pairs(self.identifying_fields)}

    def save(self, report) -> None:
        report.identifying_fields = list(self.identifying_fields.data)

    def display(self, item) -> list[str]:
        if not item.data:
            return [str(_l("None of them"))]
        return super().display(item)


def _excerpt(text: str | None, length: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
