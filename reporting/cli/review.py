"""The `review` command group: figures for the 6-monthly centre review.

The commands themselves live with their capabilities (counting and the review pack in
`reporting/review/commands.py`, satisfaction in `reporting/satisfaction/commands.py`) and attach
themselves to this group.
"""

from flask import Flask
from flask.cli import AppGroup

review_cli = AppGroup("review", help="Figures for the 6-monthly centre review (CSV on stdout, or a PDF pack).")


def register(app: Flask) -> None:
    from ..review import commands as review_commands  # noqa: F401  (attaches `review counts` and `review pack`)
    from ..satisfaction import commands as satisfaction_commands  # noqa: F401  (attaches `review satisfaction`)

    app.cli.add_command(review_cli)
