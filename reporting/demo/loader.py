"""Loading the demo data into an empty database, through the same bulk path as `reports import`."""

from dataclasses import dataclass

from sqlalchemy import exists, select

from .. import audit
from ..auth.services import hash_password
from ..centres.districts import load_demo_districts
from ..domain.centres import parse_hours
from ..domain.exchange import format_errors, validate_record
from ..domain.ukdates import now_utc, uk_date
from ..exchange.importing import CodeMaps, insert_reports
from ..extensions import db
from ..models import Area, Centre, CentreHours, Report, User
from . import generator
from .caseload import set_demo_case_work
from .linking import link_repeat_victims


class DemoDataError(RuntimeError):
    """The generator produced a record the exchange format refuses: a fault in the generator."""


@dataclass
class LoadSummary:
    areas: int
    centres: int
    users: int
    reports: int


def database_has_data() -> bool:
    """True when any centre or report exists: demo data is then never loaded over it."""
    return bool(
        db.session.scalar(select(exists().where(Centre.id.is_not(None))))
        or db.session.scalar(select(exists().where(Report.id.is_not(None))))
    )


def load_demo_data(report_count: int, seed: int) -> LoadSummary:
    """Areas, centres, postcode districts, staff and `report_count` reports, in one transaction."""
    now = now_utc()
    areas = _add_missing_areas()
    centres = _add_centres(uk_date(now))
    load_demo_districts()  # so "Find a reporting centre" can order the demo centres by distance
    users = _add_users(centres)
    db.session.flush()
    demo_reports = generator.generate_reports(report_count, seed, now)
    records = _insert(demo_reports, CodeMaps.load(), _referrers(users), uk_date(now))
    set_demo_case_work(uk_date(now))
    link_repeat_victims(records)
    audit.record("demo_data_loaded", detail=f"reports={report_count} seed={seed}")
    db.session.commit()
    return LoadSummary(areas=areas, centres=len(centres), users=len(users), reports=report_count)


def _add_missing_areas() -> int:
    known = set(db.session.scalars(select(Area.code)))
    missing = [Area(code=code, name=name) for code, name in generator.wards() if code not in known]
    db.session.add_all(missing)
    db.session.flush()
    return len(missing)


def _add_centres(today) -> dict[str, Centre]:
    area_ids = {code: area_id for code, area_id in db.session.execute(select(Area.code, Area.id))}
    centres = {}
    for row in generator.demo_centres(today):
        area_code = row.pop("area")
        hours = parse_hours(row.pop("opening_hours"))
        centre = Centre(area_id=area_ids[area_code], **row)
        centre.hours = [CentreHours(weekday=s.weekday, opens=s.opens, closes=s.closes) for s in hours]
        centres[row["code"]] = centre
    db.session.add_all(centres.values())
    db.session.flush()
    return centres


def _add_users(centres: dict[str, Centre]) -> list[User]:
    password_hash = hash_password(generator.DEMO_PASSWORD)  # argon2 is slow on purpose: hash once
    users = [
        User(
            email=demo_user.email,
            role=demo_user.role,
            centre=centres.get(demo_user.centre) if demo_user.centre else None,
            password_hash=password_hash,
            active=True,
        )
        for demo_user in generator.DEMO_USERS
    ]
    db.session.add_all(users)
    return users


def _referrers(users: list[User]) -> dict[int, int]:
    """Centre id to the user who sends its referrals: the centre lead where there is one."""
    referrers: dict[int, int] = {}
    for user in sorted(users, key=lambda user: user.role != "centre_lead"):
        if user.centre_id is not None:
            referrers.setdefault(user.centre_id, user.id)
    return referrers


def demo_record(demo_report, codes: CodeMaps, referrers: dict[int, int], today) -> dict:
    """A demo report as the bulk writer takes it: its exchange record checked, with what only demo data carries."""
    errors, record = validate_record(demo_report.record, codes.centres, codes.areas, today)
    if errors:
        raise DemoDataError(f"{demo_report.record['reference']}: {'; '.join(format_errors(errors))}")
    sender = referrers.get(codes.centres.get(record["centre"]))
    record.update(
        status=demo_report.status,
        referred_at=demo_report.referred_at,
        closed_at=demo_report.closed_at,
        support_wanted=demo_report.support_wanted,
        referrals=[dict(referral, sent_by_id=sender) for referral in demo_report.referrals],
    )
    return record


def _insert(demo_reports: list, codes: CodeMaps, referrers: dict[int, int], today) -> list[dict]:
    records = [demo_record(report, codes, referrers, today) for report in demo_reports]
    insert_reports(records, codes)
    return records
