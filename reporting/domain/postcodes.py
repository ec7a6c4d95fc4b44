"""UK postcodes: normalising, checking the shape, and reducing to the district."""

import re

_POSTCODE = re.compile(r"^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$")
_DISTRICT = re.compile(r"^(GIR|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]?)$")
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


def is_postcode_district(text: str) -> bool:
    """An outward code on its own (`M33`), as a report keeps after retention or an export may give."""
    return bool(_DISTRICT.match(normalise_postcode(text)))


def split_postcode(text: str | None) -> tuple[str | None, str | None]:
    """The full postcode (kept encrypted) and its district (kept plain, for counting).

    A district given alone has no full postcode; text of neither shape is kept whole, with no district.
    """
    normalised = normalise_postcode(text or "")
    if not normalised:
        return None, None
    if is_valid_postcode(normalised):
        return normalised, postcode_district(normalised)
    if is_postcode_district(normalised):
        return None, normalised
    return normalised, None


def postcode_columns(text: str | None) -> dict[str, str | None]:
    """The report's two postcode columns for a given postcode, for writers that bypass the model."""
    full, district = split_postcode(text)
    return {"postcode": full, "postcode_district": district}
