"""`jobs run`: every due job once a UK day, recorded in `job_runs`; failures retried and reported; one run of
each job however many servers run it at the same moment (PostgreSQL advisory locks, SQLite's exclusive lock)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

import reporting.cli.cases
import reporting.cli.drafts
import reporting.cli.evidence
import reporting.cli.privacy
import reporting.cli.recordings  # noqa: F401 (these register the jobs when imported, before `own_registry` copies them)
from reporting.domain.schedule import ABANDONED_AFTER
from reporting.domain.ukdates import uk_today
from reporting.extensions import db
from reporting.jobs import registry, runs
from reporting.models import AuditEvent, JobRun, Report
from tests.conftest import make_app
from tests.support import factories
from tests.support.jobs import SLOW_JOB, run_on_two_servers_at_once
from tests.support.smtp import free_port, mail_config

JOBS = [
    "cases remind",
    "drafts purge",
    "evidence sweep",
    "retention apply",
    "retention erase-due",
    "recordings process",
]
NAME = "Amira Khan"


@pytest.fixture(autouse=True)
def own_registry(monkeypatch):
    """Jobs a test registers are gone after it."""
    monkeypatch.setattr(registry, "_JOBS", dict(registry._JOBS))


def _jobs(app, *words):
    result = app.test_cli_runner().invoke(args=["jobs", *words])
    db.session.rollback()  # see what the command committed
    return result


def _runs() -> list[tuple[str, str, str]]:
    return [(run.job, run.outcome, run.detail) for run in db.session.scalars(select(JobRun).order_by(JobRun.id))]


def _stale_draft() -> str:
    draft = factories.report(factories.centre(), status="draft", updated_at=datetime.now(UTC) - timedelta(days=30))
    db.session.commit()
    return draft.reference


def test_jobs_run_runs_every_due_job_once_and_records_each_run(any_app):
    draft = _stale_draft()
    first = _jobs(any_app, "run")
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        "cases remind: skipped: Mail is not set up (MAIL_SERVER and MAIL_FROM): no reminders were sent.",
        "drafts purge: ok: purged 1 draft not changed for 7 days",
        "evidence sweep: ok: removed 0 evidence files that no report refers to",
        "retention apply: ok: erased personal details from 0 report(s) older than 6 years; "
        "cleared the address of 0 audit event(s) older than 90 days",
        "retention erase-due: ok: erased personal details from 0 report(s) whose cooling-off period had passed",
        "recordings process: ok: processed 0 recordings, removed 0 recording file(s) that no report refers to",
    ]
    assert db.session.scalar(select(Report).where(Report.reference == draft)) is None
    runs_made = _runs()
    assert [(job, outcome) for job, outcome, _ in runs_made] == [
        ("cases remind", "skipped"), ("drafts purge", "ok"), ("evidence sweep", "ok"), ("retention apply", "ok"),
        ("retention erase-due", "ok"), ("recordings process", "ok")]  # fmt: skip
    assert runs_made[1][2] == "purged 1 draft not changed for 7 days"
    assert all(run.finished_at >= run.started_at for run in db.session.scalars(select(JobRun)))

    again = _jobs(any_app, "run")
    assert again.exit_code == 0
    assert [line.split(": ")[:2] for line in again.output.splitlines()] == [[job, "not due"] for job in JOBS]
    assert len(_runs()) == 6, "a job not due leaves no row"


def test_jobs_run_list_shows_each_job_its_last_run_and_whether_it_is_due(any_app):
    before = _jobs(any_app, "run", "--list")
    assert before.exit_code == 0
    lines = before.output.splitlines()
    assert lines[0].split() == ["JOB", "LAST", "RUN", "OUTCOME", "DUE"]
    assert [line.split("  ")[0] for line in lines[1:]] == JOBS
    assert all(line.split()[-2:] == ["never", "now"] for line in lines[1:])
    assert _runs() == [], "--list runs nothing"

    _jobs(any_app, "run")
    after = _jobs(any_app, "run", "--list").output.splitlines()
    today, tomorrow = uk_today().isoformat(), (uk_today() + timedelta(days=1)).isoformat()
    columns = {line.split("  ")[0]: line.split()[-5:] for line in after[1:]}
    assert columns["drafts purge"][0] == today and columns["drafts purge"][2:] == ["ok", "from", tomorrow]
    assert columns["cases remind"][2:] == ["skipped", "from", tomorrow]


def test_a_job_is_due_again_the_next_uk_day(any_app):
    runs.run_due_jobs()
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert [result.outcome for result in runs.run_due_jobs(now=tomorrow)] == ["skipped", "ok", "ok", "ok", "ok", "ok"]
    assert len(_runs()) == 12


def _failing_job():
    raise RuntimeError(f"could not erase the details of {NAME}")


def test_a_failed_job_is_reported_recorded_without_its_message_and_tried_again_next_run(any_app, caplog):
    registry.register_job("fragile job", "fails the first time", _failing_job)
    failed = _jobs(any_app, "run")
    assert failed.exit_code == 1
    assert failed.output.splitlines()[-1] == "fragile job: failed: RuntimeError"
    assert "drafts purge: ok" in failed.output, "a failed job does not stop the others"
    assert ("fragile job", "failed", "RuntimeError") in _runs()
    assert NAME not in failed.output + caplog.text + str(_runs())

    registry.register_job("fragile job", "works now", lambda: "mended 1 thing")
    retried = _jobs(any_app, "run")
    assert retried.exit_code == 0
    assert retried.output.splitlines()[-1] == "fragile job: ok: mended 1 thing"
    assert "drafts purge: not due" in retried.output
    assert [outcome for job, outcome, _ in _runs() if job == "fragile job"] == ["failed", "ok"]


def test_reminders_the_mail_server_refused_fail_the_job_and_are_sent_by_the_next_run(sqlite_url, inbox, tmp_path):
    def app_with(**mail):
        return make_app(sqlite_url, EVIDENCE_DIR=str(tmp_path / "evidence"), **{**mail_config(inbox), **mail})

    with app_with(MAIL_PORT=free_port()).app_context() as context:
        centre = factories.centre()
        factories.user("lead@example.org", "centre_lead", centre)
        factories.report(centre, acknowledge_by=uk_today() - timedelta(days=1))
        db.session.commit()
        refused = _jobs(context.app, "run")
        assert refused.exit_code == 1
        assert "cases remind: failed: sent 0 reminders; 0 already sent today; 1 could not be sent" in refused.output
        db.session.remove()
        db.engine.dispose()
    with app_with().app_context() as context:
        retried = _jobs(context.app, "run")
        assert retried.exit_code == 0
        assert "cases remind: ok: sent 1 reminder; 0 already sent today; 0 could not be sent" in retried.output
        assert [(job, outcome) for job, outcome, _ in _runs() if job == "cases remind"] == [
            ("cases remind", "failed"), ("cases remind", "ok")]  # fmt: skip
        db.session.remove()
        db.engine.dispose()
    assert [message.recipients for message in inbox.received] == [["lead@example.org"]]


def test_a_run_left_unfinished_by_a_process_that_stopped_is_marked_failed_and_the_job_runs(any_app):
    postgres = db.engine.dialect.name == "postgresql"
    # On PostgreSQL the advisory lock shows at once that nobody runs it; on SQLite the row is the lock for a while.
    started = datetime.now(UTC) - (timedelta(minutes=5) if postgres else ABANDONED_AFTER + timedelta(minutes=1))
    db.session.add(JobRun(job="drafts purge", started_at=started, outcome="running"))
    db.session.commit()
    results = {result.job: result for result in runs.run_due_jobs()}
    assert results["drafts purge"].outcome == "ok"
    assert [(outcome, detail) for job, outcome, detail in _runs() if job == "drafts purge"] == [
        ("failed", "stopped before it finished (its process ended)"),
        ("ok", "purged 0 drafts not changed for 7 days"),
    ]


def test_on_sqlite_a_recent_running_row_means_another_process_has_the_job(app):
    db.session.add(JobRun(job="drafts purge", started_at=datetime.now(UTC) - timedelta(minutes=5), outcome="running"))
    db.session.commit()
    results = {result.job: result for result in runs.run_due_jobs()}
    assert results["drafts purge"].outcome == "running elsewhere"
    assert results["drafts purge"].detail.endswith("by another process")
    assert [outcome for job, outcome, _ in _runs() if job == "drafts purge"] == ["running"]


def _two_servers_at_once(url: str, evidence_dir) -> None:
    reported = run_on_two_servers_at_once(url, str(evidence_dir))
    outcomes = [dict(server) for server in reported]
    for job in [SLOW_JOB, *JOBS]:
        ran = [server[job] for server in outcomes if server[job] in ("ok", "skipped")]
        assert len(ran) == 1, (job, outcomes)
    assert sorted(server[SLOW_JOB] for server in outcomes) == ["ok", "running elsewhere"], outcomes
    recorded = [(job, outcome) for job, outcome, _ in _runs()]
    assert sorted(recorded) == sorted([(SLOW_JOB, "ok"), ("cases remind", "skipped"),
                                       *[(job, "ok") for job in JOBS[1:]]])  # fmt: skip


def test_two_servers_running_the_jobs_at_the_same_moment_run_each_once_on_sqlite(app, sqlite_url, evidence_dir):
    _two_servers_at_once(sqlite_url, evidence_dir)


@pytest.mark.postgres
def test_two_servers_running_the_jobs_at_the_same_moment_run_each_once_on_postgresql(pg_app, postgres_url,
                                                                                    evidence_dir):  # fmt: skip
    _two_servers_at_once(postgres_url, evidence_dir)


def test_each_job_does_its_audited_work_as_its_own_command_does(any_app):
    runs.run_due_jobs()
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"drafts_purged", "evidence_swept", "retention_applied", "erasures_due_carried_out"} <= actions


def test_the_admin_sees_each_job_its_last_run_outcome_next_due_and_recent_failures(client_request):
    registry.register_job("fragile job", "fails", _failing_job)
    runs.run_due_jobs()
    client_request.login_as("admin")
    page = client_request.get("admin.scheduled_jobs")
    assert page.select_one("h1").get_text(strip=True) == "Scheduled jobs"
    rows = {row.select_one("code").get_text(): [cell.get_text(" ", strip=True) for cell in row.select("td")]
            for row in page.select("table")[0].select("tbody tr")}  # fmt: skip
    assert list(rows) == [*JOBS, "fragile job"]
    tomorrow = uk_today() + timedelta(days=1)
    assert rows["drafts purge"][2] == "Done purged 0 drafts not changed for 7 days"
    assert rows["drafts purge"][3] == f"{tomorrow.day} {tomorrow:%B %Y}"
    assert rows["drafts purge"][0].endswith("Deletes unfinished reports nobody has changed for a week "
                                            "(DRAFT_MAX_AGE_DAYS).")  # fmt: skip
    assert rows["cases remind"][2].startswith("Skipped Mail is not set up")
    assert rows["fragile job"][2:] == ["Failed RuntimeError", "Now"]
    failures = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in page.select("table")[1]
                .select("tbody tr")]  # fmt: skip
    assert [failure[1:] for failure in failures] == [["fragile job", "RuntimeError"]]
    assert "scheduled_jobs_viewed" in db.session.scalars(select(AuditEvent.action)).all()
    assert page.select_one(f"a[href='{'/admin/jobs'}']").get_text(strip=True) == "Scheduled jobs"


def test_before_any_run_every_job_is_due_now_and_none_has_failed(client_request):
    client_request.login_as("admin")
    page = client_request.get("admin.scheduled_jobs")
    cells = [[cell.get_text(" ", strip=True) for cell in row.select("td")[1:]] for row in page.select("tbody tr")]
    assert cells == [["Never", "", "Now"]] * len(JOBS)
    assert "No job has failed." in page.get_text(" ")


@pytest.mark.parametrize("role", ["volunteer", "centre_lead", "partnership"])
def test_only_admins_see_the_scheduled_jobs(client_request, role):
    client_request.login_as(role, factories.centre() if role in ("volunteer", "centre_lead") else None)
    client_request.get("admin.scheduled_jobs", _expected_status=403)


def test_a_database_busy_while_claiming_a_job_fails_that_job_only_and_is_reported(any_app, monkeypatch):
    from contextlib import contextmanager

    from sqlalchemy.exc import OperationalError

    real = runs.claimed

    @contextmanager
    def busy_for_drafts(name, now):
        if name == "drafts purge":
            raise OperationalError("BEGIN EXCLUSIVE", {}, Exception("database is locked"))
        with real(name, now) as claim:
            yield claim

    monkeypatch.setattr(runs, "claimed", busy_for_drafts)
    result = _jobs(any_app, "run")
    assert result.exit_code == 1
    assert "drafts purge: failed: could not be claimed or recorded: OperationalError" in result.output
    assert "evidence sweep: ok" in result.output, "the other jobs still run"
    assert "drafts purge" not in [job for job, _, _ in _runs()]
    monkeypatch.setattr(runs, "claimed", real)
    assert "drafts purge: ok" in _jobs(any_app, "run").output, "tried again by the next run"
