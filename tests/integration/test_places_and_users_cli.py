"""`areas import`, `centres import` and `users create` from the command line."""

import pytest
from sqlalchemy import select

from reporting.auth.services import verify_password
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
