"""Two servers running `jobs run` at the same moment: each a process of its own, started together at a barrier.

A slow job (`SLOW_JOB`, registered first) holds its claim until the other process has found it taken, so the
lock is tested every time, however the two processes happen to be scheduled.
"""

import multiprocessing

SLOW_JOB = "slow test job"
_other_passed = None  # in each process: set once a process has found the slow job taken


def _slow_job() -> str:
    if not _other_passed.wait(timeout=60):
        raise TimeoutError("the other process never found the slow job taken")
    return "waited for the other process"


def _server(database_url: str, evidence_dir: str, barrier, other_passed, answers) -> None:
    global _other_passed
    from reporting import create_app
    from reporting.columns import utcnow
    from reporting.extensions import db
    from reporting.jobs import registry, runs

    _other_passed = other_passed
    app = create_app({"REPORTING_ENV": "test", "SQLALCHEMY_DATABASE_URI": database_url, "EVIDENCE_DIR": evidence_dir})
    registry._JOBS = {SLOW_JOB: registry.Job(SLOW_JOB, "waits", _slow_job), **registry._JOBS}
    with app.app_context():
        db.session.execute(db.text("SELECT 1"))  # connect before the barrier, so both start the jobs together
        barrier.wait(timeout=60)
        results = []
        for job in registry.registered_jobs():  # as `runs.run_due_jobs`, telling the other when the slow job is passed
            results.append(runs.run_job(job, utcnow()))
            if job.name == SLOW_JOB and results[-1].outcome != "ok":
                other_passed.set()
        answers.put([(result.job, result.outcome) for result in results])
        db.session.remove()
        db.engine.dispose()


def run_on_two_servers_at_once(database_url: str, evidence_dir: str) -> list[list[tuple[str, str]]]:
    """What each of two processes running the due jobs at the same moment reported, job by job."""
    context = multiprocessing.get_context("spawn")
    barrier, other_passed, answers = context.Barrier(2), context.Event(), context.Queue()
    servers = [
        context.Process(target=_server, args=(database_url, evidence_dir, barrier, other_passed, answers))
        for _ in range(2)
    ]
    for server in servers:
        server.start()
    reported = [answers.get(timeout=180) for _ in servers]
    for server in servers:
        server.join(timeout=60)
        assert server.exitcode == 0
    return reported
