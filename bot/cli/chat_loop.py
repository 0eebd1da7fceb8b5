"""The `clusterbot chat` prompt loop: one question per line, slash commands, Ctrl-C clears the line."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from rich.console import Console

from clusterbot.bot.cli.render import answer_text
from clusterbot.bot.cli.terminal import show
from clusterbot.messages import msg
from clusterbot.models import Question
from clusterbot.terminal_text import for_terminal, json_for_terminal

PROMPT = "› "
MAX_TURNS = 100_000  # a bound on the loop; a person never gets near it


class ChatLoop:
    def __init__(self, assistant, console: Console) -> None:
        self.assistant = assistant
        self.console = console
        self.mode = assistant.settings.mode
        self.as_json = False
        self.thread = uuid.uuid4().hex[:12]
        self.hinted = False

    def run(self, read: Callable[[str], str]) -> None:
        """Ask `read` for lines until /quit or end of input. Ctrl-C while typing or answering drops that line."""
        self.console.print(msg("cli.chat_welcome"), style="bold")
        for _ in range(MAX_TURNS):
            try:
                line = read(PROMPT).strip()
                if line and self.handle(line) is False:
                    return
            except KeyboardInterrupt:
                self.console.print("^C" if self.hinted else msg("cli.chat_interrupted"), style="dim")
                self.hinted = True
            except EOFError:
                self.console.print()
                self.console.print(msg("cli.chat_bye"))
                return

    def handle(self, line: str) -> bool:
        """One input line; False ends the conversation."""
        if line.startswith("/"):
            return self.command(line)
        answer = self.assistant.answer(Question(text=line, channel="cli", thread=self.thread), mode=self.mode)
        if self.as_json:
            self.console.print(json_for_terminal(answer.contract_json()), markup=False, highlight=False)
        else:
            show(self.console, answer_text(answer))
        return True

    def command(self, line: str) -> bool:
        command, _, arg = line.partition(" ")
        arg = arg.strip()
        if command in ("/quit", "/exit", "/q"):
            self.console.print(msg("cli.chat_bye"))
            return False
        if command == "/reset":
            self.assistant.reset(Question(text="", channel="cli", thread=self.thread))
            self.console.print(msg("cli.chat_reset"))
        elif command == "/json":
            self.as_json = not self.as_json
            self.console.print(msg("cli.chat_json", state="on" if self.as_json else "off"))
        elif command == "/mode" and arg in ("offline", "llm"):
            if arg == "llm" and not self.assistant.settings.llm_configured:
                self.console.print(msg("cli.chat_mode_unavailable"))
            else:
                self.mode = arg
                self.console.print(msg("cli.chat_mode", mode=self.mode))
        else:
            self.console.print(for_terminal(msg("cli.chat_unknown", command=command)), markup=False)
        return True
