"""The postcode district: kept plain beside the encrypted full postcode, counted, exchanged and kept by retention."""

import json
from datetime import UTC, date, datetime

from sqlalchemy import select

from reporting.domain.periods import Period, month_bounds
from reporting.extensions import db
from reporting.models import Report
from reporting.review.figures.summary import keeping, reading
from tests.support import factories

PERIOD = Period(date(2018, 5, 1), date(2018, 5, 31))


def _reports() -> None:
    sale, urmston = factories.area("sale_central", "Sale Central"), factories.area("urmston", "Urmston")
    centre = factories.centre()
    for index, postcode in enumerate(["M33 7XY", "m41 0ab", None, "M33 6AB"]):
        factories.report(centre, area=(sale, urmston)[index % 2], postcode=postcode,
                         reported_at=datetime(2018, 5, 2 + index, 12, tzinfo=UTC))  # fmt: skip
    db.session.commit()


def _figures(app) -> tuple:
    """Counts by centre and area (from the summary and from the CLI) with how complete the records are."""
    keeping.bring_up_to_date(db.session)
    areas = sorted(reading.rows_for_period(db.session, PERIOD).areas)
    start, end = month_bounds("2018-05")
    counted = sorted(keeping.count_range(db.session, "2018-05", start, end).areas)
    cli = app.test_cli_runner().invoke(
        args=["review", "counts", "--from", "2018-05-01", "--to", "2018-05-31", "--by", "centre,area"]
    )
    assert cli.exit_code == 0, cli.output
    return areas, counted, cli.output


def test_setting_a_postcode_keeps_its_district_beside_it(any_app):
    _reports()
    stored = db.session.execute(select(Report.postcode, Report.postcode_district).order_by(Report.id)).all()
    assert [tuple(row) for row in stored] == [("M33 7XY", "M33"), ("M41 0AB", "M41"), (None, None), ("M33 6AB", "M33")]


def test_counts_and_completeness_by_area_are_unchanged_by_retention(any_app):
    _reports()
    before = _figures(any_app)
    assert sum(row.expected_filled for row in before[0]) > 0
    result = any_app.test_cli_runner().invoke(args=["retention", "apply", "--years", "6"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert list(db.session.scalars(select(Report.postcode))) == [None] * 4
    assert _figures(any_app) == before
    keeping.mark_all_for_recount(db.session)
    assert _figures(any_app) == before  # counted again from the reports themselves


def test_the_export_gives_the_district_once_the_full_postcode_is_erased(any_app, tmp_path):
    _reports()
    runner = any_app.test_cli_runner()
    runner.invoke(args=["retention", "erase", db.session.scalars(select(Report.reference).order_by(Report.id)).first()])
    out = runner.invoke(args=["reports", "export", "--from", "2018-05-01", "--to", "2018-05-31", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    postcodes = [json.loads(line)["postcode"] for line in out.output.splitlines() if line.startswith("{")]
    assert postcodes == ["M33", "M41 0AB", None, "M33 6AB"]


def test_an_export_made_after_erasure_imports_again_with_its_district(any_app, tmp_path):
    _reports()
    runner = any_app.test_cli_runner()
    runner.invoke(args=["retention", "erase", db.session.scalars(select(Report.reference).order_by(Report.id)).first()])
    out = runner.invoke(args=["reports", "export", "--from", "2018-05-01", "--to", "2018-05-31", "--format", "jsonl"])
    exported = [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
    for record in exported:
        record.pop("reference")  # imported as new reports beside the old
        record["occurred_on"] = record["reported_at"][:10]  # the factory's reports happened today
    path = tmp_path / "again.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in exported))
    result = runner.invoke(args=["reports", "import", str(path)])
    assert result.exit_code == 0, result.output
    imported = db.session.execute(select(Report.postcode, Report.postcode_district).order_by(Report.id)).all()[4:]
    assert [tuple(row) for row in imported] == [(None, "M33"), ("M41 0AB", "M41"), (None, None), ("M33 6AB", "M33")]
