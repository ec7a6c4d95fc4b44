"""The command line that operators rely on (the brief's stable interfaces) is all there, with every documented
argument, option and choice, wherever the commands' code lives.

Commands added in the second wave are listed in the brief with their issues; they join this list when they are built.
"""

import click
import pytest

# (command words, positional arguments, {option: its choices, or None for any value or a flag})
DOCUMENTED = [
    ("demo-data", 0, {"--reports": None, "--seed": None}),
    (
        "users create",
        1,
        {"--role": ("volunteer", "centre_lead", "partnership", "admin"), "--centre": None, "--password-stdin": None},
    ),
    ("areas import", 1, {}),
    ("centres import", 1, {}),
    ("districts import", 1, {}),
    ("reports import", 1, {}),
    ("reports export", 0, {"--from": None, "--to": None, "--format": ("jsonl", "csv"), "--include-contact": None}),
    ("review counts", 0, {"--from": None, "--to": None, "--by": None, "--suppress": None}),
    ("review satisfaction", 0, {"--from": None, "--to": None, "--centre": None, "--kind": ("immediate", "follow-up")}),
    ("review pack", 0, {"--from": None, "--to": None, "--centre": None, "--out": None}),
    ("referrals pdf", 1, {"--to": ("police", "support"), "--out": None}),
    ("statistics publish", 0, {"--quarter": None}),
]


def _command(app, words: str) -> click.Command:
    with app.app_context():
        context = click.Context(app.cli)
        command = app.cli
        for word in words.split():
            command = command.get_command(context, word)
            assert command is not None, f"`flask {words}` is missing (no `{word}`)"
        return command


@pytest.mark.parametrize(("words", "arguments", "options"), DOCUMENTED, ids=[words for words, _, _ in DOCUMENTED])
def test_every_documented_command_answers_help(app, words, arguments, options):
    result = app.test_cli_runner().invoke(args=[*words.split(), "--help"])
    assert result.exit_code == 0, result.output
    for option in options:
        assert option in result.output, f"`flask {words} --help` does not mention {option}"


@pytest.mark.parametrize(("words", "arguments", "options"), DOCUMENTED, ids=[words for words, _, _ in DOCUMENTED])
def test_every_documented_argument_option_and_choice_exists(app, words, arguments, options):
    command = _command(app, words)
    assert len([param for param in command.params if isinstance(param, click.Argument)]) == arguments
    found = {opt: param for param in command.params if isinstance(param, click.Option) for opt in param.opts}
    for option, choices in options.items():
        assert option in found, f"`flask {words}` has no {option}"
        if choices is not None:
            assert tuple(found[option].type.choices) == choices, f"`flask {words} {option}` offers other choices"


def test_the_review_commands_stay_in_the_review_group(app):
    """`review satisfaction` lives with satisfaction's code, but its command stays under `review`."""
    with app.app_context():
        group = app.cli.get_command(click.Context(app.cli), "review")
        assert set(group.list_commands(click.Context(group))) >= {"counts", "satisfaction", "pack"}
        assert app.cli.get_command(click.Context(app.cli), "satisfaction") is None
