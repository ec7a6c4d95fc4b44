"""The review pack's table layout: which columns share a cell, and tables laid out beside another."""

from reporting.review.figures.pack import beside_rows_of, column_groups, group_heading, pack_sections
from reporting.review.figures.sections import Figure, Section
from reporting.review.figures.tables import SHARE, TEXT, Column, Row, Table


def keys(groups):
    return [tuple(column.key for column in group) for group in groups]


def test_a_share_shares_the_cell_of_the_count_it_is_a_share_of_and_nothing_else_moves():
    table = Table("any", "Caption", "Centre", [
        Column("reports", "Reports"), Column("completeness", "Given", SHARE, base="reports"),
        Column("consent", "Consent", SHARE, base="reports"), Column("referred", "Referred"),
    ], [])  # fmt: skip
    assert keys(column_groups(table)) == [("reports", "completeness"), ("consent",), ("referred",)]


def test_the_upkeep_dates_and_status_share_a_cell_each_for_training_and_contact():
    names = ["last_training_on", "training_due_on", "training_status", "last_contact_on", "contact_due_on",
             "contact_status"]  # fmt: skip
    table = Table("centre-upkeep", "Caption", "Centre", [Column(name, name, TEXT) for name in names], [])
    assert keys(column_groups(table)) == [tuple(names[:3]), tuple(names[3:])]


def test_each_centres_last_report_goes_beside_its_reports_by_month():
    by_month = Table("reports-by-centre-and-month", "By month", "Centre", [Column("total", "Total")],
                     [Row("sale", "Sale", {"total": 7})])  # fmt: skip
    last = Table("last-report-by-centre", "Last", "Centre", [Column("last_report_on", "Last report", TEXT)],
                 [Row("sale", "Sale", {"last_report_on": "31 Oct"})])  # fmt: skip
    tables = {table.name: table for table in (by_month, last)}
    sections = [Section("centre-use", "Use", [], [Figure(by_month), Figure(last)])]

    [section] = pack_sections(sections, tables)

    assert [(figure.table.name, figure.beside) for figure in section.figures] == [(by_month.name, last)]
    assert beside_rows_of(last) == {"sale": last.rows[0]} and beside_rows_of(None) == {}


def test_a_cell_of_figures_of_one_subject_names_the_subject_once_then_each_figure():
    asked = "How easy was it to report?"
    group = (
        Column("ease_responses", f"Answers: {asked}", subject=asked, short="Answers"),
        Column("ease_satisfied", f"Satisfied: {asked}", SHARE, base="ease_responses", subject=asked, short="Satisfied"),
    )
    assert group_heading(group) == "How easy was it to report?\nAnswers / Satisfied"


def test_a_cell_of_figures_of_different_subjects_or_none_keeps_every_heading_whole():
    mixed = (
        Column("ease_responses", "Answers: ease", subject="ease", short="Answers"),
        Column("overall_satisfied", "Satisfied: overall", SHARE, subject="overall", short="Satisfied"),
    )
    plain = (Column("reports", "Reports"), Column("rate", "Referral rate", SHARE, base="reports"))
    assert group_heading(mixed) == "Answers: ease\nSatisfied: overall"
    assert group_heading(plain) == "Reports\nReferral rate"
    assert group_heading(plain[:1]) == "Reports"
