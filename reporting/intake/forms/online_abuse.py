"""Step: links to posts or messages, and usernames, for online abuse."""

from ... import messages
from ...forms import TextAreaField
from ...forms.validators import MaxLength, Optional
from ...i18n import lazy_gettext as _l
from .base import StepForm


class OnlineAbuseForm(StepForm):
    slug = "online-abuse"

    online_links = TextAreaField(
        _l("Links and usernames"), validators=[Optional(), MaxLength(5_000, messages.ONLINE_LINKS_TOO_LONG)], rows=6
    )

    @classmethod
    def should_show(cls, answers: dict) -> bool:
        return answers.get("location_type") == "online" or "online" in (answers.get("incident_types") or [])
