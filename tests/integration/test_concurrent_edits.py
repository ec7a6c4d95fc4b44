"""Two volunteers saving the same report do not silently overwrite each other."""

from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Report
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary
from tests.support.intake import start_draft

STALE = (
    "Someone else saved changes to this report while you had this page open. Check your answers on this page, "
    "then continue to save them."
)


def _version_on_page(client_request, step: dict) -> str:
    return client_request.get("intake.step", **step).select_one("input[name=report_version]")["value"]


def test_a_save_over_someone_elses_newer_save_is_stopped_and_keeps_what_was_typed(app, client, client_request):
    centre = factories.centre()
    other = factories.user("second@example.org", "volunteer", centre)
    db.session.commit()
    client_request.login_as("volunteer", centre)
    first = client_request
    reference = start_draft(client)
    second = ClientRequest(app.test_client(), auth=None)
    second.post("auth.sign_in", _data={"email": other.email, "password": factories.PASSWORD}, _expected_status=302)

    step = {"reference": reference, "slug": "who-is-reporting"}
    seen_by_second = _version_on_page(second, step)
    assert _version_on_page(first, step) == seen_by_second
    first.post("intake.step", **step, _data={"reporter_role": "witness", "report_version": seen_by_second},
               _expected_status=302)  # fmt: skip

    page = second.post("intake.step", **step, _data={"reporter_role": "victim", "report_version": seen_by_second},
                       _expected_status=200)  # fmt: skip
    assert error_summary(page) == [STALE]
    assert page.select_one("input[name=reporter_role][value=victim]").has_attr("checked")
    db.session.expire_all()
    assert db.session.scalar(select(Report.reporter_role).where(Report.reference == reference)) == "witness"

    fresh_version = page.select_one("input[name=report_version]")["value"]
    assert fresh_version != seen_by_second
    second.post("intake.step", **step, _data={"reporter_role": "victim", "report_version": fresh_version},
                _expected_status=302)  # fmt: skip
    db.session.expire_all()
    assert db.session.scalar(select(Report.reporter_role).where(Report.reference == reference)) == "victim"


def test_every_save_moves_the_version_on(client, client_request):
    centre = factories.centre()
    db.session.commit()
    client_request.login_as("volunteer", centre)
    reference = start_draft(client)
    before = db.session.scalar(select(Report.version).where(Report.reference == reference))
    client_request.post("intake.step", reference=reference, slug="who-is-reporting", _data={"reporter_role": "victim"},
                        _expected_status=302)  # fmt: skip
    db.session.expire_all()
    assert db.session.scalar(select(Report.version).where(Report.reference == reference)) == before + 1


def test_simultaneous_writes_through_the_orm_are_refused_not_merged(app):
    from sqlalchemy.orm import Session
    from sqlalchemy.orm.exc import StaleDataError

    report = factories.report(factories.centre())
    db.session.commit()
    with Session(db.engine) as one, Session(db.engine) as two:
        mine, theirs = one.get(Report, report.id), two.get(Report, report.id)
        mine.status = "closed"
        one.commit()
        theirs.status = "referred"
        try:
            two.commit()
            raised = False
        except StaleDataError:
            raised = True
    assert raised
    db.session.expire_all()
    assert db.session.get(Report, report.id).status == "closed"
