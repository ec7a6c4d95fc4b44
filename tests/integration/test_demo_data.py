"""`demo-data`: fills an empty database the same way for the same seed, and never loads twice."""

from sqlalchemy import func, select

from reporting.demo.generator import DEMO_PASSWORD
from reporting.extensions import db
from reporting.models import Centre, ContactDetails, Referral, Report, SurveyResponse, User
from reporting.referrals.services import METHODS, organisation_names
from tests.support import factories
from tests.support.client import ClientRequest


def run_demo_data(cli, *options: str):
    result = cli.invoke(args=["demo-data", *options])
    assert result.exit_code == 0, result.output
    db.session.rollback()  # see what the command committed
    return result


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def snapshot() -> dict:
    return {
        "references": list(db.session.scalars(select(Report.reference).order_by(Report.reference))),
        "statuses": sorted(db.session.scalars(select(Report.status))),
        "centres": sorted(db.session.scalars(select(Centre.code))),
        "users": sorted(db.session.scalars(select(User.email))),
        "counts": [count(model) for model in (Report, Referral, ContactDetails, SurveyResponse)],
    }


def wipe() -> None:
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


def test_the_same_seed_loads_the_same_data(any_app):
    cli = any_app.test_cli_runner()
    result = run_demo_data(cli, "--reports", "60", "--seed", "5")
    assert "Loaded demo data (seed 5): 21 areas, 14 centres, 5 staff accounts, 60 reports." in result.stdout
    first = snapshot()
    assert len(first["references"]) == 60
    referrals = db.session.scalars(select(Referral)).all()
    assert {referral.method for referral in referrals} <= set(METHODS)
    assert all(referral.organisation is None for referral in referrals if referral.recipient == "police")
    assert {r.organisation for r in referrals if r.recipient == "support"} <= set(organisation_names())
    assert {"received", "referred", "closed"} <= set(first["statuses"])
    wipe()
    run_demo_data(cli, "--reports", "60", "--seed", "5")
    assert snapshot() == first


def test_a_second_run_loads_nothing_and_still_shows_the_sign_ins(any_app):
    cli = any_app.test_cli_runner()
    run_demo_data(cli, "--reports", "60")
    before = snapshot()
    again = run_demo_data(cli, "--reports", "60")
    assert "already has centres or reports, so no demo data was loaded" in again.stdout
    assert snapshot() == before
    for text in (
        "http://127.0.0.1:5000",
        DEMO_PASSWORD,
        "volunteer@demo.example",
        "centre_lead at sale-library",
        "partnership@demo.example",
        "admin@demo.example",
        "volunteer.stretford@demo.example",
    ):
        assert text in again.stdout
    assert "Loaded" not in run_demo_data(cli, "--sign-ins").stdout


def test_a_database_with_its_own_centre_gets_no_demo_data(any_app):
    factories.centre()
    db.session.commit()
    result = run_demo_data(any_app.test_cli_runner(), "--reports", "60")
    assert "no demo data was loaded" in result.stdout
    assert count(Report) == 0 and count(User) == 0


def test_demo_staff_can_sign_in_with_the_demo_password(any_app):
    run_demo_data(any_app.test_cli_runner(), "--reports", "0")
    ClientRequest(any_app.test_client(), auth=None).post(
        "auth.sign_in", _data={"email": "centre.lead@demo.example", "password": DEMO_PASSWORD}, _expected_status=302
    )
    lead = db.session.scalar(select(User).where(User.email == "centre.lead@demo.example"))
    assert (lead.role, lead.centre.code) == ("centre_lead", "sale-library")
