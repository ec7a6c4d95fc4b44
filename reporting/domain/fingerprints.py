"""Fingerprints of who made a report: normalised identifying details, hashed with a key, and the rules that say
when two reports are probably the same person.

A fingerprint is HMAC-SHA256 of a normalised value under the links key, which is derived from the newest data
encryption key (so it is kept and rotated with them). Without the key a fingerprint reveals nothing, and two
reports are compared only by their fingerprints, never by names or numbers in plain text.

What is fingerprinted (its kind):
- `phone`: the number in its international form (+447700900123), read as a UK number unless it says otherwise;
- `email`: the address without surrounding spaces, in lower case;
- `name_postcode`: the name (case, accents, titles, word order and "Last, First", common transliterations, and
  the first and last name alone when there is a middle name) with the postcode of the contact address, or where
  there is none the incident's postcode (or its district);
- `address`: house (and flat) number and street, with Rd/Road, St/Street and the like written one way;
- `surname_address`: the surname with that address.

Two reports are a suggested link when they share a fingerprint of a kind in `LINKING_KINDS`; an `address` shared
as well is recorded as a further reason, but an address alone (neighbours, a shared house) is not a link.
"""

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from .postcodes import is_postcode_district, is_valid_postcode, normalise_postcode

PHONE, EMAIL, NAME_POSTCODE, ADDRESS, SURNAME_ADDRESS = "phone", "email", "name_postcode", "address", "surname_address"
KINDS = (PHONE, EMAIL, NAME_POSTCODE, ADDRESS, SURNAME_ADDRESS)
LINKING_KINDS = frozenset({PHONE, EMAIL, NAME_POSTCODE, SURNAME_ADDRESS})
# The person said so, giving the earlier report's reference (a suggestion) or its reference and code (proof).
SELF_LINKED = "reported_before"
REASONS = (*KINDS, SELF_LINKED)

_KEY_PURPOSE = b"reporting links: fingerprints of identifying details, v1"

TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend fr father sister sr jr master "
    "madam mister hon sheikh sheikha hajji haji hajj".split()
)
# Spellings of one name, all read as the first of each group.
TRANSLITERATIONS = (
    "muhammad mohammed mohammad mohamed muhammed mohamad muhamad mohammod mohamud mahomed muhamed mohd mohummed",
    "yusuf yousuf yusef yousef yousif yusif youssef yosef yussuf",
    "fatima fatimah fatema fathima fatuma",
    "ahmed ahmad ahmet ahmmed ahamed",
    "ibrahim ebrahim ibraheem ebraheem ibrahima",
    "abdul abdel abdal abdool abdoul",
    "hussain hussein husain husein hosein hossain hussen",
    "hassan hasan hasson",
    "ali aly alee",
    "aisha ayesha aysha aishah ayisha aisah",
    "khadija khadijah khadeeja khadeja",
    "mustafa mustapha moustafa mostafa",
    "omar umar omer",
    "usman osman uthman othman",
    "yasmin yasmine yasmeen jasmin jasmine",
    "zainab zaynab zeinab zenab",
    "maryam mariam mariyam meryem",
    "rahman rehman",
    "siddiqui siddiqi siddique siddiqi",
    "chowdhury choudhury chaudhry chaudhary choudhry chowdhry chaudhuri",
    "khalid khaled",
    "tariq tarik tarek tareq",
    "saeed said saied sayeed",
    "abdullah abdulla abdallah",
    "rashid rasheed rachid",
    "hamid hameed",
    "nasir nasser nassir naser",
    "amina aminah ameena",
    "alexander aleksander aleksandr alexandr oleksandr",
    "katarzyna katazyna",
    "mohammad-ali muhammadali",
)
CANONICAL_NAME = {spelling: group.split()[0] for group in TRANSLITERATIONS for spelling in group.split()}

STREET_WORDS = {
    "rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue", "ln": "lane", "dr": "drive",
    "cl": "close", "cres": "crescent", "cresc": "crescent", "ct": "court", "crt": "court", "pl": "place",
    "gdns": "gardens", "gdn": "garden", "sq": "square", "tce": "terrace", "terr": "terrace", "gr": "grove",
    "gro": "grove", "pk": "park", "hse": "house", "blvd": "boulevard", "wy": "way", "hts": "heights",
    "mt": "mount", "est": "estate", "ctr": "centre", "apt": "flat", "apartment": "flat", "no": "",
}  # fmt: skip
STREET_ENDINGS = frozenset(
    "road street avenue lane drive close crescent court place gardens garden square terrace grove park way walk "
    "row hill rise mews parade green view heights mount estate boulevard circus vale wharf yard gate".split()
)

_POSTCODE_IN_TEXT = re.compile(
    r"\b(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_HOUSE_NUMBER = re.compile(r"^\d+[a-z]?$")
_NOT_LETTERS = re.compile(r"[^\w\s,]|_|\d")
_NOT_WORDS = re.compile(r"[^a-z0-9\s]")
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Identity:
    """What a report says about who made it (all optional), as stored: free text, unchecked."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    incident_postcode: str | None = None

    @property
    def empty(self) -> bool:
        return not any((self.name, self.phone, self.email, self.address))


# ---------------------------------------------------------------- normalisers


def normalise_phone(text: str | None, region: str = "GB") -> str | None:
    """The number in E.164 (`+447700900123`) however it was written, or None when it cannot be a phone number."""
    if not text or not text.strip():
        return None
    try:
        number = phonenumbers.parse(text.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number) or len(str(number.national_number)) < 7:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(text: str | None) -> str | None:
    compact = "".join((text or "").split()).lower()
    return compact if "@" in compact.strip("@") else None


def _plain_letters(text: str) -> str:
    """Lower case without accents (é to e, ł to l); other scripts are kept as they are."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ø", "o"))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _canonical_token(token: str) -> str:
    token = token.lower()
    if token in CANONICAL_NAME:
        return CANONICAL_NAME[token]
    collapsed = _REPEATS.sub(r"\1", token)  # Mohammed and Mohamed, Anne and Ane read alike
    return CANONICAL_NAME.get(collapsed, collapsed)


