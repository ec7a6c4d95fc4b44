"""Emoji that people type into their account are drawn in the PDFs (in colour, with Noto Color Emoji), not as
the empty box of a missing glyph: checked in the embedded fonts and in the pixels where each emoji sits. The
digits around them stay in the text font (naming the emoji font in a stack would draw digits with it too)."""

import pytest

from reporting.extensions import db
from reporting.models import Referral
from reporting.referrals import services
from tests.support import factories
from tests.support.pdf import font_names, needs_poppler, page_image, pdftotext, word_boxes

pytestmark = needs_poppler

EMOJI = ("🤬", "🚏")
ACCOUNT = "He stood at the bus stop 🚏 and swore at me 🤬 until the 263 bus came. Ring 0161 496 0000."
DPI = 144


def coloured_pixels(image, box) -> int:
    """How many pixels in `box` (points) are clearly coloured: a missing-glyph box is drawn in black."""
    scale = DPI / 72
    left, top, right, bottom = (round(value * scale) for value in box)
    pixels = image.crop((left, top, right, bottom)).tobytes()
    return sum(1 for at in range(0, len(pixels), 3) if max(pixels[at : at + 3]) - min(pixels[at : at + 3]) > 60)


def emoji_boxes(data: bytes) -> dict[str, tuple]:
    """Each emoji's box on page 1. Poppler gives an emoji glyph no height, so the box runs a line up from its base."""
    boxes = {}
    for word in word_boxes(data):
        for emoji in EMOJI:
            if emoji in word.text and word.page == 1:
                boxes[emoji] = (word.x0, word.y1 - 12, word.x1, word.y1 + 3)
    return boxes


@pytest.fixture
def app_config():
    return {"PUBLIC_BASE_URL": "https://report.example.org"}


@pytest.mark.parametrize("language", ["en", "ur", "zh_Hans"])
def test_a_referral_draws_the_emoji_in_the_account(app, language):
    report = factories.report(factories.centre(), description=ACCOUNT, police_consent="named", language=language)
    referral = Referral(report=report, recipient="police", method="secure_email")
    db.session.add(referral)
    db.session.commit()
    data = services.referral_document(referral).content

    assert "Noto-Color-Emoji" in font_names(data)
    assert "until the 263 bus came. Ring 0161 496 0000." in pdftotext(data)
    widths = {word.text: word.x1 - word.x0 for word in word_boxes(data) if word.text in ("Ring", "0161")}
    assert widths["0161"] < 1.5 * widths["Ring"], "the digits are drawn as wide emoji keycaps"
    boxes = emoji_boxes(data)
    assert set(boxes) == set(EMOJI)
    page = page_image(data, 1, DPI)
    for emoji, box in boxes.items():
        assert coloured_pixels(page, box) > 50, f"{emoji} is not drawn in colour at {box}"
