"""The app's own translation look-up answers as Flask-Babel's does: in the request's language, and in the
language of a `force_locale` block while it lasts (receipts and PDFs in the person's language)."""

from flask import render_template_string
from flask_babel import force_locale
from flask_babel import gettext as babel_gettext

from reporting.i18n import gettext, lazy_gettext

MESSAGE = "Not given"


def test_follows_the_request_language_and_force_locale(app):
    with app.test_request_context("/?lang=ar"):
        arabic = babel_gettext(MESSAGE)
        assert arabic != MESSAGE
        assert gettext(MESSAGE) == arabic
        with force_locale("pl"):
            polish = babel_gettext(MESSAGE)
            assert polish not in (MESSAGE, arabic)
            assert gettext(MESSAGE) == str(lazy_gettext(MESSAGE)) == polish
            assert render_template_string("{{ _(message) }}", message=MESSAGE) == polish
        assert gettext(MESSAGE) == str(lazy_gettext(MESSAGE)) == arabic
        assert render_template_string("{{ _(message) }}", message=MESSAGE) == arabic


def test_a_force_locale_block_opened_before_the_request_language_is_chosen(app):
    with app.test_request_context("/?lang=ur"):
        with force_locale("en"):
            assert gettext(MESSAGE) == MESSAGE
        assert gettext(MESSAGE) == babel_gettext(MESSAGE) != MESSAGE


def test_outside_a_request_nothing_is_translated():
    assert gettext(MESSAGE) == MESSAGE
