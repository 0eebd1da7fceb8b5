"""The fast path's burst hand-off alone, on a fake clock: when held questions reach the worker pool.

The event loop itself runs on the fake clock (its timers fall due when the test moves the clock), so
no real time passes and a loaded machine cannot reorder a timer and a step.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from clusterbot.bot.slack.fastpath import Handoff


class _Bot:
    def __init__(self) -> None:
        self.closed = False
        self.accepted: list[tuple[str, float]] = []


class _Clock:
    """The hand-off decides on this clock; the loop's timers only make it look again."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _FakeTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock is the test's: call_later falls due when the test moves the clock."""

    def __init__(self, clock: _Clock) -> None:
        super().__init__()
        self._fake_clock = clock

    def time(self) -> float:
        return self._fake_clock()


async def _let_due_timers_run() -> None:
    for _ in range(3):  # a due timer runs in the loop iteration after the one that finds it due
        await asyncio.sleep(0)


def _play(clock: _Clock, scenario) -> None:
    loop = _FakeTimeLoop(clock)
    try:
        loop.run_until_complete(scenario())
    finally:
        loop.close()


def _run(steps) -> tuple[_Bot, list[tuple[str, float]]]:
    """Drive a Handoff through (fake time, key or None) steps; a None step only lets its timers run."""
    bot, clock = _Bot(), _Clock()
    bot.accept = lambda inbound: bot.accepted.append((inbound.key, clock.now))

    async def scenario():
        handoff = Handoff(bot)  # the loop's clock, which is the fake one
        for at, key in steps:
            clock.now = at
            if key is not None:
                handoff.add(SimpleNamespace(key=key))
            await _let_due_timers_run()

    _play(clock, scenario)
    return bot, bot.accepted


def test_handoff_waits_for_a_quiet_moment_and_keeps_the_order():
    gap = Handoff.QUIET_S / 4  # a burst: events closer together than the quiet gap
    burst = [(n * gap, f"k{n}") for n in range(5)]
    last = burst[-1][0]
    _, accepted = _run([*burst, (last + Handoff.QUIET_S / 2, None), (last + Handoff.QUIET_S, None)])
    assert [key for key, _ in accepted] == ["k0", "k1", "k2", "k3", "k4"]
    # Nothing while the burst went on; all together once QUIET_S passed without an event.
    assert {at for _, at in accepted} == {last + Handoff.QUIET_S}


def test_handoff_never_holds_longer_than_its_bound_under_a_steady_stream():
    gap = Handoff.QUIET_S / 2  # never quiet for QUIET_S
    count = int(2.2 * Handoff.MAX_HOLD_S / gap)
    _, accepted = _run([*((n * gap, f"k{n}") for n in range(count)), (count * gap + 1.0, None)])
    assert [key for key, _ in accepted] == [f"k{n}" for n in range(count)]
    assert dict(accepted)["k0"] <= Handoff.MAX_HOLD_S + gap  # the oldest waited at most the bound
    assert len({at for _, at in accepted}) >= 3  # several rounds while the stream went on


def test_handoff_leaves_work_pending_when_the_bot_is_closing():
    bot, clock = _Bot(), _Clock()
    bot.accept = lambda inbound: bot.accepted.append((inbound.key, clock.now))

    async def scenario():
        handoff = Handoff(bot)
        handoff.add(SimpleNamespace(key="k0"))
        bot.closed = True
        clock.now = 1.0
        await _let_due_timers_run()
        assert handoff._timer is None  # the hand-off ran (and found the bot closing)

    _play(clock, scenario)
    assert bot.accepted == []
