"""A rolling upgrade: `db upgrade` to this release's head once, while a server still runs the previous release.

The previous release's own code (its tree from git, in a process of its own) signs in, makes and submits an
assisted report and reads report pages against the database migrated to this release's head, and the current
release reads what it wrote, and the other way round. A migration that the old code cannot run against (a column
it reads dropped or renamed, a new column it does not fill made NOT NULL without a default) fails this test.
"""

import pytest
from flask import current_app
from sqlalchemy import select

from reporting.crypto import keyring
from reporting.extensions import db
from reporting.models import Report
from tests.support import factories
from tests.support.html import parse_page
from tests.support.intake import go_through, start_draft
from tests.support.rolling_upgrade import NoHistory, as_old_server, check_out, previous_release


@pytest.fixture(scope="module")
def old_tree(tmp_path_factory):
    try:
        commit = previous_release()
    except NoHistory as error:
        pytest.skip(f"the previous release cannot be checked out: {error}")
    return check_out(commit, tmp_path_factory.mktemp("previous-release"))


def test_the_previous_release_runs_against_this_releases_schema_and_both_read_each_others_reports(
    any_app, old_tree, evidence_dir
):
    url, keys = current_app.config["SQLALCHEMY_DATABASE_URI"], list(keyring.keys)

    old = as_old_server(old_tree, "write", url, evidence_dir, keys)
    assert old["signed_in"] == 302
    reference = old["reference"]
    assert old["submitted"] == [302, f"/intake/{reference}/submitted"]
    status, page = old["report_page"]
    assert status == 200 and "Written by the previous release." in page

    # The current release reads the report the previous one wrote, decrypting what it encrypted.
    stored = db.session.scalar(select(Report).where(Report.reference == reference))
    assert stored.status == "received" and stored.description == "Written by the previous release."
    client = any_app.test_client()
    client.post("/sign-in", data={"email": "old.release@example.org", "password": factories.PASSWORD})
    current_page = client.get(f"/reports/{reference}")
    assert current_page.status_code == 200
    assert "Written by the previous release." in parse_page(current_page).get_text(" ")

    # The current release writes a report through its own steps; the previous release reads it and lists both.
    new_reference = start_draft(client)
    go_through(client, new_reference, {"what-happened": {"incident_types": ["verbal_abuse"],
                                                         "description": "Written by this release."}})  # fmt: skip
    assert client.post(f"/intake/{new_reference}/check-answers").status_code == 302
    db.session.remove()
    old = as_old_server(old_tree, "read", url, evidence_dir, keys, new_reference)
    status, page = old["report_page"]
    assert status == 200 and "Written by this release." in page
    status, listing = old["report_list"]
    assert status == 200 and reference in listing and new_reference in listing
