"""`areas import`, `centres import` and `users create` from the command line."""

import pytest
from sqlalchemy import select

from reporting.auth.services import verify_password
from reporting.centres.models import CentreChange
from reporting.centres.services import CENTRE_COLUMNS
from reporting.extensions import db
from reporting.models import Area, AuditEvent, Centre, User
from tests.support import factories


@pytest.fixture
def runner(any_app):
    return any_app.test_cli_runner()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_areas_import_creates_then_updates(runner, tmp_path):
    first = write(tmp_path, "areas.csv", "code,name\naltrincham,Altrincham\nhale,Hale\n")
    result = runner.invoke(args=["areas", "import", first])
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated" in result.output
    corrected = write(tmp_path, "areas2.csv", "code,name\naltrincham,Altrincham Town\nhale,Hale\nbowdon,Bowdon\n")
    result = runner.invoke(args=["areas", "import", corrected])
    assert "1 created, 1 updated" in result.output
    names = dict(db.session.execute(select(Area.code, Area.name)).all())
    assert names == {"altrincham": "Altrincham Town", "hale": "Hale", "bowdon": "Bowdon"}


def test_areas_import_refuses_a_file_with_errors_and_imports_nothing(runner, tmp_path):
    bad = write(tmp_path, "areas.csv", "code,name\naltrincham,Altrincham\n,Nameless\nhale,\n")
    result = runner.invoke(args=["areas", "import", bad])
    assert result.exit_code != 0
    assert "line 3: code: is required" in result.output
    assert "line 4: name: is required" in result.output
    assert db.session.scalar(select(Area)) is None


def test_areas_import_names_a_missing_column(runner, tmp_path):
    result = runner.invoke(args=["areas", "import", write(tmp_path, "a.csv", "id,title\n1,x\n")])
    assert result.exit_code != 0
    assert "missing column(s) code, name" in result.output


def test_centres_import_with_optional_columns_and_reload(runner, tmp_path):
    runner.invoke(args=["areas", "import", write(tmp_path, "a.csv", "code,name\nsale_central,Sale Central\n")])
    centres = write(
        tmp_path,
        "c.csv",
        "code,name,area,address,kind,active\n"
        'sale-library,Sale Library,sale_central,"Tatton Road, Sale",library,yes\n'
        "sale-housing,Sale Housing Office,sale_central,,housing office,false\n",
    )
    result = runner.invoke(args=["centres", "import", centres])
    assert result.exit_code == 0, result.output
    library = db.session.scalars(select(Centre).where(Centre.code == "sale-library")).one()
    assert (library.address, library.kind, library.active, library.area.code) == (
        "Tatton Road, Sale",
        "library",
        True,
        "sale_central",
    )
    assert db.session.scalars(select(Centre).where(Centre.code == "sale-housing")).one().active is False
    again = write(tmp_path, "c2.csv", "code,name,area\nsale-library,Sale Library and Hub,sale_central\n")
    result = runner.invoke(args=["centres", "import", again])
    assert "0 created, 1 updated" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(Centre.name).where(Centre.code == "sale-library")) == "Sale Library and Hub"
    assert db.session.scalar(select(Centre.address).where(Centre.code == "sale-library")) == "Tatton Road, Sale"


def test_centres_import_refuses_an_unknown_area(runner, tmp_path):
    result = runner.invoke(args=["centres", "import", write(tmp_path, "c.csv", "code,name,area\nx,X Centre,nowhere\n")])
    assert result.exit_code != 0
    assert "line 2: area: no area with the code nowhere" in result.output
    assert db.session.scalar(select(Centre)) is None


def test_users_create_reads_the_password_from_stdin(runner):
    factories.centre()
    db.session.commit()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Lead@Example.org",
            "--role",
            "centre_lead",
            "--centre",
            "sale-library",
            "--password-stdin",
        ],
        input="harbour-lamp-orange-41\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User)).one()
    assert (user.email, user.role, user.centre.code) == ("lead@example.org", "centre_lead", "sale-library")
    assert verify_password(user, "harbour-lamp-orange-41")
    assert "harbour" not in user.password_hash
    assert db.session.scalars(select(AuditEvent.action)).all() == ["user_created"]


