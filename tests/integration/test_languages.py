"""The languages: every one named in its own script, shipped only with a complete catalogue, and found by
Flask-Babel under its locale code (Simplified Chinese is `zh_Hans` on disk and `zh-Hans` in the page)."""

import flask_babel
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from reporting.i18n import ALL_LANGUAGES, SHIPPED_LANGUAGES, complete_languages
from tests.conftest import make_app
from tests.support.client import ClientRequest
from tests.support.html import text_of

HEADING = "Tell us about a hate incident"


def _catalogue(directory, code: str, translations: dict, fuzzy: tuple = ()) -> None:
    folder = directory / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = Catalog(locale=code.replace("-", "_"))
    for text, translated in translations.items():
        catalogue.add(text, translated, flags=("fuzzy",) if text in fuzzy else ())
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, catalogue)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalogue)


def test_all_nine_languages_are_named_in_their_own_script():
    assert list(ALL_LANGUAGES) == ["en", "ar", "ur", "pl", "ro", "bn", "pa", "zh_Hans", "so"]
    assert ALL_LANGUAGES["ar"] == "العربية" and ALL_LANGUAGES["zh_Hans"] == "简体中文"
    assert ALL_LANGUAGES["pa"] == "ਪੰਜਾਬੀ" and ALL_LANGUAGES["bn"] == "বাংলা"
    assert set(SHIPPED_LANGUAGES) <= set(ALL_LANGUAGES) and "en" in SHIPPED_LANGUAGES


def test_only_complete_catalogues_are_shipped(tmp_path):
    template = Catalog()
    template.add(HEADING)
    template.add("Start now")
    with (tmp_path / "messages.pot").open("wb") as handle:
        write_po(handle, template)
    _catalogue(tmp_path, "pl", {HEADING: "Powiedz nam", "Start now": "Zacznij teraz"})
    _catalogue(tmp_path, "ro", {HEADING: "Spune-ne", "Start now": ""})
    _catalogue(tmp_path, "so", {HEADING: "Noo sheeg", "Start now": "Bilow"}, fuzzy=("Start now",))
    _catalogue(tmp_path, "bn", {HEADING: "আমাদের বলুন"})  # not updated from the template
    assert complete_languages(tmp_path) == {"en": "English", "pl": "Polski"}


def _forget_loaded_catalogues(app) -> None:
    """Flask-Babel caches loaded catalogues per locale for the process; a test with its own must not share it."""
    with app.app_context():
        flask_babel.get_domain().cache.clear()


@pytest.fixture
def chinese_app(sqlite_url, tmp_path):
    """An app whose only catalogue is a Simplified Chinese one of a single message, forgotten after the test
    whether it passed or failed, so no later test in the process is served it."""
    _catalogue(tmp_path, "zh_Hans", {HEADING: "告诉我们"})
    app = make_app(
        sqlite_url,
        BABEL_TRANSLATION_DIRECTORIES=str(tmp_path),
        LANGUAGES={"en": "English", "zh_Hans": "简体中文", "ar": "العربية"},
    )
    _forget_loaded_catalogues(app)
    yield app
    _forget_loaded_catalogues(app)


def test_simplified_chinese_is_found_and_declared_as_zh_hans(chinese_app):
    client_request = ClientRequest(chinese_app.test_client(), auth=None)
    page = client_request.get("selfreport.start", lang="zh_Hans")
    assert page.html["lang"] == "zh-Hans" and page.html["dir"] == "ltr"
    assert text_of(page, "h1") == "告诉我们"
    arabic = client_request.get("selfreport.start", lang="ar")
    assert arabic.html["lang"] == "ar" and arabic.html["dir"] == "rtl"
