"""The hate incident reporting centre app: `create_app` (in `reporting.factory`) builds and wires everything.

Importing the package alone loads nothing else, so a process that needs only a part of it does not
load Flask and the database layer: the PDF render process (`reporting.pdf_process`) loads WeasyPrint
and nothing more.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for editors and type checkers; at run time they come from `__getattr__`
    from .factory import MIGRATIONS_DIR, create_app  # noqa: F401

_FROM_FACTORY = {"create_app", "MIGRATIONS_DIR"}


def __getattr__(name: str):
    if name in _FROM_FACTORY:
        from . import factory

        return getattr(factory, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
