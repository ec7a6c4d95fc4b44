"""The `statistics` command group: `statistics publish --quarter YYYY-Qn` (it lives in `reporting/statistics/`)."""

from flask import Flask


def register(app: Flask) -> None:
    from ..statistics.commands import register as register_statistics

    register_statistics(app)
