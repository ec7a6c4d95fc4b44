"""The benchmark's direct timing of one round trip and one commit on PostgreSQL."""

import pytest
import sqlalchemy as sa

from bench import roundtrips

pytestmark = pytest.mark.postgres


def test_each_kind_is_timed_in_every_turn_and_the_probe_table_is_dropped(postgres_url):
    measured = roundtrips.measure(postgres_url, rounds=2, each=5)

    assert measured["timed"] == {kind: 10 for kind in roundtrips.KINDS}
    assert all(value > 0 for value in measured["p50_ms"].values())
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        assert roundtrips.PROBE not in sa.inspect(connection).get_table_names()
    engine.dispose()


def test_the_terminal_line_names_each_measurement():
    line = roundtrips.describe(
        {"p50_ms": {"select_1": 0.214, "insert_commit_durable": 1.19, "insert_commit_synchronous_commit_off": 0.74}}
    )

    assert line == (
        "PostgreSQL, p50 with the driver alone: SELECT 1 0.214 ms; an insert and its commit 1.19 ms durable, "
        "0.74 ms with synchronous_commit off"
    )
