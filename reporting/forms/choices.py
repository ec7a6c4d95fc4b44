"""Options for choice fields: from (code, label) pairs or a vocabulary, and back to pairs and codes."""

from wtforms.fields.choices import SelectChoice

from ..labels import LABELS


def options(pairs) -> list[SelectChoice]:
    """Choices for a field from (code, label) pairs; labels may be lazy, translated when shown."""
    return [SelectChoice(value=code, label=label) for code, label in pairs]


def vocabulary_options(kind: str) -> list[SelectChoice]:
    """Choices for a field from one of the vocabularies in `labels.LABELS`."""
    return options(LABELS[kind].items())


def choice_pairs(field) -> list[tuple[str, object]]:
    """The field's choices as (code, label) pairs."""
    return [(choice.value, choice.label) if isinstance(choice, SelectChoice) else tuple(choice)[:2]
            for choice in field.choices or []]  # fmt: skip


def codes(field) -> set[str]:
    """The codes a field offers, as text."""
    return {str(value) for value, _label in choice_pairs(field)}
