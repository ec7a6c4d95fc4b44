"""The ordered registry of intake steps: slug to form class, in the order the questions are asked.

Both the assisted flow and the self-report flow draw their steps from here; a flow may leave
steps out (the safeguarding prompt is for volunteers) but never reorders them.
"""

from .accessibility_and_language import AccessibilityAndLanguageForm
from .contact import ContactForm
from .equality import EqualityForm
from .evidence import EvidenceForm
from .harm_and_support import HarmAndSupportForm
from .identifying_details import IdentifyingDetailsForm
from .online_abuse import OnlineAbuseForm
from .place import PlaceForm
from .police import PoliceForm
from .police_contact import PoliceContactForm
from .reported_before import ReportedBeforeForm
from .responsible import ResponsibleForm
from .safeguarding import SafeguardingForm
from .what_happened import WhatHappenedForm
from .when import WhenForm
from .where import WhereForm
from .who_is_reporting import WhoIsReportingForm
from .why import WhyForm
from .witnesses import WitnessesForm

STEPS = {
    form.slug: form
    for form in (
        WhoIsReportingForm,
        WhatHappenedForm,
        SafeguardingForm,
        WhyForm,
        WhenForm,
        ReportedBeforeForm,
        WhereForm,
        PlaceForm,
        OnlineAbuseForm,
        WitnessesForm,
        EvidenceForm,
        ResponsibleForm,
        HarmAndSupportForm,
        PoliceForm,
        PoliceContactForm,
        ContactForm,
        AccessibilityAndLanguageForm,
        IdentifyingDetailsForm,
        EqualityForm,
    )
}
