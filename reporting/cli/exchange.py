"""Placeholder until the command lands."""


def register(app):
    return None
