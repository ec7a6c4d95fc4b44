"""The tests' QR decoding (tests/support/qr.py) reads every code the app can draw, the same way every run."""

import random
import string

import pytest
import segno

from reporting.satisfaction import qr
from tests.support.qr import decode_png, qr_codes_in_pdf

# Seeded, so every run decodes the same links: tokens like the app's 43 URL-safe characters.
LINKS = [
    "http://localhost/follow-up/" + "".join(random.Random(seed).choices(string.ascii_letters + "-_", k=43))
    for seed in range(150)
]
FIXED = "https://report.example.org/follow-up/LWnVNQ4JJOVo_VbL1y2qNVIO2bAskn8FrUgmbOZZENU"


@pytest.fixture
def weasyprint_pdf():
    """Renders an HTML body to PDF bytes with WeasyPrint, as the app's render process does."""
    from weasyprint import HTML

    def render(body: str) -> bytes:
        return HTML(string=f"<!doctype html><html lang='en'><title>QR</title><body>{body}</body></html>").write_pdf()

    return render


def test_every_drawn_link_decodes_from_the_apps_png():
    assert [decode_png(qr.qr_png(link)) for link in LINKS] == LINKS


def test_codes_that_defeat_opencvs_classic_detector_decode():
    # Found when pdftoppm screenshots failed: cv2.QRCodeDetector misses this one even drawn crisp.
    hard = "http://localhost/follow-up/pzOkC1fBaHfDcUJdDgTmUxBnp2EDFnZOYlK8BF01gHc"
    assert decode_png(qr.qr_png(hard)) == hard


def test_a_code_drawn_into_a_pdf_at_an_odd_size_decodes_from_the_drawing(weasyprint_pdf):
    # 148 CSS pixels over 45 modules: fractions of a pixel each, as on the receipt.
    pdf = weasyprint_pdf(f'<p>Before</p><img src="{qr.qr_svg_data_uri(FIXED)}" width="148" height="148">')
    assert qr_codes_in_pdf(pdf) == [FIXED]


def test_several_codes_are_read_in_page_order_and_text_is_not_a_code(weasyprint_pdf):
    second = FIXED.replace("LWn", "XYZ")
    images = "".join(f'<img src="{segno.make(link).svg_data_uri()}" width="120">' for link in (FIXED, second))
    assert qr_codes_in_pdf(weasyprint_pdf(images)) == [FIXED, second]
    assert qr_codes_in_pdf(weasyprint_pdf("<h1>No code here</h1><hr><table><tr><td>1</td></tr></table>")) == []
