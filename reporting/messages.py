"""Default validation messages, written the GOV.UK way, translated per request."""

from flask_babel import lazy_gettext as _l

ENTER_EMAIL = _l("Enter your email address")
ENTER_VALID_EMAIL = _l("Enter an email address in the correct format, like name@example.com")
ENTER_PASSWORD = _l("Enter your password")
SIGN_IN_FAILED = _l("The email address or password is not right. Check them and try again.")
ACCOUNT_LOCKED = _l("There have been too many failed attempts to sign in to this account. Try again in 15 minutes.")
SIGNED_OUT_IDLE = _l("You were signed out because you had not done anything for a while. Sign in again to continue.")
SIGNED_OUT = _l("You have signed out.")
