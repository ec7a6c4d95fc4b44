"""Template helpers that turn a field into the parameters of a GOV.UK Frontend macro.

The partials in `templates/components/answers/` (one an answer type) call them; the factory registers them
as template globals. A field's size (of its label or legend) is its own `drawing.size` unless the page says
otherwise: "l" when the question is the page's heading, "s" when it is drawn under another question.
"""

from markupsafe import Markup

from .character_count import character_count_texts, character_limit
from .choices import choice_pairs
from .fields import Drawing

PLAIN = Drawing()


def _size(field, heading: bool, size: str | None) -> str:
    if heading:
        return "l"
    return getattr(field, "drawing", PLAIN).size if size is None else size


def field_legend(field, heading: bool = False, size: str | None = None) -> dict:
    size = _size(field, heading, size)
    legend = {"text": str(field.label.text), "isPageHeading": heading}
    return {"legend": {**legend, "classes": f"govuk-fieldset__legend--{size}" if size else ""}}


def field_label(field, heading: bool = False, size: str | None = None) -> dict:
    size = _size(field, heading, size)
    return {"text": str(field.label.text), "isPageHeading": heading, "classes": f"govuk-label--{size}" if size else ""}


def field_hint(field) -> dict | None:
    return {"text": str(field.description)} if field.description else None


def field_error(field) -> dict | None:
    return {"text": str(field.errors[0])} if field.errors else None


def field_choices(field, hints: dict | None = None) -> list[dict]:
    """Radio or checkbox items, checked from the field's answer, with any hint under an option."""
    data = field.data if isinstance(field.data, list) else [field.data]
    items = []
    for value, label in choice_pairs(field):
        item = {"value": value, "text": str(label), "checked": value in data}
        if hints and value in hints:
            item["hint"] = {"text": str(hints[value])}
        items.append(item)
    return items


def field_options(field) -> list[dict]:
    """Select items, the answer selected."""
    return [
        {"value": value, "text": str(label), "selected": value == field.data} for value, label in choice_pairs(field)
    ]


def follow_up(html, kind: str = "radios") -> dict | None:
    """Follow-up questions shown under a question's options, indented, and always visible.

    They are not hidden and revealed by script: the script marks the options `aria-expanded`, which
    radios and checkboxes may not carry, and a question that appears as you answer is easy to miss.
    """
    if not html:
        return None
    return {"afterInputs": {"html": Markup(f'<div class="govuk-{kind}__conditional app-follow-up">{html}</div>')}}


def labelled(field, heading: bool = False, size: str | None = None, **params) -> dict:
    """The parameters of a GOV.UK macro for a labelled control (input, textarea, select, password, file upload):
    the field's id, name, label, hint and first error, with the partial's own `params`."""
    common = {"id": field.id, "name": field.name, "label": field_label(field, heading, size)}
    return {**common, "hint": field_hint(field), "errorMessage": field_error(field), **params}


def grouped(field, kind: str, heading: bool = False, size: str | None = None, follow_ups="", hints=None, **params):
    """The parameters of GOV.UK radios or checkboxes (`kind`): the field's options in a fieldset with its legend,
    hint and first error, any follow-up questions under them, and the partial's own `params`."""
    common = {"idPrefix": field.id, "name": field.name, "fieldset": field_legend(field, heading, size)}
    choices = {"formGroup": follow_up(follow_ups, kind), "items": field_choices(field, hints)}
    return {**common, "hint": field_hint(field), "errorMessage": field_error(field), **choices, **params}


TEMPLATE_GLOBALS = (labelled, grouped, field_legend, field_hint, field_error, field_options)
TEMPLATE_GLOBALS += (character_limit, character_count_texts)
