"""A generated set of people who reported more than once, written the many ways people write their details, and
people who only look alike: the ground truth for measuring the link suggestions."""

import random
from dataclasses import dataclass, field

PHONE_STYLES = (
    lambda digits: f"0{digits[:4]} {digits[4:]}",  # 07700 900123
    lambda digits: f"+44 {digits[:4]} {digits[4:]}",  # +44 7700 900123
    lambda digits: f"0{digits}",  # 07700900123
    lambda digits: f"(0{digits[:4]}) {digits[4:]}",  # (07700) 900123
    lambda digits: f"+44 (0){digits[:4]} {digits[4:7]} {digits[7:]}",  # +44 (0)7700 900 123
)
TRANSLITERATED = {
    "Mohammed": ["Muhammad", "Mohammad", "Mohamed", "Muhammed"],
    "Yusuf": ["Yousuf", "Yusef", "Yousef"],
    "Fatima": ["Fatimah"],
    "Ahmed": ["Ahmad"],
    "Ibrahim": ["Ebrahim"],
}
FIRST_NAMES = [
    "Mohammed",
    "Yusuf",
    "Fatima",
    "Ahmed",
    "Ibrahim",
    "Zoë",
    "José",
    "Łukasz",
    "Siobhán",
    "Amara",
    "Chidi",
    "Precious",
    "Tomasz",
    "Agnieszka",
    "Ravi",
    "Priya",
    "Ewa",
    "Dariusz",
    "Aisling",
    "Kwame",
]
MIDDLE_NAMES = ["Ali", "Rose", "James", "Grace"]
SURNAMES = [
    "Khan",
    "Begum",
    "Nowak",
    "Kowalski",
    "O'Neill",
    "Okafor",
    "Mensah",
    "Patel",
    "Hussain",
    "Brontë",
    "Álvarez",
    "Wiśniewski",
    "Murphy",
    "Adeyemi",
    "Singh",
    "Sharma",
    "Lewandowski",
    "Osei",
    "Byrne",
    "Iqbal",
]
STREETS = [
    ("School", "Road", "Rd"),
    ("Church", "Street", "St"),
    ("Park", "Avenue", "Ave"),
    ("Mill", "Lane", "Ln"),
    ("Station", "Road", "Rd"),
    ("Elm", "Grove", "Gr"),
    ("Victoria", "Street", "St"),
    ("Oak", "Close", "Cl"),
]
POSTCODES = [
    "M33 7XY",
    "M33 2AB",
    "M32 0FP",
    "M41 5DD",
    "M20 6RT",
    "M14 5LL",
    "M16 8AA",
    "M21 9QQ",
    "M19 2HB",
    "M13 0PL",
    "M12 4WS",
    "M11 3ER",
    "M9 8JK",
    "M8 0TN",
    "M40 1GH",
    "M60 7RA",
]
NICKNAMES = {"Mohammed": "Mo", "Ibrahim": "Ibby", "Agnieszka": "Aga", "Łukasz": "Luke", "Precious": "Presh"}


@dataclass
class Person:
    key: str
    first: str
    last: str
    middle: str | None
    phone: str | None
    email: str | None
    number: int
    street: tuple[str, str, str]
    postcode: str
    reports: list[dict] = field(default_factory=list)


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        digits = f"7700{rng.randrange(900000, 1000000)}"
        if digits not in used:
            used.add(digits)
            return digits


def _name(rng: random.Random, person: Person, variation: str) -> str:
    first = person.first
    if variation == "transliteration" and first in TRANSLITERATED:
        first = rng.choice(TRANSLITERATED[first])
    middle = f" {person.middle}" if person.middle and variation != "no_middle" else ""
    return {
        "plain": f"{first}{middle} {person.last}",
        "shouted_surname_first": f"{person.last.upper()} {first}{middle}",
        "comma": f"{person.last}, {first}{middle}",
        "lower": f"{first}{middle} {person.last}".lower(),
        "no_accents": f"{first}{middle} {person.last}".translate(str.maketrans("ëéáóíłś", "eeaoils")),
        "title": f"{rng.choice(['Mr', 'Mrs', 'Ms', 'Dr', 'Miss'])} {first}{middle} {person.last}",
        "no_middle": f"{first} {person.last}",
        "transliteration": f"{first}{middle} {person.last}",
    }[variation]


