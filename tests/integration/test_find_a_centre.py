"""Find a reporting centre (`/centres`, `/centres/<code>`) and the postcode districts it measures from: centres
nearest first with their distance in miles, or an area's centres first; opening hours in the visitor's language;
only active centres listed publicly, and only their public fields; a postcode outside the table or text that is
not a postcode still lists every centre; nothing searched is logged; `districts import` all or nothing."""

import logging
import threading
import urllib.error
import urllib.request
from datetime import UTC, date, datetime

import pytest
from babel.dates import get_day_names
from sqlalchemy import func, select
from werkzeug.serving import make_server

from reporting.centres.models import PostcodeDistrict
from reporting.extensions import db
from reporting.models import Centre, Report
from reporting.referrals import services as referral_services
from tests.conftest import make_app
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary, text_of
from tests.support.selfreport import send

FIND, CENTRE = "public_centres.find", "public_centres.centre"
WEEKDAYS_OPEN = "Mon-Fri 09:30-17:00; Sat 10:00-13:00"
STAFF_ONLY = ("Pat Keyholder", "Spare key is under the plant pot", "2025-01-02", "2025-02-03")
# One degree of latitude is 69.09 miles: centres due north of the district's middle are 0.7, 3.5 and 6.9 away.
ORIGIN = (53.0, -2.0)


def _centre(code, name, area_code, latitude=None, **fields):
    point = {"latitude": latitude, "longitude": ORIGIN[1]} if latitude is not None else {}
    return factories.centre(code, name, area_code, **point, **fields)


@pytest.fixture
def centres():
    """Four listed centres (one without coordinates), one not listed publicly and one closed, all near M33."""
    factories.area("sale_central", "Sale Central")
    factories.area("urmston", "Urmston")
    factories.area("bowdon", "Bowdon")
    db.session.add(PostcodeDistrict(district="M33", latitude=ORIGIN[0], longitude=ORIGIN[1]))
    _centre("zeta-near", "Zeta Near Library", "urmston", 53.01, opening_hours=WEEKDAYS_OPEN, phone="0161 000 0001",
            kind="library", address="1 Near Street, Sale", postcode="M33 1AA", directions="Bus 263 to the door",
            offers=["assisted_reporting", "interpreters"], access=["step_free"], languages=["en", "ur"],
            email="zeta@example.org", hours_note="Ring the bell", contact_person=STAFF_ONLY[0], notes=STAFF_ONLY[1],
            last_training_on=date(2025, 1, 2), last_contact_on=date(2025, 2, 3))  # fmt: skip
    _centre("middle-hall", "Middle Hall", "sale_central", 53.05, opening_hours="Tue 10:00-12:00")
    _centre("alpha-far", "Alpha Far Centre", "urmston", 53.10)
    _centre("beta-unplaced", "Beta Unplaced Hub", "sale_central")
    _centre("hidden-refuge", "Hidden Refuge", "sale_central", 53.001, listed_publicly=False)
    _centre("closed-hall", "Closed Hall", "sale_central", 53.002).active = False
    db.session.commit()


def _visitor(app) -> ClientRequest:
    return ClientRequest(app.test_client(), auth=None)


def _listed(page) -> list[tuple[str, str | None]]:
    """(name, distance shown) of each centre listed, in order, across every list on the page."""
    found = []
    for item in page.select("ol.app-centre-list > li"):
        row = item.select_one(".app-centre-distance")
        distance = row.dd.get_text(" ", strip=True) if row else None
        found.append((item.h3.get_text(strip=True), distance))
    return found


def _names(page) -> list[str]:
    return [name for name, _distance in _listed(page)]


def _main_text(page) -> str:
    return " ".join(page.select_one("main").get_text(" ").split())


# ---------------------------------------------------------------- ordering and distances


@pytest.mark.parametrize("typed", ["M33 7ZF", "m337zf", "  M33   7zf ", "M33", "m33"])
def test_a_postcode_or_its_district_lists_centres_nearest_first_with_miles(any_app, centres, typed):
    page = _visitor(any_app).get(FIND, postcode=typed)
    assert _listed(page) == [
        ("Zeta Near Library", "0.7 miles"),
        ("Middle Hall", "3.5 miles"),
        ("Alpha Far Centre", "6.9 miles"),
        ("Beta Unplaced Hub", None),
    ]
    assert text_of(page, "main h2.govuk-heading-l") == "Centres nearest to M33"
    assert "We do not know exactly where some centres are, so they come last, by name." in _main_text(page)


