"""Run `clusterbot` in a pseudo-terminal, as a person would, and read what it draws."""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time

from tests.paths import REPO_ROOT


def _controlling_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty, so Ctrl-C sends SIGINT."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class TerminalSession:
    """A `clusterbot` child process whose stdin, stdout and stderr are one pty of the given size."""

    def __init__(self, *args: str, columns: int = 100, rows: int = 40) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), TERM="xterm-256color", COLUMNS=str(columns))
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen([sys.executable, "-m", "clusterbot.bot.cli.main", *args], stdin=slave,
                                        stdout=slave, stderr=slave, env=env, close_fds=True,
                                        preexec_fn=_controlling_terminal)
        os.close(slave)
        self.output = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")  # chunks may split a character

    def read_until(self, text: str, timeout: float = 60.0, count: int = 1) -> str:
        """Everything drawn so far once `text` has appeared `count` times; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while self.output.count(text) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} did not appear; the terminal shows:\n{self.output}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child closed the pty
                    chunk = b""
                if not chunk and self.process.poll() is not None:
                    raise AssertionError(f"{text!r} did not appear before exit; the terminal shows:\n{self.output}")
                self.output += self._decoder.decode(chunk)
        return self.output

    def settle(self, quiet_s: float = 0.3, limit_s: float = 10.0) -> None:
        """Wait until the child has drawn nothing for `quiet_s` (at most `limit_s`): it waits at the prompt."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], quiet_s)
            if not ready:
                return
            try:
                self.output += self._decoder.decode(os.read(self.master, 65536))
            except OSError:
                return

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def wait(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:  # drain so the child never blocks
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.output += self._decoder.decode(os.read(self.master, 65536))
                except OSError:
                    break
        return self.process.wait(timeout=max(deadline - time.monotonic(), 0.1))

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        os.close(self.master)