def _address(rng: random.Random, person: Person) -> str:
    name, long, short = person.street
    return rng.choice([
        f"{person.number} {name} {long}, Sale, {person.postcode}",
        f"{person.number}, {name.lower()} {long.lower()}",
        f"{person.number} {name} {short}",
        f"{person.number} {name.upper()} {long.upper()} {person.postcode.replace(' ', '').lower()}",
    ])  # fmt: skip


def _report(rng: random.Random, person: Person, index: int) -> dict:
    """One report: the name written one of the ways people write it, the person's usual detail (their phone, else
    their email, else their address) written its own way, and sometimes others."""
    variation = rng.choice(["plain", "shouted_surname_first", "comma", "lower", "no_accents", "title", "no_middle",
                            "transliteration"])  # fmt: skip
    contact: dict = {"name": _name(rng, person, variation)}
    usual = "phone" if person.phone else "email" if person.email else "address"
    given = {usual, *rng.sample(["phone", "email", "address"], k=rng.choice([0, 0, 1, 2]))}
    if index == 1 and person.first in NICKNAMES and person.phone:  # a nickname, the phone the same
        contact["name"], given = f"{NICKNAMES[person.first]} {person.last}", {"phone"}
    if "phone" in given and person.phone:
        contact["phone"] = rng.choice(PHONE_STYLES)(person.phone)
    if "email" in given and person.email:
        contact["email"] = rng.choice([person.email, person.email.upper(), f"  {person.email} ", person.email.title()])
    if "address" in given:
        contact["address"] = _address(rng, person)
    at_home = "address" not in given and rng.random() < 0.5  # harassment at home: the incident's postcode is theirs
    return {"person": person.key, "contact": contact, "postcode": person.postcode if at_home else None}


def generate(seed: int = 24, people: int = 60) -> list[dict]:
    """Reports of `people` people (two to four each) plus look-alikes with one report each, shuffled: each a dict of
    `person` (the truth), `contact` and the incident's `postcode`."""
    rng = random.Random(seed)
    used_phones: set[str] = set()
    crowd: list[Person] = []
    named_at: set[tuple[str, str, str]] = set()  # two people of one name at one postcode could not be told apart
    for number in range(people):
        middle = rng.choice([None, None, *MIDDLE_NAMES])
        first, last, postcode = rng.choice(FIRST_NAMES), rng.choice(SURNAMES), rng.choice(POSTCODES)
        while (first, last, postcode) in named_at:
            first, last, postcode = rng.choice(FIRST_NAMES), rng.choice(SURNAMES), rng.choice(POSTCODES)
        named_at.add((first, last, postcode))
        phone = _phone(rng, used_phones) if rng.random() < 0.8 else None
        email = f"{first.lower()[:3]}.{number}@example.org" if rng.random() < 0.7 else None
        crowd.append(Person(f"p{number}", first, last, middle, phone, email, number + 1, rng.choice(STREETS),
                            postcode))  # fmt: skip
    reports = [_report(rng, person, index) for person in crowd for index in range(rng.randint(2, 4))]
    reports += _look_alikes(rng, used_phones)
    rng.shuffle(reports)
    return reports


def _look_alikes(rng: random.Random, used_phones: set[str]) -> list[dict]:
    """The same common name elsewhere with other contact details, and neighbours with other names at one postcode."""
    reports = []
    for number, postcode in enumerate(["M14 5LL", "M8 0TN", "M40 1GH", "M60 7RA", "M19 2HB", "M20 6RT"]):
        name = rng.choice(["Mohammed Khan", "Muhammad Khan", "KHAN Mohamed", "Mohammad Khan"])
        contact = {"name": name, "phone": f"0{_phone(rng, used_phones)}",
                   "address": f"{200 + number} Long Lane, Sale, {postcode}"}  # fmt: skip
        reports.append({"person": f"khan{number}", "contact": contact, "postcode": None})
    neighbours = ["Ann Smith", "Tomasz Nowak", "Grace Okafor", "Ravi Sharma", "Aisling Byrne", "Kwame Osei"]
    for number, name in enumerate(neighbours):
        contact = {"name": name, "address": f"{300 + number} Cherry Tree Road, Sale, M33 9ZZ"}
        reports.append({"person": f"neighbour{number}", "contact": contact, "postcode": "M33 9ZZ"})
    return reports