def test_with_no_search_every_listed_centre_is_shown_by_name_without_distances(any_app, centres):
    page = _visitor(any_app).get(FIND)
    assert _listed(page) == [
        ("Alpha Far Centre", None), ("Beta Unplaced Hub", None), ("Middle Hall", None), ("Zeta Near Library", None),
    ]  # fmt: skip
    assert not page.select(".govuk-error-summary")


def test_distances_are_written_as_the_visitors_language_writes_numbers(app, centres):
    page = _visitor(app).get(FIND, postcode="M33 7ZF", lang="pl")
    assert _listed(page)[1][1].startswith("3,5")


def test_choosing_an_area_lists_its_centres_first_then_the_others_by_name(any_app, centres):
    page = _visitor(any_app).get(FIND, area="urmston")
    assert _names(page) == ["Alpha Far Centre", "Zeta Near Library", "Beta Unplaced Hub", "Middle Hall"]
    headings = [heading.get_text(strip=True) for heading in page.select("main h2.govuk-heading-l")]
    assert headings == ["Centres in Urmston", "Other centres"]
    assert page.select_one("#area option[selected]")["value"] == "urmston"


def test_an_area_with_no_centre_says_so_and_lists_every_centre(app, centres):
    page = _visitor(app).get(FIND, area="bowdon")
    assert "There is no centre in Bowdon." in _main_text(page)
    assert _names(page) == ["Alpha Far Centre", "Beta Unplaced Hub", "Middle Hall", "Zeta Near Library"]


# ---------------------------------------------------------------- outside the table, and wrong input


@pytest.mark.parametrize("typed", ["E1 6AN", "E1"])
def test_a_postcode_outside_the_table_lists_every_centre_and_says_so(any_app, centres, typed):
    page = _visitor(any_app).get(FIND, postcode=typed)
    assert _listed(page) == [
        ("Alpha Far Centre", None), ("Beta Unplaced Hub", None), ("Middle Hall", None), ("Zeta Near Library", None),
    ]  # fmt: skip
    sentence = text_of(page, "#distances-unknown")
    assert "We could not work out how far the centres are from E1, so every centre is listed by name." in sentence
    assert page.select_one("#distances-unknown a")["href"] == "/report/"
    assert not page.select(".govuk-error-summary")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a postcode, like M33 7ZF"),
        ("   ", "Enter a postcode, like M33 7ZF"),
        ("Sale", "Enter a full postcode, like M33 7ZF, or the first part of one, like M33"),
        ("M33 7Z", "Enter a full postcode, like M33 7ZF, or the first part of one, like M33"),
        ("12345", "Enter a full postcode, like M33 7ZF, or the first part of one, like M33"),
        ("<script>alert(1)</script>", "Enter a full postcode, like M33 7ZF, or the first part of one, like M33"),
        ("M33 7ZF" * 1000, "Enter a full postcode, like M33 7ZF, or the first part of one, like M33"),
        ("\x00M33", "Enter a full postcode, like M33 7ZF, or the first part of one, like M33"),
    ],
    ids=["empty", "spaces", "a-town", "too-short", "digits", "markup", "enormous", "control-character"],
)
def test_text_that_is_not_a_postcode_is_explained_and_every_centre_still_listed(any_app, centres, typed, message):
    page = _visitor(any_app).get(FIND, postcode=typed)
    assert error_summary(page) == [message]
    assert page.select_one(".govuk-error-summary a")["href"] == "#postcode"
    assert message in text_of(page, "#postcode-error")
    assert page.title.string.startswith("Error:")
    assert len(_names(page)) == 4
    assert "<script>alert(1)</script>" not in str(page.select_one("main"))


@pytest.mark.parametrize("chosen", ["", "nowhere", "x" * 5000])
def test_an_area_that_is_not_on_the_list_is_explained(app, centres, chosen):
    page = _visitor(app).get(FIND, area=chosen)
    assert error_summary(page) == ["Select an area"]
    assert page.select_one(".govuk-error-summary a")["href"] == "#area"
    assert len(_names(page)) == 4


def test_a_search_page_is_never_kept_by_the_browser(app, centres):
    response = _visitor(app).get_response(FIND, postcode="M33 7ZF")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


# ---------------------------------------------------------------- only public centres, only public fields


