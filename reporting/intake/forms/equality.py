"""Step: optional equality monitoring; every question can be left or answered "Prefer not to say"."""

from ...forms import RadiosField, vocabulary_options
from ...forms.validators import Optional
from ...i18n import lazy_gettext as _l
from ...models import EqualityAnswers
from .base import StepForm

NAMES = ("age_band", "sex", "gender_same_as_birth", "sexual_orientation", "ethnicity", "religion", "disability")


def _question(label, kind: str) -> RadiosField:
    return RadiosField(label, choices=vocabulary_options(kind), validators=[Optional()], size="s")


class EqualityForm(StepForm):
    slug = "equality"

    age_band = _question(_l("Age"), "age_bands")
    sex = _question(_l("Sex"), "sexes")
    gender_same_as_birth = _question(_l("Gender the same as sex registered at birth"), "gender_same_as_birth")
    sexual_orientation = _question(_l("Sexual orientation"), "sexual_orientations")
    ethnicity = _question(_l("Ethnic group"), "ethnic_groups")
    religion = _question(_l("Religion"), "religions")
    disability = _question(_l("Disability"), "disability")

    @classmethod
    def should_show(cls, answers: dict) -> bool:
        # Staff reporting on someone's behalf cannot answer for them.
        return answers.get("reporter_role") != "centre_staff"

    @classmethod
    def answers_from(cls, report) -> dict:
        return {name: getattr(report.equality, name, None) for name in NAMES}

    def save(self, report) -> None:
        given = {name: self[name].data for name in NAMES}
        if not any(given.values()):
            report.equality = None
            return
        if report.equality is None:
            report.equality = EqualityAnswers()
        for name, value in given.items():
            setattr(report.equality, name, value)
