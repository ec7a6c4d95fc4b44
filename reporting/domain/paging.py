"""Page numbers asked for in an address: whatever is asked, the nearest page that exists."""

import re

# ASCII digits only: int() would also read other scripts' digits and spaces around them.
_WHOLE_NUMBER = re.compile(r"\+?[0-9]+")
# More pages than any list will have: a longer number is simply "the last page".
LAST_PAGE_ASKED = 10**9


def asked_page(text: str | None) -> int:
    """The page number in `text`, from 1 to LAST_PAGE_ASKED; 1 for anything that is not a whole number above 0."""
    text = (text or "").strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        return 1
    digits = text.lstrip("+").lstrip("0")
    if len(digits) > len(str(LAST_PAGE_ASKED)):
        return LAST_PAGE_ASKED
    return min(max(int(digits or "0"), 1), LAST_PAGE_ASKED)


def page_count(total: int, page_size: int) -> int:
    """How many pages `total` rows fill, at least one (an empty list is one page)."""
    return max(1, -(-total // page_size))


def nearest_page(page: int, total: int, page_size: int) -> int:
    """`page`, or the last page there is if it is beyond it."""
    return min(max(page, 1), page_count(total, page_size))
