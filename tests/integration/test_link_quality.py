"""The quality of the link suggestions on a generated set of known people: recall and precision, both at least 0.95.

Reports become connected when suggestions chain them (staff confirm each link, so a person's reports are found
through any of them): a pair of reports is predicted to be one person when the suggestions connect them.
"""

import sys
from itertools import combinations

from reporting.extensions import db
from reporting.links import services
from tests.support import factories
from tests.support.link_people import generate


def _pairs(groups: dict[str, list[int]]) -> set[tuple[int, int]]:
    return {tuple(sorted(pair)) for members in groups.values() for pair in combinations(members, 2)}


def test_suggestions_find_the_same_people_and_only_them(app, capsys):
    centre = factories.centre()
    truth: dict[str, list[int]] = {}
    for generated in generate():
        report = factories.report(centre, contact=generated["contact"], postcode=generated["postcode"])
        services.refresh(report)  # what submitting does
        truth.setdefault(generated["person"], []).append(report.id)
    db.session.commit()

    suggested = services.groups_from_links((link.report_a_id, link.report_b_id) for link in _suggestions())
    predicted = _pairs({str(index): sorted(group) for index, group in enumerate(suggested)})
    actual = _pairs(truth)
    found = predicted & actual
    recall, precision = len(found) / len(actual), len(found) / len(predicted)
    summary = (f"link suggestions on {sum(map(len, truth.values()))} reports of {len(truth)} people: "
               f"recall {recall:.3f} ({len(found)}/{len(actual)} pairs), "
               f"precision {precision:.3f} ({len(found)}/{len(predicted)} pairs)")  # fmt: skip
    with capsys.disabled():
        sys.stdout.write(f"\n{summary}\n")
    assert recall >= 0.95 and precision >= 0.95, summary


def _suggestions():
    from reporting.links.models import ReportLink

    return db.session.scalars(db.select(ReportLink)).all()
