"""Repeat victims in the demo data: some people report again within the year, writing their details a little
differently each time, so that linking, "Reported before" and the review's people show on a fresh `make run`.

Every demo person gets their own phone number (from Ofcom's drama range, 07700 900000 to 900999, while it lasts) and
email address, so that the only suggestions are between reports of one person.
"""

import random
from datetime import datetime, timedelta

YEAR = timedelta(days=365)
SHARE_REPEATING = 0.14  # of people with contact details, how many report again
ABBREVIATIONS = {"Avenue": "Ave", "Road": "Rd", "Close": "Cl", "Terrace": "Tce", "Grove": "Gr", "Street": "St"}


def give_each_person_their_own_details(reports: list, rng: random.Random) -> None:
    phones = [f"7700900{number:03d}" for number in range(1000)]
    rng.shuffle(phones)
    for number, report in enumerate(report for report in reports if "contact" in report.record):
        contact = report.record["contact"]
        digits = phones[number] if number < len(phones) else f"7700900{rng.randrange(1000):03d}"
        contact["phone"] = f"0{digits[:4]} {digits[4:]}"
        local, _, domain = contact["email"].partition("@")
        contact["email"] = f"{local}.{number}@{domain}"


def add_repeat_victims(reports: list, rng: random.Random) -> None:
    """Give some later reports with contact details the details of an earlier person, written another way."""
    named = sorted((report for report in reports if "contact" in report.record), key=_reported_at)
    taken: set[int] = set()
    for index, first in enumerate(named):
        if index in taken or rng.random() >= SHARE_REPEATING:
            continue
        later = [other for other in range(index + 1, len(named)) if other not in taken
                 and _reported_at(named[other]) - _reported_at(first) < YEAR]  # fmt: skip
        for other in rng.sample(later, k=min(len(later), rng.choice((1, 1, 2, 3)))):
            taken.add(other)
            named[other].record["contact"] = written_again(first.record["contact"], rng)
        taken.add(index)


def _reported_at(report) -> datetime:
    return datetime.fromisoformat(report.record["reported_at"])


def written_again(contact: dict, rng: random.Random) -> dict:
    """The same person's details as they might give them another time: the name, email
    and address written another way."""
    first, _, last = contact["name"].partition(" ")
    name = rng.choice([contact["name"], f"{last.upper()} {first}", f"{last}, {first}", contact["name"].lower(),
                       f"{rng.choice(['Mr', 'Ms', 'Mrs', 'Dr'])} {contact['name']}"])  # fmt: skip
    address = contact["address"]
    for word, short in ABBREVIATIONS.items():
        address = address.replace(f" {word},", f" {short},") if rng.random() < 0.5 else address
    again = {"name": name, "preferred": contact["preferred"], "address": address, "phone": contact["phone"]}
    again["email"] = rng.choice([contact["email"], contact["email"].capitalize()])
    return again
