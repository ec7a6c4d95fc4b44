"""The published statistics page and the unit's publishing page pass axe-core (WCAG 2.2 AA and best practice)
and need no sideways scrolling at every size, in English and in Arabic (right to left)."""

import shutil
from datetime import UTC, datetime

import pytest

from reporting.extensions import db
from tests.browser.conftest import VIEWPORTS, Site, sign_in
from tests.browser.helpers import check_every_size
from tests.conftest import make_app
from tests.support import factories
from tests.support.live_server import BILINGUAL, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def statistics_site(browser, seeded_database, tmp_path_factory):
    """The seeded site (English and Arabic) on a copy of its database, with more reports and two quarters published."""
    url, seeded = seeded_database
    path = tmp_path_factory.mktemp("statistics") / "reporting.sqlite3"
    shutil.copy(url.removeprefix("sqlite:///"), path)
    app = make_app(f"sqlite:///{path}", LANGUAGES=BILINGUAL)
    with app.app_context():
        area = factories.area("stretford", "Stretford")
        for day in range(1, 25):
            factories.report(
                None,
                area=area if day % 3 else None,
                reported_at=datetime(2026, 4 + day % 3, day, 12, tzinfo=UTC),
                categories=[["race"], ["religion"], ["disability", "race"]][day % 3],
                incident_types=[["verbal_abuse"], ["threats"]][day % 2],
            )
        db.session.commit()
        runner = app.test_cli_runner()
        for quarter in ("2026-Q1", "2026-Q2"):
            result = runner.invoke(args=["statistics", "publish", "--quarter", quarter])
            assert result.exit_code == 0, result.output
        db.engine.dispose()
    with serve(app) as base_url:
        yield Site(base_url, seeded, app)
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_statistics_page_passes_axe_at_every_size(open_page, statistics_site, language):
    page = open_page(statistics_site.at(f"/statistics?lang={language}"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("main figure.app-chart > svg[role=img]").count() == 5
    problems = check_every_size(page, VIEWPORTS)
    assert not problems, f"{language}:\n" + "\n".join(problems)


def test_each_chart_is_named_and_sits_with_its_table(open_page, statistics_site):
    page = open_page(statistics_site.at("/statistics"))
    chart = page.get_by_role("img", name="Reports by category, April to June 2026")
    assert chart.count() == 1
    assert page.locator("#table-category tbody tr").count() >= 9
    assert page.get_by_role("link", name="Download the figures (CSV)").count() == 1


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_publishing_page_passes_axe_at_every_size(open_page, browser, statistics_site, language):
    context = browser.new_context()
    sign_in(context.new_page(), statistics_site, statistics_site.seeded.partnership_email)
    state = context.storage_state()
    context.close()
    page = open_page(statistics_site.at(f"/review/statistics?lang={language}"), storage_state=state)
    problems = check_every_size(page, VIEWPORTS)
    assert not problems, f"{language}:\n" + "\n".join(problems)
