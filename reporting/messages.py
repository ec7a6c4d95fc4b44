"""Default validation messages, written the GOV.UK way, translated per request."""

from flask_babel import lazy_gettext as _l

ENTER_EMAIL = _l("Enter your email address")
ENTER_VALID_EMAIL = _l("Enter an email address in the correct format, like name@example.com")
ENTER_PASSWORD = _l("Enter your password")
SIGNED_OUT_IDLE = _l("You were signed out because you had not done anything for a while. Sign in again to continue.")
SIGNED_OUT_MAX_AGE = _l(
    "You were signed out because you had been signed in for a long time. Sign in again to continue."
)
SIGNED_OUT = _l("You have signed out.")
# Answers posted on a page of a report after the session ended, kept for the same person.
ANSWERS_KEPT = _l("We kept the answers on the page you were on. Sign in again to save them to the report.")
ANSWERS_SAVED_AFTER_SIGN_IN = _l(
    "We saved the answers you gave on this page before you were signed out. Check them, then continue."
)
ANSWERS_TO_CORRECT_AFTER_SIGN_IN = _l(
    "These are the answers you gave on this page before you were signed out. They have not been saved yet: "
    "correct them, then continue."
)

# The assisted report (intake). Each says what to do; none says "invalid".
SELECT_REPORTER_ROLE = _l("Select who is making the report")
SELECT_INCIDENT_TYPE = _l("Select what happened")
ENTER_DESCRIPTION = _l("Describe what happened")
DESCRIPTION_TOO_LONG = _l("The description of what happened must be 10,000 characters or fewer")
SELECT_SAFEGUARDING = _l("Select whether you will make an adult safeguarding referral")
SELECT_CATEGORY = _l("Select why you think it happened")
ENTER_DATE = _l("Enter the date the incident happened, for example 27 3 2026")
ENTER_MONTH_YEAR = _l("Enter the month and year the incident happened, for example 3 2026")
DATE_NEEDS_DAY = _l(
    "The date the incident happened must include a day. If they are not sure of the day, select "
    "'I'm not sure of the exact date'"
)
DATE_NEEDS_MONTH = _l("The date the incident happened must include a month")
DATE_NEEDS_YEAR = _l("The date the incident happened must include a year")
DATE_YEAR_FOUR_DIGITS = _l("The year must include 4 numbers, for example 2026")
DATE_NOT_REAL = _l("The date the incident happened must be a real date")
DATE_IN_FUTURE = _l("The date the incident happened must be today or in the past")
DATE_TOO_EARLY = _l(
    "The date the incident happened must be on or after %(date)s (we take reports of the last 10 years)"
)
SELECT_ONGOING = _l("Select yes if it is still happening")
SELECT_LOCATION_TYPE = _l("Select where it happened")
SELECT_AREA = _l("Select the area where it happened")
ENTER_REAL_POSTCODE = _l("Enter a real postcode, like M33 7XY, or the first part of one, like M33, or leave it blank")
PLACE_TOO_LONG = _l("The description of the place must be 2,000 characters or fewer")
ONLINE_LINKS_TOO_LONG = _l("The links and usernames must be 5,000 characters or fewer")
SELECT_WITNESSES = _l("Select whether anyone saw what happened")
SELECT_WITNESSES_WILLING = _l("Select whether the witnesses would give their details")
SELECT_PERPETRATOR_KNOWN = _l("Select whether they know the person or people responsible")
PERPETRATOR_TOO_LONG = _l("The description of the people responsible must be 5,000 characters or fewer")
SELECT_INJURED = _l("Select whether anyone was hurt")
ENTER_INJURIES = _l("Describe the injuries")
INJURIES_TOO_LONG = _l("The description of the injuries must be 2,000 characters or fewer")
SELECT_SUPPORT_WANTED = _l("Select yes if they would like support")
SELECT_SUPPORT_KINDS = _l("Select the support they would like")
SELECT_POLICE_CONSENT = _l("Select whether the report can be shared with the police")
SELECT_POLICE_CONTACT = _l("Select how they would accept contact from the police")
SELECT_OFFICER_SEX = _l("Select whether they would like a female or male officer")
ENTER_TRUSTED_PERSON = _l("Enter the name of the trusted person and how to reach them")
TRUSTED_PERSON_TOO_LONG = _l("The trusted person's details must be 500 characters or fewer")
ENTER_NAME = _l("Enter their name")
NAME_TOO_LONG = _l("The name must be 200 characters or fewer")
SELECT_CONTACT_METHOD = _l("Select how they would like to be contacted")
ENTER_PHONE = _l("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
ENTER_CONTACT_EMAIL = _l("Enter an email address in the correct format, like name@example.com")
ENTER_ADDRESS = _l("Enter the address for letters")
ADDRESS_TOO_LONG = _l("The address must be 500 characters or fewer")
SAFE_TIMES_TOO_LONG = _l("The safe times to contact them must be 500 characters or fewer")
SELECT_LEAVE_MESSAGE = _l("Select yes if it is safe to leave a message")
SELECT_LANGUAGE = _l("Select the language they used to make the report")
ENTER_INTERPRETER_LANGUAGE = _l("Enter the language they need an interpreter for")
INTERPRETER_LANGUAGE_TOO_LONG = _l("The interpreter language must be 100 characters or fewer")
ACCESSIBILITY_TOO_LONG = _l("Other needs must be 2,000 characters or fewer")
EVIDENCE_WRONG_TYPE = _l("%(name)s must be a JPG, PNG, HEIC or PDF")
EVIDENCE_TOO_BIG = _l("%(name)s must be smaller than %(size)d MB")
EVIDENCE_EMPTY = _l("%(name)s is empty")
EVIDENCE_PDF_ENCRYPTED = _l("%(name)s is protected with a password. Save a copy without the password, then add that")
EVIDENCE_PDF_UNREADABLE = _l("%(name)s could not be opened as a PDF. Save it as a PDF again, or add a screenshot of it")
EVIDENCE_TOO_MANY = _l("You can add up to %(count)d files to a report. Remove a file before adding another")
EVIDENCE_REQUEST_TOO_BIG = _l(
    "The selected files must be smaller than %(size)d MB each. Select fewer or smaller files, then try again"
)
EVIDENCE_TOTAL_TOO_BIG = _l(
    "The files on a report can be %(size)d MB in total. Remove a file, or choose fewer or smaller files"
)
EVIDENCE_REQUEST_TOO_BIG_IN_TOTAL = _l(
    "The selected files must be smaller than %(size)d MB together. Select fewer or smaller files, then try again"
)
EVIDENCE_DAILY_ALLOWANCE_USED = _l(
    "You cannot add more files to this report today. You can still send it, and add files later in Check my report"
)
ENTER_NOTE = _l("Enter a note")
NOTE_TOO_LONG = _l("The note must be 5,000 characters or fewer")
SELECT_STATUS = _l("Select the new status")
SELECT_IDENTIFYING_EVIDENCE = _l("Select whether the file could identify the person")
REPORT_SUBMITTED_ALREADY = _l("This report has already been submitted. It cannot be changed here.")

# The satisfaction surveys and their results.
COMMENT_TOO_LONG = _l("What you would like to tell us must be 2,000 characters or fewer")
HAND_BACK_PASSWORD_WRONG = _l("The password is not right. Enter the password you signed in with")
HAND_BACK_SIGNED_OUT = _l("You were signed out because the password was entered wrongly too many times. Sign in again.")
SURVEY_DECLINED = _l("The person did not want to answer the survey. Nothing was recorded.")
SURVEY_CLOSED_ALREADY = _l("The survey for this report has already been answered or declined.")
ENTER_FROM_DATE = _l("Enter the first day of the period as a real date, for example 2026-03-01")
ENTER_TO_DATE = _l("Enter the last day of the period as a real date, for example 2026-08-31")
TO_BEFORE_FROM = _l("The last day of the period must be the same as or after the first day")

# Reports people make themselves online, worded for the person reporting.
SELECT_WHO_IT_HAPPENED_TO = _l("Select who it happened to")
SELECT_WHEN = _l("Select when it happened")
SELECT_CONTACT_WANTED = _l("Select yes if we can contact you")
ENTER_YOUR_NAME = _l("Enter your name")
SELECT_YOUR_CONTACT_METHOD = _l("Select how we should contact you")
SELECT_YOU_WANT_SUPPORT = _l("Select yes if you would like help")
SELECT_YOUR_SUPPORT_KINDS = _l("Select the help you would like")
SELECT_YOU_KNOW_THEM = _l("Select yes if you know who did it")
SELECT_YOUR_POLICE_CONTACT = _l("Select how the police can contact you")
SELECT_YOUR_OFFICER = _l("Select a female or a male officer")
DATE_NEEDS_DAY_YOU = _l(
    "The date must include a day. If you are not sure of the day, select 'I'm not sure of the exact date'"
)
ENTER_YOUR_INTERPRETER_LANGUAGE = _l("Enter the language you need an interpreter for")
YOUR_SAFE_TIMES_TOO_LONG = _l("When it is safe to contact you must be 500 characters or fewer")
SELECT_SHARE_WITH_POLICE = _l("Select if we can tell the police")
SELECT_CENTRE = _l("Select the centre that will follow up the report")
