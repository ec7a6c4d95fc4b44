"""Template helpers that turn a WTForms field into the parameters of a GOV.UK Frontend macro.

They back the macros in `templates/components/forms.html`, which every step template uses.
"""

from markupsafe import Markup

from ..forms import choice_pairs
from . import bp


@bp.app_template_global()
def field_legend(field, heading: bool = False, size: str = "m") -> dict:
    size = "l" if heading else size
    return {
        "legend": {
            "text": str(field.label.text),
            "isPageHeading": heading,
            "classes": f"govuk-fieldset__legend--{size}",
        }
    }


@bp.app_template_global()
def field_label(field, heading: bool = False, size: str = "m") -> dict:
    size = "l" if heading else size
    return {"text": str(field.label.text), "isPageHeading": heading, "classes": f"govuk-label--{size}"}


@bp.app_template_global()
def field_hint(field) -> dict | None:
    return {"text": str(field.description)} if field.description else None


@bp.app_template_global()
def field_error(field) -> dict | None:
    return {"text": str(field.errors[0])} if field.errors else None


@bp.app_template_global()
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


@bp.app_template_global()
def field_options(field) -> list[dict]:
    """Select items, the answer selected."""
    return [
        {"value": value, "text": str(label), "selected": value == field.data} for value, label in choice_pairs(field)
    ]


@bp.app_template_global()
def follow_up(html, kind: str = "radios") -> dict | None:
    """Follow-up questions shown under a question's options, indented, and always visible.

    They are not hidden and revealed by script: the script marks the options `aria-expanded`, which
    radios and checkboxes may not carry, and a question that appears as you answer is easy to miss.
    """
    if not html:
        return None
    return {"afterInputs": {"html": Markup(f'<div class="govuk-{kind}__conditional app-follow-up">{html}</div>')}}
