"""The review pack as partners read it, from the PDF: its tables laid out so that no two words are drawn over each
other (with the real category and outcome labels), the 12 months' table on one page, a one-centre pack about that
centre in every sentence and figure, and the dip samples' summary leading with what needs attention."""

from datetime import UTC, date, datetime, timedelta

import pytest
from flask_babel import force_locale

from reporting.domain.vocabulary import codes
from reporting.extensions import db
from reporting.labels import LABELS, label
from reporting.review.dip_sampling import services as dip_sampling
from reporting.review.dip_sampling.models import CHECKLIST
from tests.support import factories
from tests.support.pdf import needs_poppler, pdftotext, word_boxes
from tests.support.review_data import add_reports

pytestmark = needs_poppler

TREND_CAPTION = "Reports in the last 12 months, all and by category"
MONTHS = [(2024, 11), (2024, 12)] + [(2025, month) for month in range(1, 11)]


@pytest.fixture
def pack_data(app):
    """Two centres; 12 months of reports in every category; a dip sample with failed checks; Sale Library's
    training up to date and its contact overdue, Altrincham Library overdue for both."""
    sale_area = factories.area("sale_central", "Sale Central")
    trained = date.today() - timedelta(days=60)
    sale = factories.centre("sale-library", "Sale Library", "sale_central", last_training_on=trained,
                            last_contact_on=date(2024, 1, 10))  # fmt: skip
    altrincham = factories.centre("altrincham-library", "Altrincham Library", "sale_central")
    categories = codes("categories")
    for year, month in MONTHS:
        add_reports(6, sale, datetime(year, month, 12, 10, tzinfo=UTC), categories, sale_area)
        add_reports(9, altrincham, datetime(year, month, 14, 10, tzinfo=UTC), ["race"], sale_area)
    db.session.commit()
    sample = dip_sampling.draw(db.session, "2025-06", None, seed="pack-layout")
    for position, item in enumerate(sample.items, start=1):
        findings = {check: "pass" for check in CHECKLIST}
        if position <= 2:
            findings["consent_recorded"] = "fail"
        if position == 3:
            findings["kept_informed"] = "fail"
        dip_sampling.record_findings(db.session, item, findings, None, None)
    return sale


def pack(app, tmp_path, *centre) -> bytes:
    out = tmp_path / "pack.pdf"
    result = app.test_cli_runner().invoke(
        args=["review", "pack", "--from", "2025-05-01", "--to", "2025-10-31", *centre, "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def find(words, phrase: str):
    """The first word of the first place `phrase` is laid out, word by word."""
    wanted = phrase.split()
    texts = [word.text for word in words]
    for at in range(len(texts) - len(wanted) + 1):
        if texts[at : at + len(wanted)] == wanted:
            return words[at]
    raise AssertionError(f"{phrase!r} is not in the PDF")


def test_no_two_words_of_the_pack_are_drawn_over_each_other(app, pack_data, tmp_path):
    words = word_boxes(pack(app, tmp_path))
    by_page = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    clashes = [
        (first.page, first.text, second.text)
        for page in by_page.values()
        for at, first in enumerate(page)
        for second in page[at + 1 :]
        if first.overlaps(second)
    ]
    assert clashes == []


def test_headings_keep_their_words_apart(app, pack_data, tmp_path):
    """A heading wider than its column once ran into the next ("nationalitybelief", "DisabilityTransgender")."""
    with app.test_request_context(), force_locale("en"):
        labels = [str(label("categories", code)) for code in codes("categories")]
        labels += [str(text) for text in LABELS["outcomes"].values()]
    heading_words = {word.strip("(),") for text in labels for word in text.split()}
    extracted = {word.text.strip("(),") for word in word_boxes(pack(app, tmp_path))}
    run_together = [
        word for word in extracted if any(word[:cut] in heading_words and word[cut:] in heading_words
                                          for cut in range(2, len(word) - 1))
    ]  # fmt: skip
    assert run_together == []


def test_the_12_months_table_has_every_category_down_the_side_on_one_page(app, pack_data, tmp_path):
    words = word_boxes(pack(app, tmp_path))
    caption = find(words, TREND_CAPTION)
    on_page = [word for word in words if word.page == caption.page and word.y0 > caption.y1]
    with app.test_request_context(), force_locale("en"):
        rows = ["All reports"] + [str(label("categories", code)) for code in codes("categories")]
    for row in rows:
        first = find(on_page, row.split()[0])
        assert first.x0 < caption.x0 + 5, f"{row!r} is not a row heading at the left of the table"
    headers = [word for word in on_page if word.text in ("2024", "2025") and word.y0 < find(on_page, "All").y0]
    assert len(headers) == 12  # one column a month


def test_a_one_centre_pack_is_about_that_centre_in_every_sentence_and_figure(app, pack_data, tmp_path):
    text = pdftotext(pack(app, tmp_path, "--centre", "sale-library"))
    assert "Sale Library took 36 reports in this period." in text
    assert "took the most reports" not in text
    assert "Across all centres" not in text and "all centres" not in text.replace("All centres", "")
    assert "For Sale Library, " in text
    assert "Outcomes of closed cases, Sale Library" in text or "No case of a report made in this period" in text
    assert "Sale Library: refresher training up to date; partnership contact overdue." in text
    assert "Centres overdue for refresher training" not in text
    upkeep = text[text.index("Centre training and contact • ") : text.index("Definitions and the small-number rule P")]
    assert "Sale Library" in upkeep and "Altrincham Library" not in upkeep
    assert "All centres" not in text.split("Definitions and the small-number rule")[0].replace(
        "Partnership review: All centres", ""
    )


def test_the_dip_samples_summary_leads_with_the_checks_that_failed(app, pack_data, tmp_path):
    text = pdftotext(pack(app, tmp_path))
    summary = text[text.index("Summary • ") : text.index("What is reported • ")]
    needs = "Needs attention: consent recorded in 60% of the reports checked (5) and person kept informed in 80% of " \
            "the reports checked (5)."  # fmt: skip
    passed = "Every dip-sampled report checked passed: support offered and recorded, referral made where consent " \
             "allowed, and outcome suitable."  # fmt: skip
    assert needs in summary and passed in summary
    assert summary.index(needs) < summary.index(passed)
    assert "took no reports" not in summary  # online self-reports are not an idle centre
    assert "Centres overdue for refresher training: 1. Overdue for a partnership contact: 2." in text
