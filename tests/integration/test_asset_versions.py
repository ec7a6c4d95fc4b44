"""Asset URLs carry their file's content hash (`?v=`), and only such a URL is cached for a year."""

import hashlib
import json
import os
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import url_for

from reporting.assets import LONG_LIFETIME, VERSION_LENGTH

STATIC_PREFIX = "/static/"


def _version(url: str) -> str | None:
    return (parse_qs(urlsplit(url).query).get("v") or [None])[0]


def _asset_urls(page) -> list[str]:
    """Every static URL on a page: links, scripts, images and the import map's targets."""
    urls = [tag["href"] for tag in page.find_all("link", href=True)]
    urls += [tag["src"] for tag in page.find_all(["script", "img"], src=True)]
    for script in page.find_all("script", type="importmap"):
        urls += json.loads(script.string)["imports"].values()
    return [url for url in urls if urlsplit(url).path.startswith(STATIC_PREFIX)]


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:VERSION_LENGTH]


def test_the_version_is_the_content_hash_and_changes_with_the_content(app, tmp_path):
    app.static_folder = str(tmp_path)
    asset = tmp_path / "css" / "site.css"
    asset.parent.mkdir()
    asset.write_bytes(b"body { color: black; }")
    with app.test_request_context():
        first = url_for("static", filename="css/site.css")
        assert _version(first) == _sha(b"body { color: black; }")
        assert url_for("static", filename="css/site.css") == first  # the same while the file is unchanged

        asset.write_bytes(b"body { color: white; }")  # the same size: the modification time tells
        stat = asset.stat()
        os.utime(asset, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        second = url_for("static", filename="css/site.css")
        assert _version(second) == _sha(b"body { color: white; }") != _version(first)

        assert _version(url_for("static", filename="css/missing.css")) is None


@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "staff"])
def test_every_asset_url_on_a_page_carries_its_version(client_request, signed_in):
    if signed_in:
        client_request.login_as("admin")  # staff pages add the session timeout's script
    page = client_request.get("reports.list_reports" if signed_in else "pages.start")
    urls = _asset_urls(page)
    paths = {urlsplit(url).path for url in urls}
    assert {"/static/css/app.css", "/static/js/app.js", "/static/govuk/govuk-frontend.min.js"} <= paths
    if signed_in:
        assert "/static/js/session-timeout.js" in paths
    unversioned = [url for url in urls if not _version(url)]
    assert not unversioned, f"asset URLs without a version: {unversioned}"
    for url in urls:
        response = client_request.get_response_from_url(url)
        assert _version(url) == _sha(response.get_data()), url
        assert response.headers["Cache-Control"] == LONG_LIFETIME, url


def test_the_import_map_maps_each_module_to_its_versioned_url(client_request):
    page = client_request.get("pages.start")
    (script,) = page.find_all("script", type="importmap")
    assert script.get("nonce"), "an inline import map needs the page's nonce under the Content-Security-Policy"
    imports = json.loads(script.string)["imports"]
    assert "/static/govuk/govuk-frontend.min.js" in imports  # what app.js imports
    for plain, versioned in imports.items():
        assert urlsplit(versioned).path == plain and _version(versioned)
    # Before any module script, which the map must precede.
    first_module = page.find("script", type="module")
    assert first_module is None or script.sourceline < first_module.sourceline


def test_a_versioned_static_response_is_cached_for_a_year_and_any_other_is_revalidated(client_request):
    versioned = client_request.url_for("static", filename="js/app.js")
    assert _version(versioned)
    assert client_request.get_response_from_url(versioned).headers["Cache-Control"] == LONG_LIFETIME

    plain = urlsplit(versioned).path
    for url in (plain, f"{plain}?v=000000000000", f"{plain}?v="):
        response = client_request.get_response_from_url(url)
        assert response.headers["Cache-Control"] == "no-cache", url
        assert "Expires" not in response.headers


def test_pages_are_still_never_stored(client_request):
    response = client_request.get_response("pages.start")
    assert response.headers["Cache-Control"] == "no-store"
