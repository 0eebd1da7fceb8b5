"""Everything the CLI prints passes here, so user-derived text (arguments, file names, doc ids, questions,
retrieved policy text) never reaches the terminal as control or bidi characters."""

from __future__ import annotations

import click

from clusterbot.terminal_text import for_terminal, json_for_terminal


def echo(text: object = "", err: bool = False) -> None:
    click.echo(for_terminal(str(text)), err=err)


def echo_json(text: str) -> None:
    click.echo(json_for_terminal(text))
