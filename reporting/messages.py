"""Default validation messages, written the GOV.UK way, translated per request."""

from flask_babel import lazy_gettext as _l

ENTER_EMAIL = _l("Enter your email address")
ENTER_VALID_EMAIL = _l("Enter an email address in the correct format, like name@example.com")
ENTER_PASSWORD = _l("Enter your password")
SIGN_IN_FAILED = _l("The email address or password is not right. Check them and try again.")
ACCOUNT_LOCKED = _l("There have been too many failed attempts to sign in to this account. Try again in 15 minutes.")
SIGNED_OUT_IDLE = _l("You were signed out because you had not done anything for a while. Sign in again to continue.")
SIGNED_OUT = _l("You have signed out.")

# The satisfaction surveys and their results.
COMMENT_TOO_LONG = _l("What you would like to tell us must be 2,000 characters or fewer")
HAND_BACK_PASSWORD_WRONG = _l("The password is not right. Enter the password you signed in with")
HAND_BACK_SIGNED_OUT = _l("You were signed out because the password was entered wrongly too many times. Sign in again.")
SURVEY_DECLINED = _l("The person did not want to answer the survey. Nothing was recorded.")
SURVEY_CLOSED_ALREADY = _l("The survey for this report has already been answered or declined.")
ENTER_FROM_DATE = _l("Enter the first day of the period as a real date, for example 2026-03-01")
ENTER_TO_DATE = _l("Enter the last day of the period as a real date, for example 2026-08-31")
TO_BEFORE_FROM = _l("The last day of the period must be the same as or after the first day")
