"""`referrals pdf REFERENCE --to police|support --out FILE.pdf` and `referrals receipt` from the command line."""

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, Referral, Report
from tests.support import factories
from tests.support.pdf import needs_poppler, normalise, pdftotext

CONTACT = {"name": "Amira Khan", "phone": "07700 900123", "email": "amira.khan@example.org", "safe_times": "Evenings"}


@pytest.fixture
def app_config():
    return {"PUBLIC_BASE_URL": "https://report.example.org"}


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def any_runner(any_app):
    """On SQLite and on PostgreSQL."""
    return any_app.test_cli_runner()


def make_report(**fields):
    values = {"police_consent": "named", "support_wanted": True, "postcode": "M33 7XY", "contact": dict(CONTACT)}
    values.update(fields)
    report = factories.report(factories.centre(), **values)
    db.session.commit()
    return report


def stored(report) -> tuple[list[Referral], list[tuple[str, str]]]:
    db.session.expire_all()
    referrals = list(db.session.scalars(select(Referral).where(Referral.report_id == report.id)))
    events = db.session.execute(
        select(AuditEvent.action, AuditEvent.detail).where(AuditEvent.object_id == report.reference)
    ).all()
    return referrals, [tuple(event) for event in events]


@needs_poppler
def test_a_police_referral_is_written_recorded_and_audited(any_runner, tmp_path):
    report = make_report()
    out = tmp_path / "police.pdf"
    result = any_runner.invoke(args=["referrals", "pdf", report.reference, "--to", "police", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"({report.reference}-P1)" in result.output
    text = pdftotext(out.read_bytes())
    assert "Amira Khan" in text and "M33 7XY" in text
    referrals, events = stored(report)
    assert [(referral.recipient, referral.sent_by_id) for referral in referrals] == [("police", None)]
    assert db.session.get(Report, report.id).status == "referred"
    assert [action for action, _ in events] == ["referral_produced", "referral_downloaded"]


@needs_poppler
def test_an_anonymous_referral_from_the_command_line_is_redacted_too(runner, tmp_path):
    report = make_report(police_consent="anonymous")
    out = tmp_path / "police.pdf"
    runner.invoke(args=["referrals", "pdf", report.reference, "--to", "police", "--out", str(out)])
    text = pdftotext(out.read_bytes())
    assert "Amira Khan" not in text and "M33 7XY" not in text
    assert "The person asked to stay anonymous." in text


def test_a_police_referral_without_consent_is_refused_with_a_message_and_audited(any_runner, tmp_path):
    report = make_report(police_consent="none")
    out = tmp_path / "police.pdf"
    result = any_runner.invoke(args=["referrals", "pdf", report.reference, "--to", "police", "--out", str(out)])
    assert result.exit_code != 0
    assert "cannot be referred to the police: the person did not agree to share it with the police" in result.output
    assert not out.exists()
    referrals, events = stored(report)
    assert referrals == []
    assert events == [("referral_refused", "recipient=police reason=police_consent_none")]
    assert db.session.get(Report, report.id).status == "received"


def test_a_support_referral_is_refused_when_support_was_not_asked_for(runner, tmp_path):
    report = make_report(support_wanted=False)
    result = runner.invoke(
        args=["referrals", "pdf", report.reference, "--to", "support", "--out", str(tmp_path / "s.pdf")]
    )
    assert result.exit_code != 0
    assert "the person did not ask for support" in result.output
    assert stored(report)[1] == [("referral_refused", "recipient=support reason=support_not_wanted")]


@needs_poppler
def test_a_support_referral_goes_to_the_first_configured_service_unless_another_is_named(runner, tmp_path):
    report = make_report()
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    runner.invoke(args=["referrals", "pdf", report.reference, "--to", "support", "--out", str(first)])
    result = runner.invoke(
        args=[
            "referrals", "pdf", report.reference.lower(), "--to", "support", "--out", str(second),
            "--organisation", "Stop Hate UK", "--method", "post",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Referral to Victim Support" in pdftotext(first.read_bytes())
    assert "Referral to Stop Hate UK" in pdftotext(second.read_bytes())
    organisations = sorted((referral.organisation, referral.method) for referral in stored(report)[0])
    assert organisations == [("Stop Hate UK", "post"), ("Victim Support", None)]


@pytest.mark.parametrize(
    "args, message",
    [
        (["HR-2222-2222", "--to", "police"], "No submitted report has the reference HR-2222-2222."),
        (["{reference}", "--to", "support", "--organisation", "Nobody"], "Unknown support service 'Nobody'"),
        (["{reference}", "--to", "fire-brigade"], "Invalid value for '--to'"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(runner, tmp_path, args, message):
    report = make_report()
    args = [arg.format(reference=report.reference) for arg in args]
    result = runner.invoke(args=["referrals", "pdf", *args, "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0
    assert message in result.output
    assert stored(report)[0] == []


@needs_poppler
def test_the_receipt_is_written_in_the_persons_language(runner, tmp_path):
    report = make_report(language="ur")
    out = tmp_path / "receipt.pdf"
    result = runner.invoke(args=["referrals", "receipt", report.reference, "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = pdftotext(out.read_bytes())
    assert report.reference in text
    with force_locale("ur"):
        assert (
            normalise(gettext("Keep this reference safe. Quote it if you contact us or the police about your report."))
            in text
        )
    assert ("receipt_produced", "language=ur") in stored(report)[1]


def test_printing_a_receipt_here_needs_the_public_address_for_its_follow_up_link(app, runner, tmp_path):
    app.config["PUBLIC_BASE_URL"] = None
    report = make_report()
    result = runner.invoke(args=["referrals", "receipt", report.reference, "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code != 0
    assert "Set PUBLIC_BASE_URL" in result.output
