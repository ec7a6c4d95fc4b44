"""`python -m reporting.demo FILE [--reports N] [--seed S]`: write demo reports as a JSON Lines exchange file.

The file refers to the demo centres, so load them first (`flask --app reporting demo-data --reports 0`)
before `flask --app reporting reports import FILE`.
"""

import argparse
from pathlib import Path

from ..domain.ukdates import now_utc
from .generator import write_exchange_file


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reporting.demo", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args(argv)
    write_exchange_file(arguments.file, arguments.reports, arguments.seed, now_utc())


if __name__ == "__main__":
    main()
