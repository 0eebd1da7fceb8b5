"""One user-facing error type; boundaries (CLI, bots) print its message and nothing else."""

from __future__ import annotations


class ClusterbotError(Exception):
    """An error whose message an official can read: one line, Chinese, says what to do next."""

    exit_code = 1

    def __init__(self, key: str, lang: str = "zh", **values: object) -> None:
        from clusterbot.messages import msg

        self.key = key
        self.values = values
        super().__init__(msg(key, lang=lang, **values))

    @property
    def message(self) -> str:
        return str(self)


class ConfigError(ClusterbotError):
    exit_code = 2


class InputError(ClusterbotError):
    exit_code = 2


class DataError(ClusterbotError):
    exit_code = 3