@pytest.mark.parametrize("code", ["hidden-refuge", "closed-hall", "no-such-centre", "x" * 500])
def test_a_centre_not_listed_publicly_closed_or_unknown_has_no_page(any_app, centres, code):
    page = _visitor(any_app).get(CENTRE, code=code, _expected_status=404)
    assert text_of(page, "h1") == "Page not found"


def test_unlisted_and_closed_centres_are_never_listed(any_app, centres):
    visitor = _visitor(any_app)
    for search in ({}, {"postcode": "M33 7ZF"}, {"area": "sale_central"}, {"postcode": "E1"}):
        text = _main_text(visitor.get(FIND, **search))
        assert "Hidden Refuge" not in text and "Closed Hall" not in text


def test_the_contact_person_notes_and_upkeep_dates_are_never_shown(app, centres):
    visitor = _visitor(app)
    pages = [visitor.get(FIND), visitor.get(FIND, postcode="M33"), visitor.get(CENTRE, code="zeta-near")]
    for page in pages:
        html = str(page)
        for detail in STAFF_ONLY:
            assert detail not in html
        assert "2 January 2025" not in html and "3 February 2025" not in html


def test_a_centres_page_shows_its_public_details(app, centres):
    page = _visitor(app).get(CENTRE, code="zeta-near")
    assert text_of(page, "h1") == "Zeta Near Library"
    rows = {row.dt.get_text(strip=True): " ".join(row.dd.get_text(" ").split())
            for row in page.select(".govuk-summary-list__row")}  # fmt: skip
    assert rows["Type of place"] == "Library"
    assert rows["Address"] == "1 Near Street, Sale M33 1AA"
    assert rows["Opening hours"] == (
        "Monday to Friday: 09:30 to 17:00 Saturday: 10:00 to 13:00 Closed on bank holidays. Ring the bell"
    )
    assert rows["How to get there"] == "Bus 263 to the door"
    assert rows["What it offers"] == "Help to make a report Interpreters"
    assert rows["Access"] == "Step-free access"
    assert rows["Languages spoken"] == "English Urdu"
    assert page.select_one("a[href^='tel:']")["href"] == "tel:01610000001"
    assert page.select_one("a[href^='mailto:']")["href"] == "mailto:zeta@example.org"
    assert "Distance" not in rows


def test_every_listed_centre_links_to_its_own_page(app, centres):
    page = _visitor(app).get(FIND)
    links = [link["href"] for link in page.select("ol.app-centre-list h3 a")]
    assert links == ["/centres/alpha-far", "/centres/beta-unplaced", "/centres/middle-hall", "/centres/zeta-near"]


# ---------------------------------------------------------------- opening hours, open now, languages


@pytest.fixture
def moment(monkeypatch):
    """Sets the time the pages take as now."""

    def set_now(when: datetime) -> None:
        monkeypatch.setattr("reporting.centres.finding.now_utc", lambda: when)

    return set_now


@pytest.mark.parametrize(
    ("when", "shown", "bank_holiday"),
    [
        (datetime(2026, 3, 16, 10, 0, tzinfo=UTC), "Open now", False),  # a Monday morning
        (datetime(2026, 3, 16, 18, 0, tzinfo=UTC), "Closed now", False),  # that evening
        (datetime(2026, 3, 15, 11, 0, tzinfo=UTC), "Closed now", False),  # a Sunday
        (datetime(2026, 5, 4, 10, 0, tzinfo=UTC), "Closed now", True),  # the early May bank holiday
    ],
)
def test_open_now_follows_the_hours_and_bank_holidays(app, centres, moment, when, shown, bank_holiday):
    moment(when)
    page = _visitor(app).get(CENTRE, code="zeta-near")
    assert text_of(page, ".govuk-tag") == shown
    assert ("It is a bank holiday today." in _main_text(page)) is bank_holiday


def test_a_centre_without_hours_says_nothing_about_being_open(app, centres):
    page = _visitor(app).get(CENTRE, code="alpha-far")
    assert not page.select(".govuk-tag")
    assert "Ask the centre when it is open." in _main_text(page)


@pytest.mark.parametrize("language", ["ur", "ar"])
def test_opening_hours_are_shown_in_urdu_and_arabic_right_to_left(app, centres, language):
    days = get_day_names("wide", locale=language)
    for page in (_visitor(app).get(CENTRE, code="zeta-near", lang=language),
                 _visitor(app).get(FIND, postcode="M33 7ZF", lang=language)):  # fmt: skip
        assert page.html["lang"] == language and page.html["dir"] == "rtl"
        text = _main_text(page)
        for weekday in (0, 4, 5):  # Monday, Friday, Saturday
            assert days[weekday] in text
        assert "Monday" not in text and "Saturday" not in text


