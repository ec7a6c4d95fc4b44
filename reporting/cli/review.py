"""The `review` command group: figures for the 6-monthly centre review.

The commands live with their capabilities and are gathered here: `review counts`, `review pack` and
`review refresh-summary` from `reporting/review/figures/commands.py`, and `review satisfaction` from
`reporting/satisfaction/commands.py`.
"""

from flask import Flask
from flask.cli import AppGroup

review_cli = AppGroup("review", help="Figures for the 6-monthly centre review (CSV on stdout, or a PDF pack).")


def register(app: Flask) -> None:
    from ..review.figures.commands import counts, pack, refresh_summary
    from ..satisfaction.commands import satisfaction_command

    for command in (counts, pack, refresh_summary, satisfaction_command):
        review_cli.add_command(command)
    app.cli.add_command(review_cli)
