"""Two servers running `jobs run` at the same moment: each a process of its own, started together at a barrier.

A slow job (`SLOW_JOB`, registered first) holds its claim long enough for the other process to find it taken, so
the lock is tested every time, not only when the timing happens to collide.
"""

import multiprocessing
import time

SLOW_JOB = "slow test job"
SLOW_SECONDS = 1.5


def _slow_job() -> str:
    time.sleep(SLOW_SECONDS)
    return "slept"


def _server(database_url: str, evidence_dir: str, barrier, answers) -> None:
    from reporting import create_app
    from reporting.extensions import db
    from reporting.jobs import registry, runs

    app = create_app({"REPORTING_ENV": "test", "SQLALCHEMY_DATABASE_URI": database_url, "EVIDENCE_DIR": evidence_dir})
    registry._JOBS = {SLOW_JOB: registry.Job(SLOW_JOB, "sleeps", _slow_job), **registry._JOBS}
    with app.app_context():
        db.session.execute(db.text("SELECT 1"))  # connect before the barrier, so both start the jobs together
        barrier.wait(timeout=60)
        answers.put([(result.job, result.outcome) for result in runs.run_due_jobs()])
        db.session.remove()
        db.engine.dispose()


def run_on_two_servers_at_once(database_url: str, evidence_dir: str) -> list[list[tuple[str, str]]]:
    """What each of two processes running the due jobs at the same moment reported, job by job."""
    context = multiprocessing.get_context("spawn")
    barrier, answers = context.Barrier(2), context.Queue()
    servers = [context.Process(target=_server, args=(database_url, evidence_dir, barrier, answers)) for _ in range(2)]
    for server in servers:
        server.start()
    reported = [answers.get(timeout=120) for _ in servers]
    for server in servers:
        server.join(timeout=60)
        assert server.exitcode == 0
    return reported