def name_tokens(text: str | None) -> list[str]:
    """The name's words in first-to-last order, normalised: "KHAN Mohammed", "Khan, Mohammed", "mr mohammed
    khan" and "Muhammad Khan" all give `["muhammad", "khan"]`."""
    plain = _NOT_LETTERS.sub(" ", _plain_letters(text or "").replace("'", "").replace("’", ""))
    if "," in plain:  # "Last, First Middle"
        last, _, first = plain.partition(",")
        plain = f"{first.replace(',', ' ')} {last}"
    words = [word for word in plain.split() if word.strip(".").lower() not in TITLES]
    shouted = [word for word in words if len(word) > 1 and word.isupper()]
    if shouted and len(shouted) < len(words):  # "KHAN Mohammed": the word in capitals is the surname
        words = [word for word in words if word not in shouted] + shouted
    return [_canonical_token(word) for word in words]


def name_keys(text: str | None) -> set[str]:
    """The name as order-free keys: every word, and (with a middle name) the first and last alone."""
    tokens = name_tokens(text)
    if not tokens:
        return set()
    keys = {" ".join(sorted(tokens))}
    if len(tokens) > 2:
        keys.add(" ".join(sorted((tokens[0], tokens[-1]))))
    return keys


def surname(text: str | None) -> str | None:
    tokens = name_tokens(text)
    return tokens[-1] if len(tokens) > 1 else None


def postcode_in(text: str | None) -> str | None:
    """The last full UK postcode written in an address, normalised (`LS1 4AB`)."""
    found = _POSTCODE_IN_TEXT.findall(text or "")
    return normalise_postcode(found[-1]) if found else None


def normalise_address(text: str | None) -> str | None:
    """The flat and house number and the street, one way: "12, school road" and "12 School Rd" give
    `12 school road`. None when there is no house number (a house name or a town alone says too little)."""
    words = [STREET_WORDS.get(word, word) for word in _address_words(text)]
    words = [word for word in words if word]
    numbered = (at for at, word in enumerate(words[:-1]) if _HOUSE_NUMBER.match(word) and words[at + 1].isalpha())
    number_at = next(numbered, None)
    if number_at is None:
        return None
    flat = _flat_before(words, number_at)
    street = []
    for word in words[number_at + 1 :]:
        if _HOUSE_NUMBER.match(word):
            break
        street.append(word)
        if word in STREET_ENDINGS or len(street) == 4:
            break
    return " ".join([*flat, words[number_at], *street])


def _address_words(text: str | None) -> list[str]:
    without_postcode = _POSTCODE_IN_TEXT.sub(" ", _plain_letters(text or ""))
    spaced = re.sub(r"(\d)([a-z]{2,})", r"\1 \2", _NOT_WORDS.sub(" ", without_postcode.lower()))
    return spaced.split()


def _flat_before(words: list[str], number_at: int) -> list[str]:
    """A number before the house number ("Flat 3, 12 School Road", "3 12 School Road") is the flat's."""
    numbers = [word for word in words[:number_at] if _HOUSE_NUMBER.match(word)]
    return ["flat", numbers[-1]] if numbers else []


def place_for_name(identity: Identity) -> str | None:
    """The postcode a name is fingerprinted with: the contact address's, else the incident's (or its district)."""
    from_address = postcode_in(identity.address)
    if from_address:
        return from_address
    incident = normalise_postcode(identity.incident_postcode or "")
    if incident and (is_valid_postcode(incident) or is_postcode_district(incident)):
        return incident
    return None


# ---------------------------------------------------------------- fingerprints


def values(identity: Identity) -> set[tuple[str, str]]:
    """Every normalised (kind, value) pair of an identity, before hashing."""
    found: set[tuple[str, str]] = set()
    if phone := normalise_phone(identity.phone):
        found.add((PHONE, phone))
    if email := normalise_email(identity.email):
        found.add((EMAIL, email))
    place = place_for_name(identity)
    if place:
        found |= {(NAME_POSTCODE, f"{key}|{place}") for key in name_keys(identity.name)}
    if address := normalise_address(identity.address):
        found.add((ADDRESS, address))
        if family := surname(identity.name):
            found.add((SURNAME_ADDRESS, f"{family}|{address}"))
    return found


def links_key(data_key: str | bytes) -> bytes:
    """The key fingerprints are made with, derived from a data encryption key (HMAC as a one-step KDF)."""
    secret = data_key.encode() if isinstance(data_key, str) else data_key
    return hmac.new(secret, _KEY_PURPOSE, hashlib.sha256).digest()


def digest(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def fingerprints(key: bytes, identity: Identity) -> set[tuple[str, str]]:
    """The (kind, digest) pairs stored for a report."""
    return {(kind, digest(key, kind, value)) for kind, value in values(identity)}


def link_reasons(shared_kinds: set[str] | frozenset[str]) -> list[str]:
    """The reasons to suggest a link from the kinds two reports share, in a fixed order; none if no rule holds."""
    if not shared_kinds & LINKING_KINDS:
        return []
    return [kind for kind in KINDS if kind in shared_kinds]