def test_languages_spoken_are_named_in_the_visitors_language(app, centres):
    page = _visitor(app).get(CENTRE, code="zeta-near", lang="ur")
    assert "اردو" in _main_text(page)


def test_every_centre_page_has_exit_this_page(app, centres):
    visitor = _visitor(app)
    for page in (visitor.get(FIND), visitor.get(FIND, postcode="M33"), visitor.get(CENTRE, code="zeta-near")):
        assert page.select_one(".govuk-exit-this-page a")["href"] == "/exit"


# ---------------------------------------------------------------- links from other pages


def test_the_start_pages_link_to_find_a_centre(client_request):
    assert client_request.get("pages.start").select_one("main a[href='/centres']")
    start = client_request.get("selfreport.start").select_one("main a[href='/centres']")
    assert " ".join(start.get_text().split()) == "Get help to report at a centre near you"


def test_the_other_ways_to_report_name_each_centre_with_a_link_to_its_page(app, centres):
    from flask import render_template_string

    with app.test_request_context("/"):
        html = render_template_string(
            '{% from "components/other-ways-to-report.html" import other_ways_to_report %}{{ other_ways_to_report() }}'
        )
    assert 'href="/centres/zeta-near"' in html and "hidden-refuge" not in html


def test_the_receipt_links_to_the_centres_page_only_when_it_is_listed(app, centres):
    app.config["PUBLIC_BASE_URL"] = "https://report.example.org"
    listed = factories.report(db.session.scalar(select(Centre).filter_by(code="zeta-near")))
    hidden = factories.report(db.session.scalar(select(Centre).filter_by(code="hidden-refuge")))
    db.session.commit()
    moment = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
    assert "https://report.example.org/centres/zeta-near" in referral_services.receipt_html(listed, moment)
    assert "/centres/hidden-refuge" not in referral_services.receipt_html(hidden, moment)


def test_the_sent_page_links_to_the_assigned_centre_or_to_find_a_centre(client, client_request, centres):
    sent = send(client)
    assert client_request.get_url(sent).select_one("main a[href='/centres']")
    report = db.session.scalar(select(Report).where(Report.channel == "self"))
    report.assigned_centre = db.session.scalar(select(Centre).filter_by(code="zeta-near"))
    db.session.commit()
    page = client_request.get_url(sent)
    assert page.select_one("main a[href='http://localhost/centres/zeta-near']")


# ---------------------------------------------------------------- nothing searched is logged


def test_a_search_logs_nothing_of_the_postcode(app, centres, caplog):
    caplog.set_level(logging.DEBUG)
    visitor = _visitor(app)
    visitor.get(FIND, postcode="M33 7ZF")
    visitor.get(FIND, postcode="Sale M33 7ZF")
    visitor.get(FIND, postcode="E1 6AN")
    logged = "\n".join(f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records)
    for secret in ("M33", "7ZF", "E1 6AN", "E1+6AN"):
        assert secret not in logged


def test_the_servers_request_log_masks_the_postcode_searched(sqlite_url, caplog):
    app = make_app(sqlite_url)
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        for path in ("/centres?postcode=M33%207ZF", "/centres?postcode=M33+7ZF&lang=ur",
                     "/language/ur?next=%2Fcentres%3Fpostcode%3DM33%2B7ZF"):  # fmt: skip
            try:
                urllib.request.urlopen(base + path).close()
            except urllib.error.HTTPError:
                pass  # the language link answers with a redirect to an address urllib follows; its line is logged
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("/centres?[search not logged] HTTP/1.1" in line for line in lines), lines
    assert not any("M33" in line or "7ZF" in line for line in lines), lines


def test_gunicorns_access_log_masks_the_postcode_searched(app, caplog):
    caplog.set_level(logging.INFO, logger="gunicorn.access")
    atoms = {"r": "GET /centres?postcode=M33+7ZF HTTP/1.1", "q": "postcode=M33+7ZF", "U": "/centres", "s": "200"}
    logging.getLogger("gunicorn.access").info('"%(r)s" %(s)s %(q)s', atoms)
    assert caplog.records[-1].getMessage() == '"GET /centres?[search not logged] HTTP/1.1" 200 [search not logged]'


