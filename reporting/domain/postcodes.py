"""UK postcodes: normalising, checking the shape, and reducing to the district."""

import re

_POSTCODE = re.compile(r"^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$")
_SPACES = re.compile(r"\s+")


def normalise_postcode(text: str) -> str:
    """Upper case with one space before the inward code: ` m33 7xy ` becomes `M33 7XY`."""
    compact = _SPACES.sub("", (text or "").upper())
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def is_valid_postcode(text: str) -> bool:
    return bool(_POSTCODE.match(normalise_postcode(text)))


def postcode_district(text: str) -> str:
    """The outward code only (`M33`), which is as precise as an anonymous referral may be."""
    return normalise_postcode(text).split(" ")[0]
