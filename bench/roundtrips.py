"""What one statement and one commit cost on the benchmark's PostgreSQL, timed with the driver alone.

Not figures with targets: they say where the intake's time on PostgreSQL goes. `SELECT 1` in
autocommit is one round trip to the server. An insert and its commit (BEGIN, INSERT, COMMIT, as
the app makes them), durable and then with `synchronous_commit` off for the session, show how
much of a commit is waiting for the disk; the two are timed in turn, so that the machine's drift
falls on both. The probe table is a plain (logged) table, as a temporary table writes nothing to
the WAL, and it is dropped afterwards.
"""

from statistics import median

import sqlalchemy as sa

from .figures import timed

PROBE = "bench_commit_probe"
KINDS = ("select_1", "insert_commit_durable", "insert_commit_synchronous_commit_off")


def measure(url: str, rounds: int = 3, each: int = 500) -> dict:
    """p50 in milliseconds of each kind, over `rounds` turns of `each` statements, and how many were timed."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    connection = engine.raw_connection()
    driver = connection.driver_connection
    samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
    try:
        cursor = connection.cursor()
        cursor.execute(f"CREATE TABLE {PROBE} (id serial PRIMARY KEY, label text NOT NULL)")
        connection.commit()
        for turn in range(rounds):
            order = KINDS[1:] if turn % 2 == 0 else KINDS[:0:-1]
            driver.autocommit = True  # one statement, one round trip: no BEGIN or COMMIT around it
            _time(samples["select_1"], each, lambda: _select_one(cursor))
            driver.autocommit = False
            for kind in order:
                cursor.execute(f"SET synchronous_commit = {'off' if kind.endswith('_off') else 'on'}")
                connection.commit()
                _time(samples[kind], each, lambda: _insert_commit(cursor, connection))
        cursor.execute("SET synchronous_commit = on")
        cursor.execute(f"DROP TABLE {PROBE}")
        connection.commit()
    finally:
        connection.close()
        engine.dispose()
    return {
        "p50_ms": {kind: round(median(values), 3) for kind, values in samples.items()},
        "timed": {kind: len(values) for kind, values in samples.items()},
    }


def _time(into: list[float], count: int, action) -> None:
    into.extend(timed(action) * 1000 for _ in range(count))


def _select_one(cursor) -> None:
    cursor.execute("SELECT 1")
    cursor.fetchone()


def _insert_commit(cursor, connection) -> None:
    cursor.execute(f"INSERT INTO {PROBE} (label) VALUES ('probe')")
    connection.commit()


def describe(measured: dict) -> str:
    """One line for the terminal."""
    p50 = measured["p50_ms"]
    return (
        f"PostgreSQL, p50 with the driver alone: SELECT 1 {p50['select_1']:.3g} ms; an insert and its commit "
        f"{p50['insert_commit_durable']:.3g} ms durable, {p50['insert_commit_synchronous_commit_off']:.3g} ms "
        "with synchronous_commit off"
    )
