"""Numbered progress steps on stderr for long commands (`brief`, `serve` warm-up), with the total time."""

from __future__ import annotations

import time

from clusterbot.bot.cli.output import echo
from clusterbot.messages import msg


class Steps:
    def __init__(self) -> None:
        self.count = 0
        self.started = time.perf_counter()

    def __call__(self, line: str) -> None:
        self.count += 1
        echo(msg("cli.step", n=self.count, text=line), err=True)

    def done(self) -> None:
        seconds = time.perf_counter() - self.started
        echo(msg("cli.steps_done", seconds=f"{seconds:.1f}"), err=True)
