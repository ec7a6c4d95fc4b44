"""The two ways to report online, as pages over the shared intake steps.

The plain-language flow asks the same topics as the assisted report, one question a page. The
easy-read flow asks fewer questions, mostly as choices: what happened, why, when, where, whether
the person wants help, whether we may tell the police and whether we may contact them.
"""

from flask_babel import lazy_gettext as _l

from ..intake.forms.accessibility_and_language import AccessibilityAndLanguageForm
from ..intake.forms.contact import ContactForm
from ..intake.forms.equality import NAMES as EQUALITY_QUESTIONS
from ..intake.forms.equality import EqualityForm
from ..intake.forms.harm_and_support import HarmAndSupportForm
from ..intake.forms.identifying_details import IdentifyingDetailsForm
from ..intake.forms.online_abuse import OnlineAbuseForm
from ..intake.forms.place import PlaceForm
from ..intake.forms.police import PoliceForm
from ..intake.forms.police_contact import PoliceContactForm
from ..intake.forms.reported_before import ReportedBeforeForm
from ..intake.forms.responsible import ResponsibleForm
from ..intake.forms.what_happened import WhatHappenedForm
from ..intake.forms.when import WhenForm
from ..intake.forms.where import WhereForm
from ..intake.forms.who_is_reporting import WhoIsReportingForm
from ..intake.forms.why import WhyForm
from ..intake.forms.witnesses import WitnessesForm
from .forms import ContactChoiceForm, FilesForm, NearbyPlaceForm, WhenChoiceForm
from .journey import Page, PageFlow
from .wording import EASY, PLAIN

# The files page's form also says which button was pressed (add files and stay, or continue) and which file to remove.
FILES_PAGE_FIELDS = ("files", "action", "remove")

PLAIN_PAGES = (
    Page("who-is-reporting", WhoIsReportingForm, ("reporter_role",)),
    Page("what-happened", WhatHappenedForm, ("incident_types",)),
    Page("tell-us-what-happened", WhatHappenedForm, ("description", "recording")),
    Page("pictures-and-files", FilesForm, FILES_PAGE_FIELDS),
    Page("why", WhyForm, ("categories",)),
    Page("when", WhenForm, ("occurred_on", "occurred_on_approximate")),
    Page("time-of-day", WhenForm, ("occurred_time",)),
    Page("still-going-on", WhenForm, ("ongoing",)),
    Page("reported-before", ReportedBeforeForm, ("reported_before",)),
    Page("earlier-report", ReportedBeforeForm, ("earlier_reference", "earlier_code"), title=_l("Your earlier report")),
    Page("where", WhereForm, ("location_type",)),
    Page("place", PlaceForm, ("area",)),
    Page("postcode", PlaceForm, ("postcode",)),
    Page("the-place", PlaceForm, ("location_description",)),
    Page("online-abuse", OnlineAbuseForm, ("online_links",)),
    Page("witnesses", WitnessesForm, ("witnesses",)),
    Page("witnesses-details", WitnessesForm, ("witnesses_willing",)),
    Page("responsible", ResponsibleForm, ("perpetrator_description",)),
    Page("know-who-did-it", ResponsibleForm, ("perpetrator_known",)),
    Page("harm-and-support", HarmAndSupportForm, ("injured",)),
    Page("injuries", HarmAndSupportForm, ("injuries",)),
    Page("help", HarmAndSupportForm, ("support_wanted",)),
    Page("help-you-would-like", HarmAndSupportForm, ("support_kinds",)),
    Page("police", PoliceForm, ("police_consent",)),
    Page("police-contact", PoliceContactForm, ("police_contact",)),
    Page("officer", PoliceContactForm, ("police_officer_sex",)),
    Page("someone-you-trust", PoliceContactForm, ("trusted_person",)),
    Page("contact", ContactForm, ("name",)),
    Page("contact-method", ContactForm, ("preferred_method",)),
    Page("phone", ContactForm, ("phone",)),
    Page("email", ContactForm, ("email",)),
    Page("address", ContactForm, ("address",)),
    Page("safe-times", ContactForm, ("safe_times",)),
    Page("leave-a-message", ContactForm, ("safe_to_leave_message",)),
    Page("accessibility-and-language", AccessibilityAndLanguageForm, ("communication_needs",)),
    Page("interpreter", AccessibilityAndLanguageForm, ("interpreter_language",)),
    Page("other-needs", AccessibilityAndLanguageForm, ("accessibility_needs",)),
    Page("identifying-details", IdentifyingDetailsForm, ("identifying_fields",)),
    Page("equality", EqualityForm, EQUALITY_QUESTIONS, title=_l("About you (optional)")),
)


def _wants_contact(answers: dict) -> bool:
    return answers.get("contact_wanted") == "yes"


def _before_yesterday(answers: dict) -> bool:
    return answers.get("when_choice") == "earlier"


EASY_READ_PAGES = (
    Page("who-is-reporting", WhoIsReportingForm, ("reporter_role",), icon="person"),
    Page("what-happened", WhatHappenedForm, ("incident_types",), icon="speech"),
    Page("tell-us-more", WhatHappenedForm, ("description", "recording"), icon="pencil", skippable=True),
    Page("pictures-and-files", FilesForm, FILES_PAGE_FIELDS, icon="picture"),
    Page("why", WhyForm, ("categories",), icon="question"),
    Page("when-choice", WhenChoiceForm, ("when_choice",), icon="calendar"),
    Page("when", WhenForm, ("occurred_on", "occurred_on_approximate"), icon="calendar", shows=_before_yesterday),
    Page("still-going-on", WhenForm, ("ongoing",), icon="repeat"),
    Page("where", WhereForm, ("location_type",), icon="pin"),
    Page("place", NearbyPlaceForm, ("area",), icon="map"),
    Page("help", HarmAndSupportForm, ("support_wanted",), icon="help"),
    Page("help-you-want", HarmAndSupportForm, ("support_kinds",), icon="help"),
    Page("police", PoliceForm, ("police_consent",), icon="police"),
    Page("contact-choice", ContactChoiceForm, ("contact_wanted",), icon="phone"),
    Page("contact", ContactForm, ("name",), icon="person", shows=_wants_contact),
    Page("contact-method", ContactForm, ("preferred_method",), icon="phone", shows=_wants_contact),
    Page("phone", ContactForm, ("phone",), icon="phone", shows=_wants_contact),
    Page("email", ContactForm, ("email",), icon="email", shows=_wants_contact),
    Page("address", ContactForm, ("address",), icon="home", shows=_wants_contact),
    Page("leave-a-message", ContactForm, ("safe_to_leave_message",), icon="phone", shows=_wants_contact),
)

PLAIN_FLOW = PageFlow(name="questions", channel="self", pages=PLAIN_PAGES, wording=PLAIN)
EASY_READ_FLOW = PageFlow(name="easy-read", channel="self", pages=EASY_READ_PAGES, wording=EASY, easy_read=True)
FLOWS = {flow.name: flow for flow in (PLAIN_FLOW, EASY_READ_FLOW)}