# ---------------------------------------------------------------- districts import


def _districts() -> dict[str, tuple[float, float]]:
    return {row.district: (row.latitude, row.longitude) for row in db.session.scalars(select(PostcodeDistrict))}


def test_districts_import_creates_then_updates(any_app, tmp_path):
    cli = any_app.test_cli_runner()
    first = tmp_path / "districts.csv"
    first.write_text("district,latitude,longitude\nM33,53.4240,-2.3220\n wa14 ,53.3890,-2.3620\n")
    result = cli.invoke(args=["districts", "import", str(first)])
    assert result.exit_code == 0, result.output
    assert "districts: 2 created, 0 updated" in result.output
    second = tmp_path / "corrected.csv"
    second.write_text("latitude,district,longitude\n53.4250,M33,-2.3230\n53.3890,WA14,-2.3620\n53.4480,M32,-2.3080\n")
    result = cli.invoke(args=["districts", "import", str(second)])
    assert "districts: 1 created, 1 updated" in result.output
    assert _districts() == {"M33": (53.425, -2.323), "WA14": (53.389, -2.362), "M32": (53.448, -2.308)}


def test_a_districts_file_with_any_wrong_line_imports_nothing_and_names_every_line(any_app, tmp_path):
    bad = tmp_path / "districts.csv"
    bad.write_text(
        "district,latitude,longitude\n"
        "M33,53.4240,-2.3220\n"
        "M33 7ZF,53.4,-2.3\n"
        "M41,north,-2.36\n"
        "M32,-2.308,53.448\n"
        "M33,53.4,-2.3\n"
        ",53.4,-2.3\n"
        "M44,53.43,\n"
    )
    result = any_app.test_cli_runner().invoke(args=["districts", "import", str(bad)])
    assert result.exit_code != 0
    errors = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert errors == [
        "line 3: district: M337ZF is not a postcode district such as M33 or WA14",
        "line 4: latitude: north is not a number such as 53.4246",
        "line 5: latitude, longitude: latitude -2.308 is not in the UK (between 49 and 61)",
        "line 6: district: M33 is already on line 2",
        "line 7: district: is required",
        "line 8: longitude: is required",
    ]
    assert "nothing imported: 6 error(s)" in result.output
    assert db.session.scalar(select(func.count()).select_from(PostcodeDistrict)) == 0


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"district,latitude\nM33,53.4\n", "line 1: header: missing column(s) longitude"),
        (b"district,latitude,longitude\nM33,53.4,-2.3\n\xff\xfe\n", "the file is not UTF-8 text"),
    ],
)
def test_a_districts_file_that_cannot_be_read_is_refused(app, tmp_path, content, error):
    path = tmp_path / "districts.csv"
    path.write_bytes(content)
    result = app.test_cli_runner().invoke(args=["districts", "import", str(path)])
    assert result.exit_code != 0 and error in result.output
    assert _districts() == {}


def test_demo_data_loads_the_districts_of_the_demo_area(app):
    result = app.test_cli_runner().invoke(args=["demo-data", "--reports", "0"])
    assert result.exit_code == 0, result.output
    districts = _districts()
    assert {"M33", "M32", "M41", "WA14", "WA15", "M16", "M31"} <= set(districts)
    page = _visitor(app).get(FIND, postcode="M33 7ZF")
    assert _listed(page)[0] == ("Sale Library", "0.1 miles")
    assert "Women's drop-in" not in _main_text(page)


def test_the_search_forms_are_drawn_once_with_each_postcode_put_back_and_none_kept(app, centres):
    visitor = _visitor(app)
    first = visitor.get(FIND, postcode="M41 0NA")
    second = visitor.get(FIND, postcode="wa14 1ej")
    assert first.select_one("#postcode")["value"] == "M41 0NA"
    assert second.select_one("#postcode")["value"] == "wa14 1ej"
    kept = app.extensions["centre_search_forms"]
    assert len(kept) == 1, "one drawing for every postcode searched in this language"
    assert not any("M41" in html.upper() or "WA14" in html.upper() for html in kept.values()), "a postcode kept"
    factories.area("davyhulme", "Davyhulme")
    db.session.commit()
    assert "Davyhulme" in visitor.get(FIND, postcode="M33 7ZF").select_one("#area").get_text()
