"""Command-line commands, run as `flask --app reporting …`."""

from flask import Flask


def register(app: Flask) -> None:
    from . import cases, demo, drafts, evidence, exchange, keys, places, privacy, referrals, review, translate, users
    from .jobs import register as register_jobs
    from .links import register as register_links
    from .recordings import register as register_recordings
    from .statistics import register as register_statistics

    for module in (cases, demo, drafts, evidence, exchange, keys, places, privacy, referrals, review, translate, users):
        module.register(app)
    register_statistics(app)
    register_recordings(app)
    register_links(app)
    register_jobs(app)