def test_users_create_prompts_for_the_password_twice(runner):
    result = runner.invoke(
        args=["users", "create", "unit@example.org", "--role", "partnership"],
        input="harbour-lamp-orange-41\nharbour-lamp-orange-41\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(User.role)).one() == "partnership"


@pytest.mark.parametrize(
    "args, password, message",
    [
        (["--role", "volunteer"], "harbour-lamp-orange-41", "role volunteer needs --centre CODE"),
        (["--role", "volunteer", "--centre", "nope"], "harbour-lamp-orange-41", "no centre with the code nope"),
        (["--role", "admin", "--centre", "sale-library"], "harbour-lamp-orange-41", "is not tied to a centre"),
        (["--role", "admin"], "short", "at least 12 characters"),
        (["--role", "admin"], "passwordpassword", "password is too easy to guess; choose 3 or 4 random words"),
        (["--role", "admin"], " " * 12, "password is too easy to guess"),
        (["--role", "admin"], "123456789012", "password is too easy to guess"),
        (["--role", "admin"], "aaaaaaaaaaaa", "password is too easy to guess"),
        (["--role", "admin"], "password1234", "password is too easy to guess"),
        (["--role", "admin"], "x@example.org2026!", "password is too easy to guess"),
        (["--role", "chief"], "harbour-lamp-orange-41", "Invalid value for '--role'"),
    ],
)
def test_users_create_refuses_bad_input_clearly(runner, args, password, message):
    factories.centre()
    db.session.commit()
    result = runner.invoke(args=["users", "create", "x@example.org", *args, "--password-stdin"], input=password + "\n")
    assert result.exit_code != 0
    assert message in result.output
    assert db.session.scalar(select(User)) is None


def test_users_create_refuses_a_duplicate_email(runner):
    factories.user("dup@example.org", role="admin")
    db.session.commit()
    result = runner.invoke(
        args=["users", "create", "DUP@example.org", "--role", "admin", "--password-stdin"],
        input="harbour-lamp-orange-41\n",
    )
    assert result.exit_code != 0
    assert "already exists" in result.output


EVERY_COLUMN = (
    "code,name,area,active,address,postcode,kind,latitude,longitude,phone,email,directions,opening_hours,hours_note,"
    "closed_on_bank_holidays,offers,access,languages,contact_person,notes,listed_publicly,last_training_on,"
    "last_contact_on\n"
    'sale-library,Sale Library,sale_central,yes,"Tatton Road, Sale",m33 7yh,Library,53.4246,-2.3186,0161 912 3013,'
    "library@sale.example.org,Tram to Sale,Mon-Fri 09:30-17:00; Sat 10:00-13:00,Ask at the desk,no,"
    "assisted_reporting; private_room,step_free; hearing_loop,en; ur,Pat Lead,Key at reception,no,2026-01-10,"
    "2026-02-01\n"
)


def test_centres_import_fills_every_column_and_keeps_history(runner, tmp_path):
    runner.invoke(args=["areas", "import", write(tmp_path, "a.csv", "code,name\nsale_central,Sale Central\n")])
    result = runner.invoke(args=["centres", "import", write(tmp_path, "c.csv", EVERY_COLUMN)])
    assert result.exit_code == 0, result.output
    centre = db.session.scalars(select(Centre)).one()
    assert (centre.postcode, centre.kind, centre.coordinates, centre.email) == (
        "M33 7YH", "library", (53.4246, -2.3186), "library@sale.example.org")  # fmt: skip
    assert (centre.offers, centre.access) == (["assisted_reporting", "private_room"], ["step_free", "hearing_loop"])
    assert centre.languages == ["en", "ur"]
    assert (centre.closed_on_bank_holidays, centre.listed_publicly, centre.contact_person) == (False, False, "Pat Lead")
    assert [(o.weekday, f"{o.opens:%H:%M}") for o in centre.openings][-1] == (5, "10:00")
    added = db.session.scalars(select(CentreChange)).all()
    assert {(change.source, change.changed_by_id, change.old_value) for change in added} == {("import", None, None)}

    corrected = EVERY_COLUMN.replace("Mon-Fri 09:30-17:00; Sat 10:00-13:00", "Mon-Sat 10:00-16:00").replace(
        "Pat Lead", "Sam Lead"
    )
    result = runner.invoke(args=["centres", "import", write(tmp_path, "c2.csv", corrected)])
    assert "0 created, 1 updated" in result.output
    changed = db.session.scalars(select(CentreChange).where(CentreChange.old_value.is_not(None))).all()
    assert {(c.field, c.old_value, c.new_value) for c in changed} == {
        ("opening_hours", "Mon-Fri 09:30-17:00; Sat 10:00-13:00", "Mon-Sat 10:00-16:00"),
        ("contact_person", "Pat Lead", "Sam Lead"),
    }
    details = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "centre_changed")).all()
    assert details == ["source=import fields=opening_hours,contact_person"]


def test_centres_import_names_the_line_and_column_of_every_mistake(runner, tmp_path):
    runner.invoke(args=["areas", "import", write(tmp_path, "a.csv", "code,name\nsale_central,Sale Central\n")])
    bad = write(
        tmp_path,
        "c.csv",
        "code,name,area,postcode,latitude,longitude,email,opening_hours,languages,phone,last_contact_on\n"
        "Sale Library,Sale Library,sale_central,XYZ,53.4,,nobody,Mon 9am-5pm,English!,call us,2999-01-01\n"
        "ok-centre,OK,sale_central,M33 7YH,95,-2.3,a@b.example.org,Fri-Mon 09:00-17:00,en,0161 912 3013,\n",
    )
    result = runner.invoke(args=["centres", "import", bad])
    assert result.exit_code != 0
    for message in (
        "line 2: code: Sale Library is not a code of lowercase letters, numbers and hyphens, such as sale-library",
        "line 2: postcode: XYZ is not a UK postcode",
        "line 2: email: nobody is not an email address",
        "line 2: opening_hours: '9am' is not a time: use 24-hour times such as 09:30 or 17:00",
        "line 2: languages: English! not a language tag such as en, ur or zh-Hans",
        "line 2: phone: call us is not a phone number such as 0161 912 3013",
        "line 2: last_contact_on: 2999-01-01 is in the future",
        "line 2: latitude, longitude: give both latitude and longitude, or neither",
        "line 3: opening_hours: 'Fri-Mon': the days run backwards",
        "line 3: latitude, longitude: latitude must be between -90 and 90",
    ):
        assert message in result.output
    assert db.session.scalar(select(Centre)) is None


def test_centres_import_will_not_close_a_centre_with_open_cases(runner, tmp_path):
    centre = factories.centre()
    open_case = factories.report(centre, status="received")
    db.session.commit()
    closing = write(tmp_path, "c.csv", "code,name,area,active\nsale-library,Sale,sale_central,no\n")
    result = runner.invoke(args=["centres", "import", closing])
    assert result.exit_code != 0
    assert f"line 2: active: the centre has 1 open case(s) ({open_case.reference})" in result.output
    db.session.refresh(centre)
    assert centre.active is True


def test_centres_import_help_names_every_column(runner):
    result = runner.invoke(args=["centres", "import", "--help"])
    assert all(name in result.output for name in CENTRE_COLUMNS)
