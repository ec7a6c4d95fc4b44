"""The search form of "Find a reporting centre": a postcode (full, or its first part), or an area chosen from a
list, read from the query string so that a search works without JavaScript and can be bookmarked.

A visit with neither lists every centre; a form sent empty or with text that is not a postcode is explained on
the page, above the whole list.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import StopValidation

from ..domain.centre_search import MAX_SEARCH_LENGTH, district_to_search
from ..forms import ChoiceSelectField, SubmitField, TextField
from ..forms.validators import Required

ENTER_POSTCODE = _l("Enter a postcode, like M33 7ZF")
ENTER_REAL_POSTCODE = _l("Enter a full postcode, like M33 7ZF, or the first part of one, like M33")
SELECT_AREA = _l("Select an area")
CHOOSE_AREA = _l("Choose an area")


class PostcodeOrDistrict:
    """A full postcode or a postcode district, in any case and spacing; `field.district` is what to search from."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        field.district = district_to_search(field.data)
        if field.district is None:
            raise StopValidation(self.message)


class CentreSearchForm(FlaskForm):
    """Both ways to search; only the one the visitor used is checked (see `search`)."""

    class Meta:
        csrf = False

    postcode = TextField(
        _l("Postcode"),
        description=_l("A full postcode, like M33 7ZF, or the first part of one, like M33."),
        validators=[Required(ENTER_POSTCODE), PostcodeOrDistrict(ENTER_REAL_POSTCODE)],
        width=10,
        autocomplete="postal-code",
        spellcheck=False,
        size="s",
    )
    find = SubmitField(_l("Find centres near this postcode"))
    area = ChoiceSelectField(_l("Area"), choices=[], validators=[Required(SELECT_AREA)], size="s")
    show = SubmitField(_l("Show centres in this area"))

    def __init__(self, args, areas: list[tuple[str, str]]):
        super().__init__(args)
        self.args = args
        self.area.choices = [("", CHOOSE_AREA), *areas]
        self.postcode.district = None
        if self.postcode.data and len(self.postcode.data) > MAX_SEARCH_LENGTH * 4:
            self.postcode.data = self.postcode.data[: MAX_SEARCH_LENGTH * 4]  # shown back, but not a page of it

    def search(self) -> str | None:
        """Which search the visitor made, checked: "postcode", "area", or None (none, or one that was wrong)."""
        if "postcode" in self.args:
            return "postcode" if self.postcode.validate(self) else None
        if "area" in self.args:
            return "area" if self.area.validate(self) else None
        return None
