"""Command-line commands, run as `flask --app reporting …`."""

from flask import Flask


def register(app: Flask) -> None:
    from . import demo, exchange, places, review, translate, users

    for module in (demo, exchange, places, review, translate, users):
        module.register(app)
