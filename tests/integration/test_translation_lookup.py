"""The app's own translation look-up answers as Flask-Babel's does: in the request's language, and in the
language of a `force_locale` block while it lasts (receipts and PDFs in the person's language)."""

from babel import support
from flask import render_template_string
from flask_babel import force_locale
from flask_babel import gettext as babel_gettext
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.i18n import messages_path

from reporting import i18n
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


class AgeForm(FlaskForm):
    age = IntegerField("Age")


def _age_error(app, language: str) -> str:
    # A fresh app context, as each real request has: the locale chosen is kept on `g`.
    with app.app_context(), app.test_request_context(f"/?lang={language}", method="POST", data={"age": "twelve"}):
        form = AgeForm(meta={"csrf": False})
        assert not form.validate()
        return form.age.errors[0]


def test_wtforms_own_messages_are_in_the_request_language_and_read_from_disk_once_a_language(app, monkeypatch):
    load = support.Translations.load
    loaded = []

    def counting_load(cls, dirname, locales, domain):
        loaded.append([str(locale) for locale in locales])
        return load(dirname, locales, domain)

    monkeypatch.setattr(support.Translations, "load", classmethod(counting_load))
    i18n.wtforms_catalogue.cache_clear()
    polish = load(messages_path(), ["pl"], domain="wtforms").ugettext("Not a valid integer value.")
    assert polish != "Not a valid integer value."
    loaded.clear()

    assert [_age_error(app, "pl") for _ in range(3)] == [polish] * 3
    assert _age_error(app, "en") == "Not a valid integer value."
    assert _age_error(app, "pl") == polish
    assert loaded == [["pl"], ["en"]]
