"""The browser fetches every asset by its versioned URL, the GOV.UK Frontend module that `app.js` imports
included (through the layout's import map, which the Content-Security-Policy lets run by its nonce)."""

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_every_asset_and_imported_module_is_fetched_by_its_versioned_url(open_page, site):
    page = open_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site.at("/"))
    page.wait_for_load_state("networkidle")
    assets = [urlsplit(url) for url in fetched if urlsplit(url).path.startswith("/static/")]
    paths = {asset.path for asset in assets}
    assert {"/static/css/app.css", "/static/js/app.js", "/static/govuk/govuk-frontend.min.js"} <= paths
    unversioned = [asset.geturl() for asset in assets if not parse_qs(asset.query).get("v")]
    assert not unversioned, f"fetched without a version: {unversioned}"
