"""Fictional but realistic demo data, drawn from one seeded random generator so a seed always gives the same data.

Nothing here touches the database: `demo_centres` and `DEMO_USERS` describe the centres and staff,
and `generate_reports` returns reports in the exchange format, each with its outcome (status and
referrals). Names, phone numbers (Ofcom's 07700 900xxx drama range) and emails (example.org) are
invented. Dates run over the 14 months that end now, busier in summer and quieter in winter.
"""

import csv
import json
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path

from ..domain.references import ALPHABET, PREFIX, RANDOM_LENGTH, check_character
from ..domain.ukdates import UK
from . import repeats

WARDS_FILE = Path(__file__).resolve().parent.parent / "data" / "trafford_wards.csv"
DEMO_PASSWORD = "trafford-demo-reporting-2026"
WINDOW_DAYS = 426  # 14 months
ADDRESS = "http://127.0.0.1:5000"


class Weighted:
    """Values with relative weights, drawn in proportion to them."""

    def __init__(self, weights: dict) -> None:
        self.values = tuple(weights)
        self.cumulative = tuple(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect_right(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: str
    centre: str | None


DEMO_USERS = (
    DemoUser("volunteer@demo.example", "volunteer", "sale-library"),
    DemoUser("centre.lead@demo.example", "centre_lead", "sale-library"),
    DemoUser("volunteer.stretford@demo.example", "volunteer", "stretford-library"),
    DemoUser("partnership@demo.example", "partnership", None),
    DemoUser("admin@demo.example", "admin", None),
)


@dataclass(frozen=True)
class DemoCentre:
    code: str
    name: str
    area: str
    address: str
    postcode: str
    coordinates: tuple[float, float]
    kind: str
    opening_hours: str  # as `domain.centres.parse_hours` reads it
    phone: str
    offers: tuple[str, ...]
    access: tuple[str, ...]
    languages: tuple[str, ...]
    usage: float  # how busy the centre is, relative to the others
    trained_days_ago: int | None
    contacted_days_ago: int | None
    closed_days_ago: int | None = None  # inactive since then
    hours_note: str | None = None
    listed_publicly: bool = True

    @property
    def active(self) -> bool:
        return self.closed_days_ago is None


LIBRARY_HOURS = "Mon-Fri 09:30-17:00; Sat 10:00-13:00"
OFFICE_HOURS = "Mon-Fri 09:00-16:30"
ALL_OFFERS = ("assisted_reporting", "support", "interpreters", "private_room")
REPORTING = ("assisted_reporting",)
STEP_FREE = ("step_free", "hearing_loop", "accessible_toilet")
CENTRES = (
    DemoCentre("sale-library", "Sale Library", "sale_central", "Sale Waterside, Sale", "M33 7ZF",
               (53.4246, -2.3186), "library", LIBRARY_HOURS, "0161 912 3013", ALL_OFFERS,
               STEP_FREE + ("bsl",), ("en", "ur", "pl"), 3.0, 120, 40),
    DemoCentre("stretford-library", "Stretford Library", "stretford_humphrey_park",
               "Stretford Mall, Chester Road, Stretford", "M32 9BD", (53.4466, -2.3090), "library", LIBRARY_HOURS,
               "0161 912 5150", ("assisted_reporting", "private_room"), STEP_FREE, ("en", "pa", "bn"), 2.5, 300, 75),
    DemoCentre("altrincham-library", "Altrincham Library", "altrincham", "20 Stamford New Road, Altrincham",
               "WA14 1EJ", (53.3871, -2.3496), "library", LIBRARY_HOURS, "0161 912 5920", REPORTING,
               ("step_free", "hearing_loop"), ("en",), 1.8, 410, 230),
    DemoCentre("old-trafford-housing", "Old Trafford Housing Office", "old_trafford",
               "12 Shrewsbury Street, Old Trafford", "M16 9AX", (53.4600, -2.2700), "housing_office", OFFICE_HOURS,
               "0161 912 2000", ("assisted_reporting", "support", "interpreters"), ("step_free",),
               ("en", "so", "ar", "ur"), 2.2, 200, 95),
    DemoCentre("partington-housing", "Partington Housing Office", "bucklow_st_martins",
               "Central Road, Partington", "M31 4FL", (53.4190, -2.4280), "housing_office", OFFICE_HOURS,
               "0161 912 2010", REPORTING, ("step_free",), ("en",), 1.2, 380, 260),
    DemoCentre("trafford-carers-centre", "Trafford Carers Centre", "urmston", "Crofts Bank Road, Urmston", "M41 0TZ",
               (53.4510, -2.3530), "carers_centre", "Mon-Thu 10:00-16:00", "0161 748 1181",
               ("assisted_reporting", "support", "private_room"), STEP_FREE, ("en", "ro"), 0.9, 90, 20),
    DemoCentre("gorse-hill-mosque", "Gorse Hill Mosque community room", "gorse_hill_cornbrook",
               "Cross Street, Stretford", "M32 0NT", (53.4550, -2.3020), "place_of_worship",
               "Mon-Sat 10:00-14:00", "0161 865 0002", ("assisted_reporting", "support", "interpreters"), (),
               ("en", "ar", "ur", "bn"), 1.6, 150, 60, hours_note="Also after Friday prayers"),
    DemoCentre("st-marys-davyhulme", "St Mary's Church community room", "davyhulme",
               "Davyhulme Road, Davyhulme", "M41 7DS", (53.4600, -2.3700), "place_of_worship",
               "Tue 10:00-15:00; Thu 10:00-15:00", "0161 748 2210", ("assisted_reporting", "private_room"),
               ("step_free", "hearing_loop"), ("en",), 0.6, 500, 190),
    DemoCentre("trafford-lgbt-centre", "Trafford LGBT+ Community Centre", "longford", "Edge Lane, Stretford",
               "M32 8HN", (53.4430, -2.2930), "charity", "Wed-Sat 11:00-18:00", "0161 865 4400", ALL_OFFERS,
               STEP_FREE, ("en", "pl"), 1.3, 60, 30),
    DemoCentre("trafford-disability-forum", "Trafford Disability Forum", "timperley_central",
               "Park Road, Timperley", "WA15 6QN", (53.3960, -2.3240), "charity", "Mon-Fri 10:00-15:00",
               "0161 980 1010", ("assisted_reporting", "support", "private_room"), STEP_FREE + ("bsl",), ("en",),
               0.7, None, 310),
    DemoCentre("urmston-library", "Urmston Library", "urmston", "Eden Square, Urmston", "M41 0NA",
               (53.4480, -2.3540), "library", LIBRARY_HOURS, "0161 912 2727", REPORTING, STEP_FREE, ("en",),
               1.4, 240, 150),
    DemoCentre("broadheath-community-hub", "Broadheath Community Hub", "broadheath",
               "Manchester Road, Broadheath", "WA14 5NH", (53.3990, -2.3560), "community_venue", "Mon-Fri 09:00-17:00",
               "0161 928 0000", REPORTING, ("step_free",), ("en",), 0.8, 520, 400, closed_days_ago=230),
    DemoCentre("sale-moor-community-centre", "Sale Moor Community Centre", "sale_moor", "Norris Road, Sale Moor",
               "M33 2RT", (53.4200, -2.3000), "community_venue", "Mon 10:00-16:00; Wed 10:00-16:00; Fri 10:00-16:00",
               "0161 973 0000", REPORTING, (), ("en",), 0.5, 610, 450, closed_days_ago=330),
    # Takes reports but is not listed publicly. No demo report names it, so the other centres' draws stay as
    # they were (a weight of nothing at the end of the list changes no draw).
    DemoCentre("women-s-refuge-drop-in", "Women's drop-in (address given by phone)", "sale_moor",
               "Given when you phone", "M33 2AA", (53.4190, -2.3050), "charity", "Mon-Fri 10:00-14:00",
               "0161 962 0000", ("assisted_reporting", "support", "private_room"), ("step_free",), ("en", "ur"),
               0.0, 200, 60, listed_publicly=False),
)  # fmt: skip

# Where incidents happen, relative to each other. Several wards have no centre at all.
WARD_WEIGHTS = Weighted({
    "altrincham": 5, "ashton_upon_mersey": 2, "bowdon": 1, "broadheath": 3, "brooklands": 2,
    "bucklow_st_martins": 5, "davyhulme": 3, "flixton": 3, "gorse_hill_cornbrook": 7, "hale": 1,
    "hale_barns_timperley_south": 1, "longford": 6, "lostock_barton": 4, "manor": 3, "old_trafford": 9,
    "sale_central": 6, "sale_moor": 3, "stretford_humphrey_park": 7, "timperley_central": 2,
    "timperley_north": 2, "urmston": 4,
})  # fmt: skip
WARD_PLACES = {
    "altrincham": ("Altrincham", ("WA14", "WA15")), "ashton_upon_mersey": ("Sale", ("M33",)),
    "bowdon": ("Bowdon", ("WA14",)), "broadheath": ("Altrincham", ("WA14",)), "brooklands": ("Sale", ("M33",)),
    "bucklow_st_martins": ("Partington", ("M31",)), "davyhulme": ("Davyhulme", ("M41",)),
    "flixton": ("Flixton", ("M41",)), "gorse_hill_cornbrook": ("Stretford", ("M32", "M16")),
    "hale": ("Hale", ("WA15",)), "hale_barns_timperley_south": ("Hale Barns", ("WA15",)),
    "longford": ("Stretford", ("M32", "M16")), "lostock_barton": ("Stretford", ("M32", "M41")),
    "manor": ("Sale", ("M33",)), "old_trafford": ("Old Trafford", ("M16",)), "sale_central": ("Sale", ("M33",)),
    "sale_moor": ("Sale", ("M33",)), "stretford_humphrey_park": ("Stretford", ("M32",)),
    "timperley_central": ("Timperley", ("WA15",)), "timperley_north": ("Timperley", ("WA15", "M33")),
    "urmston": ("Urmston", ("M41",)),
}  # fmt: skip
MONTH_WEIGHTS = (0.8, 0.8, 0.9, 1.0, 1.05, 1.2, 1.35, 1.3, 1.0, 1.1, 0.95, 0.75)  # January to December
ASSISTED_WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.1, 0.5, 0.05)  # Monday to Sunday
SELF_HOURS = Weighted(dict(enumerate((1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 6, 5, 5, 5, 5, 6, 7, 9, 10, 9, 6, 3))))

CATEGORY_WEIGHTS = Weighted({
    "race": 44, "religion": 17, "sexual_orientation": 13, "transgender": 6, "sex_gender": 6,
    "disability": 3, "age": 3, "alternative_subculture": 2, "other": 4,
})  # fmt: skip
# Categories that often come together: race with religion, sexual orientation with transgender identity.
CATEGORY_COMPANIONS = {
    "race": ("religion",), "religion": ("race",), "sexual_orientation": ("transgender",),
    "transgender": ("sexual_orientation", "sex_gender"), "sex_gender": ("race", "religion", "sexual_orientation"),
    "disability": ("age",), "age": ("disability",), "alternative_subculture": ("sexual_orientation",),
    "other": ("race",),
}  # fmt: skip
INCIDENT_WEIGHTS = Weighted({
    "verbal_abuse": 40, "threats": 12, "harassment": 12, "online": 9, "physical_assault": 6, "damage": 5,
    "graffiti": 3, "spitting": 3, "written": 2, "theft": 2, "mate_crime": 1, "sexual": 2, "other": 3,
})  # fmt: skip
INCIDENT_COMPANIONS = {
    "verbal_abuse": ("threats", "harassment", "spitting"), "threats": ("verbal_abuse",),
    "harassment": ("verbal_abuse", "online"), "physical_assault": ("verbal_abuse",), "damage": ("graffiti",),
    "online": ("harassment", "threats"), "theft": ("mate_crime",), "mate_crime": ("theft",),
}  # fmt: skip
LOCATION_WEIGHTS = Weighted({
    "street": 35, "home": 20, "public_transport": 14, "shop": 10, "workplace": 6, "school": 5,
    "place_of_worship": 3, "healthcare": 2, "other": 5,
})  # fmt: skip
ROLE_WEIGHTS = {
    "assisted": Weighted({"victim": 70, "witness": 10, "third_party": 14, "centre_staff": 6}),
    "self": Weighted({"victim": 78, "witness": 14, "third_party": 8}),
}
CONSENT_WEIGHTS = Weighted({"named": 35, "anonymous": 30, "none": 35})
LANGUAGE_WEIGHTS = {
    "assisted": Weighted({"en": 78, "ur": 4, "pl": 4, "ar": 3, "ro": 3, "bn": 2, "pa": 2, "zh-Hans": 2, "so": 2}),
    "self": Weighted({"en": 86, "ur": 2, "pl": 3, "ar": 2, "ro": 2, "bn": 1, "pa": 1, "zh-Hans": 2, "so": 1}),
}
DELAY_DAYS = Weighted({0: 35, 1: 20, 2: 10, 3: 8, 5: 7, 7: 7, 14: 6, 30: 4, 60: 3})
SCORES = {
    "assisted": Weighted({1: 2, 2: 4, 3: 10, 4: 40, 5: 44}),
    "self": Weighted({1: 5, 2: 8, 3: 20, 4: 37, 5: 30}),
}
CATEGORY_COUNTS = Weighted({1: 82, 2: 15, 3: 3})
INCIDENT_TYPE_COUNTS = Weighted({1: 70, 2: 27, 3: 3})

INCIDENT_SENTENCES = {
    "verbal_abuse": ("A man shouted abuse at me", "A group of teenagers called me names",
                     "A woman made insulting comments about me"),
    "threats": ("A man threatened to hurt me", "Someone said they would get me if they saw me again"),
    "harassment": ("My neighbour makes comments every time I leave the house",
                   "The same group keeps following me and making remarks"),
    "physical_assault": ("A man pushed me and I fell over", "I was punched on the arm"),
    "spitting": ("A man spat at me", "Someone spat at my feet as I walked past"),
    "damage": ("Someone kicked my front door and cracked the glass", "My car was scratched"),
    "graffiti": ("Offensive graffiti was sprayed on the wall", "Someone wrote insults on our garden fence"),
    "online": ("I was sent abusive messages on social media",
               "Someone posted insulting comments about me in a local group"),
    "written": ("A leaflet with offensive words was pushed through my letterbox",
                "I received an anonymous letter full of insults"),
    "theft": ("My bag was snatched and the person shouted insults",),
    "mate_crime": ("Someone who says they are my friend keeps taking my money",),
    "sexual": ("A man made unwanted sexual comments and grabbed me",),
    "other": ("Something happened that made me feel targeted",),
}  # fmt: skip
PLACE_PHRASES = {
    "street": "in the street", "home": "outside my home", "public_transport": "on the bus",
    "shop": "in a shop", "school": "at college", "workplace": "at work",
    "place_of_worship": "outside my place of worship", "healthcare": "at the GP surgery",
    "online": "", "other": "in the park",
}  # fmt: skip
REASONS = {
    "race": "the colour of my skin", "religion": "my faith", "sexual_orientation": "my sexual orientation",
    "transgender": "me being trans", "disability": "my disability", "alternative_subculture": "the way I dress",
    "sex_gender": "me being a woman", "age": "my age", "other": "who I am",
}  # fmt: skip
TAILS = ("", "I felt scared to go out afterwards.", "It has happened before.", "A passer-by helped me.",
         "I want it recorded so it does not happen to anyone else.", "My children saw it and were upset.")  # fmt: skip
# "Someone shouted abuse at me because of where I come from", as a person might write it themselves.
OWN_WORDS = {
    "pl": "Ktoś krzyczał na mnie obelgi z powodu mojego pochodzenia.",
    "ro": "Cineva a strigat insulte la mine din cauza originii mele.",
    "ar": "صرخ أحدهم عليّ بالشتائم بسبب أصلي.",
    "ur": "کسی نے میرے آبائی ملک کی وجہ سے مجھے گالیاں دیں۔",
    "bn": "আমি কোথা থেকে এসেছি তা নিয়ে একজন আমাকে গালি দিয়েছে।",
    "pa": "ਕਿਸੇ ਨੇ ਮੇਰੇ ਪਿਛੋਕੜ ਕਾਰਨ ਮੈਨੂੰ ਗਾਲ੍ਹਾਂ ਕੱਢੀਆਂ।",
    "zh-Hans": "有人因为我的出身对我大声辱骂。",
}

FIRST_NAMES = ("Amina", "Bilal", "Chloe", "Daniel", "Ewa", "Farah", "Grace", "Harpreet", "Imran", "Jamal",
               "Katarzyna", "Liam", "Mei", "Nadia", "Olu", "Priya", "Rahul", "Sadia", "Tomasz", "Uzma", "Yusuf",
               "Zainab", "Andrei", "Ioana", "Hodan", "Abdi", "Siobhan", "Connor", "Fatima", "Mohammed")  # fmt: skip
LAST_NAMES = ("Ahmed", "Begum", "Brown", "Chen", "Dobrescu", "Evans", "Farah", "Gill", "Hussain", "Iqbal", "Jones",
              "Khan", "Kowalski", "Li", "Malik", "Mohamed", "Nowak", "O'Brien", "Patel", "Popescu", "Rahman",
              "Singh", "Smith", "Taylor", "Wang", "Williams", "Warsame")  # fmt: skip
STREETS = ("Acacia Avenue", "Brookside Road", "Canal View", "Elm Grove", "Larch Close", "Mersey Terrace",
           "Orchard Street", "Poplar Road", "Willow Lane", "Hawthorn Drive")  # fmt: skip
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
CONTACT_WEIGHTS = Weighted({"phone": 45, "text": 25, "email": 20, "letter": 10})
# Support services by the categories they specialise in (names as in the default SUPPORT_ORGANISATIONS setting).
SUPPORT_SERVICES = ("Victim Support", "Stop Hate UK")
SPECIALIST_SERVICES = {"sexual_orientation": "Galop", "transgender": "Galop", "religion": "Tell MAMA"}
# Codes of reporting.referrals.services.METHODS.
POLICE_METHODS = ("secure_email", "online_form")
SUPPORT_METHODS = ("secure_email", "online_form", "post")


@dataclass
class DemoReport:
    """One report in the exchange format, and what happened to it afterwards."""

    record: dict
    status: str = "received"
    referred_at: datetime | None = None
    closed_at: datetime | None = None
    support_wanted: bool | None = None
    referrals: list[dict] = field(default_factory=list)


def wards() -> list[tuple[str, str]]:
    with WARDS_FILE.open(newline="", encoding="utf-8") as handle:
        return [(row["code"], row["name"]) for row in csv.DictReader(handle)]


def demo_centres(today: date) -> list[dict]:
    """Centre rows with training and contact dates relative to today (some overdue)."""
    return [
        {
            "code": centre.code,
            "name": centre.name,
            "area": centre.area,
            "address": centre.address,
            "postcode": centre.postcode,
            "latitude": centre.coordinates[0],
            "longitude": centre.coordinates[1],
            "kind": centre.kind,
            "opening_hours": centre.opening_hours,
            "hours_note": centre.hours_note,
            "phone": centre.phone,
            "offers": list(centre.offers),
            "access": list(centre.access),
            "languages": list(centre.languages),
            "listed_publicly": centre.listed_publicly,
            "active": centre.active,
            "last_training_on": _days_before(today, centre.trained_days_ago),
            "last_contact_on": _days_before(today, centre.contacted_days_ago),
        }
        for centre in CENTRES
    ]


def _days_before(today: date, days: int | None) -> date | None:
    return None if days is None else today - timedelta(days=days)


def demo_reference(rng: random.Random) -> str:
    body = "".join(rng.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    full = body + check_character(body)
    return f"{PREFIX}-{full[:4]}-{full[4:]}"


def generate_reports(count: int, seed: int, now: datetime) -> list[DemoReport]:
    """`count` reports over the 14 months before `now`; the same seed gives the same reports, some of them by people
    who reported before (`repeats.py`)."""
    reports = ReportGenerator(random.Random(seed), now).reports(count)
    people = random.Random(f"repeat victims {seed}")
    repeats.give_each_person_their_own_details(reports, people)
    repeats.add_repeat_victims(reports, people)
    return reports


class ReportGenerator:
    """Draws reports one at a time from a seeded generator; every choice comes from `rng`."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now.astimezone(UTC)
        self.today = self.now.astimezone(UK).date()
        self.days = [self.today - timedelta(days=offset) for offset in range(WINDOW_DAYS)]
        self.self_days = Weighted({day: MONTH_WEIGHTS[day.month - 1] for day in self.days})
        self.assisted_days = Weighted(
            {day: MONTH_WEIGHTS[day.month - 1] * ASSISTED_WEEKDAY_WEIGHTS[day.weekday()] for day in self.days}
        )
        self.references: set[str] = set()

    def reports(self, count: int) -> list[DemoReport]:
        return [self.report() for _ in range(count)]

    def report(self) -> DemoReport:
        channel = "assisted" if self.rng.random() < 0.64 else "self"
        reported_at, centre = self._when_and_where(channel)
        categories = self._codes(CATEGORY_WEIGHTS, CATEGORY_COMPANIONS, CATEGORY_COUNTS)
        incident_types = self._codes(INCIDENT_WEIGHTS, INCIDENT_COMPANIONS, INCIDENT_TYPE_COUNTS)
        location_type = "online" if "online" in incident_types else LOCATION_WEIGHTS.pick(self.rng)
        area = self._area(centre, location_type)
        language = LANGUAGE_WEIGHTS[channel].pick(self.rng)
        consent = CONSENT_WEIGHTS.pick(self.rng)
        record = {
            "reference": self._reference(),
            "channel": channel,
            "centre": centre.code if centre else None,
            "reported_at": reported_at.isoformat(),
            "occurred_on": self._occurred_on(reported_at).isoformat(),
            "categories": categories,
            "incident_types": incident_types,
            "reporter_role": ROLE_WEIGHTS[channel].pick(self.rng),
            "location_type": location_type,
            "area": area,
            "postcode": self._postcode(area),
            "description": self._description(channel, language, categories, incident_types, location_type),
            "police_consent": consent,
            "language": language,
            "satisfaction": self._satisfaction(channel),
        }
        if consent == "named" and self.rng.random() < 0.75:
            record["contact"] = self._contact(area)
        return self._outcome(record, reported_at)

    def _reference(self) -> str:
        reference = demo_reference(self.rng)
        while reference in self.references:
            reference = demo_reference(self.rng)
        self.references.add(reference)
        return reference

    def _when_and_where(self, channel: str) -> tuple[datetime, DemoCentre | None]:
        if channel == "self":
            day = self.self_days.pick(self.rng)
            hour = SELF_HOURS.pick(self.rng)
            return self._moment(day, hour, self.rng.randrange(60)), None
        day = self.assisted_days.pick(self.rng)
        centre = self._open_centre(day)
        minutes = self.rng.randrange(9 * 60 + 30, 16 * 60 + 45)
        return self._moment(day, minutes // 60, minutes % 60), centre

    def _open_centre(self, day: date) -> DemoCentre:
        age = (self.today - day).days
        open_centres = [c for c in CENTRES if c.closed_days_ago is None or age > c.closed_days_ago]
        return self.rng.choices(open_centres, weights=[c.usage for c in open_centres])[0]

    def _moment(self, day: date, hour: int, minute: int) -> datetime:
        moment = datetime.combine(day, time(hour, minute, self.rng.randrange(60)), tzinfo=UK).astimezone(UTC)
        while moment > self.now:  # reports made "today" after this minute move to the day before
            moment -= timedelta(days=1)
        return moment

    def _occurred_on(self, reported_at: datetime) -> date:
        return reported_at.astimezone(UK).date() - timedelta(days=DELAY_DAYS.pick(self.rng))

    def _codes(self, weights: Weighted, companions: dict, counts: Weighted) -> list[str]:
        first = weights.pick(self.rng)
        chosen = {first}
        for _ in range(counts.pick(self.rng) - 1):
            pool = companions.get(first) if self.rng.random() < 0.7 else None
            chosen.add(self.rng.choice(pool) if pool else weights.pick(self.rng))
        return sorted(chosen)

    def _area(self, centre: DemoCentre | None, location_type: str) -> str | None:
        roll = self.rng.random()
        if location_type == "online" and roll < 0.6 or roll < 0.08:
            return None
        if centre and roll < 0.55:
            return centre.area
        return WARD_WEIGHTS.pick(self.rng)

    def _postcode(self, area: str | None) -> str | None:
        district = self.rng.choice(WARD_PLACES[area][1]) if area else None
        inward = f"{self.rng.randrange(1, 10)}{self.rng.choice(INWARD_LETTERS)}{self.rng.choice(INWARD_LETTERS)}"
        if district is None or self.rng.random() < 0.4:
            return None
        return f"{district} {inward}"

    def _description(self, channel, language, categories, incident_types, location_type) -> str:
        own_words = OWN_WORDS.get(language)
        if channel == "self" and own_words and "race" in categories and self.rng.random() < 0.6:
            return own_words
        sentence = self.rng.choice(INCIDENT_SENTENCES[incident_types[0]])
        reasons = " and ".join(REASONS[code] for code in categories)
        tail = self.rng.choice(TAILS)
        place = f" {PLACE_PHRASES[location_type]}" if PLACE_PHRASES[location_type] else ""
        return f"{sentence}{place}. I think it was because of {reasons}. {tail}".strip()

    def _satisfaction(self, channel: str) -> dict | None:
        if self.rng.random() >= 0.4:
            return None
        questions = ("ease", "treatment", "informed", "overall") if channel == "assisted" else ("ease", "overall")
        answered = [q for q in questions if q in ("ease", "overall") or self.rng.random() < 0.85]
        return {question: SCORES[channel].pick(self.rng) for question in answered}

    def _contact(self, area: str | None) -> dict:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        town, districts = WARD_PLACES[area or "sale_central"]
        number = self.rng.randrange(1, 120)
        postcode = f"{self.rng.choice(districts)} {self.rng.randrange(1, 10)}{self.rng.choice(INWARD_LETTERS)}A"
        return {
            "name": f"{first} {last}",
            "phone": f"07700 900{self.rng.randrange(1000):03d}",
            "email": f"{first}.{last}@example.org".lower().replace("'", ""),
            "address": f"{number} {self.rng.choice(STREETS)}, {town} {postcode}",
            "preferred": CONTACT_WEIGHTS.pick(self.rng),
        }

    def _outcome(self, record: dict, reported_at: datetime) -> DemoReport:
        report = DemoReport(record)
        rolls = [self.rng.random() for _ in range(5)]  # drawn whatever happens, so later reports do not shift
        if record["police_consent"] != "none" and rolls[0] < 0.75:
            report.referrals.append(self._referral("police", None, reported_at, rolls[1]))
        report.support_wanted = rolls[2] < 0.3 and (record["channel"] == "assisted" or "contact" in record)
        if report.support_wanted:
            service = _support_service(record["categories"], rolls[3])
            report.referrals.append(self._referral("support", service, reported_at, rolls[1]))
        self._settle(report, reported_at, rolls[4])
        return report

    def _referral(self, recipient: str, organisation: str | None, reported_at: datetime, roll: float) -> dict:
        sent_at = min(reported_at + timedelta(hours=1 + roll * 70), self.now)
        days_since = (self.now - sent_at).days
        crime_reference = None
        methods = POLICE_METHODS if recipient == "police" else SUPPORT_METHODS
        if recipient == "police" and days_since > 7 and roll < 0.6:
            crime_reference = f"CRI/{int(roll * 10**7):07d}/{sent_at.year % 100:02d}"
        return {
            "recipient": recipient,
            "organisation": organisation,
            "sent_at": sent_at,
            "sent_by_id": None,
            "method": methods[int(roll * 10) % len(methods)],
            "crime_reference": crime_reference,
        }

    def _settle(self, report: DemoReport, reported_at: datetime, roll: float) -> None:
        """Referred reports are `referred`, and most older ones are `closed`; some unreferred ones close too."""
        age = (self.now - reported_at).days
        if report.referrals:
            report.status = "referred"
            report.referred_at = min(referral["sent_at"] for referral in report.referrals)
        closes = roll < 0.6 if report.referrals else roll < 0.3
        if age > 45 and closes:
            report.status = "closed"
            report.closed_at = min(reported_at + timedelta(days=10 + int(roll * 30)), self.now)


def _support_service(categories: list[str], roll: float) -> str:
    specialists = [SPECIALIST_SERVICES[code] for code in categories if code in SPECIALIST_SERVICES]
    if specialists and roll < 0.5:
        return specialists[0]
    return SUPPORT_SERVICES[int(roll * len(SUPPORT_SERVICES))]


def write_exchange_file(path: Path, count: int, seed: int, now: datetime) -> None:
    """The demo reports as a JSON Lines exchange file, for trying (or timing) `reports import`."""
    with path.open("w", encoding="utf-8") as handle:
        for report in generate_reports(count, seed, now):
            handle.write(json.dumps(report.record, ensure_ascii=False) + "\n")
