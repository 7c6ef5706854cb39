"""The per-channel pacer: coalesced edits, even spacing, newest state after failures."""

from __future__ import annotations

import asyncio
import itertools

from bot.pacing import ChannelPacer


def fast_pacer(**overrides: float) -> ChannelPacer:
    options = {
        "per_window": 5,
        "window": 0.5,
        "spacing": 0.1,
        "edit_interval": 0.1,
        "debounce": 0.0,
        "retry_delay": 0.05,
    }
    options.update(overrides)
    return ChannelPacer(**options)  # type: ignore[arg-type]


async def test_a_burst_of_edit_requests_coalesces_to_the_newest_state() -> None:
    pacer = fast_pacer()
    state = {"count": 0}
    shown: list[int] = []

    async def render() -> None:
        shown.append(state["count"])

    for _ in range(100):  # all at once: the worker only runs after the last one
        state["count"] += 1
        pacer.schedule_edit(1, "counter", render)
    await pacer.flush()
    await pacer.close()
    assert shown == [100]


async def test_edit_requests_over_time_get_at_most_one_edit_per_interval() -> None:
    pacer = fast_pacer()
    loop = asyncio.get_running_loop()
    state = {"count": 0}
    shown: list[int] = []

    async def render() -> None:
        shown.append(state["count"])

    start = loop.time()
    for _ in range(100):
        state["count"] += 1
        pacer.schedule_edit(1, "counter", render)
        await asyncio.sleep(0.002)
    await pacer.flush()
    elapsed = loop.time() - start
    await pacer.close()
    assert shown[-1] == 100, "the last edit must show the final state"
    assert shown == sorted(shown)
    # However long the requests took on this machine, edits came at most once an interval.
    assert len(shown) <= 1 + elapsed / pacer.edit_interval, (len(shown), elapsed)


async def test_operations_in_one_channel_are_spaced_and_windowed() -> None:
    pacer = fast_pacer(spacing=0.2, per_window=3, window=1.0)
    loop = asyncio.get_running_loop()
    times: list[float] = []

    async def post() -> None:
        times.append(loop.time())

    await asyncio.gather(*(pacer.send(7, post) for _ in range(6)))
    await pacer.close()
    # Margins: each time is taken just after the pacer's own, and this process can be
    # descheduled in between.
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= 0.15 for gap in gaps), gaps
    for i in range(len(times) - 3):
        assert times[i + 3] - times[i] >= 1.0 - 0.05, "more than 3 operations in one window"


async def test_a_slow_operation_counts_from_when_it_finished() -> None:
    # Discord counts a send when it arrives: that can be late in a slow send, never after
    # it finished. So the window runs from the finish, or the 3rd here could land within
    # 0.5 s of the 1st.
    pacer = fast_pacer(spacing=0.05, per_window=2, window=0.5)
    loop = asyncio.get_running_loop()
    runs: list[tuple[float, float]] = []

    async def slow_post() -> None:
        started = loop.time()
        await asyncio.sleep(0.2)
        runs.append((started, loop.time()))

    await asyncio.gather(*(pacer.send(7, slow_post) for _ in range(4)))
    await pacer.close()
    for (_, first_end), (next_start, _) in itertools.pairwise(runs):
        assert next_start >= first_end + 0.05, "spacing counts from the finish too"
    for (_, end), (start, _) in zip(runs, runs[2:], strict=False):
        assert start >= end + 0.5, "more than 2 operations arrived within one window"


async def test_channels_do_not_share_a_budget() -> None:
    pacer = fast_pacer(spacing=10.0)
    done: list[int] = []

    async def post(channel: int) -> None:
        done.append(channel)

    # One shared budget would space these 10 s apart and run into the timeout.
    async with asyncio.timeout(5):
        await asyncio.gather(*(pacer.send(c, lambda c=c: post(c)) for c in range(10)))
    await pacer.close()
    assert sorted(done) == list(range(10))


async def test_a_failed_edit_is_retried_with_the_newest_state() -> None:
    pacer = fast_pacer()
    state = {"count": 1}
    shown: list[int] = []
    failures = {"left": 2}

    async def render() -> None:
        if failures["left"]:
            failures["left"] -= 1
            state["count"] += 1  # the world moves on while Discord is failing
            raise RuntimeError("502 Bad Gateway")
        shown.append(state["count"])

    pacer.schedule_edit(1, "announcement", render)
    await pacer.flush(timeout=5)
    await pacer.close()
    assert shown == [3]


async def test_close_stops_scheduled_work() -> None:
    pacer = fast_pacer(edit_interval=10)
    calls: list[int] = []

    async def render() -> None:
        calls.append(1)

    pacer.schedule_edit(1, "k", render)
    await asyncio.sleep(0.01)
    pacer.schedule_edit(1, "k", render)  # waits for the 10 s edit interval
    await pacer.close()
    assert calls == [1]
    pacer.schedule_edit(1, "k", render)  # ignored once closed
    await asyncio.sleep(0.05)
    assert calls == [1]
    assert not pacer.busy()


async def test_the_first_edit_of_a_burst_waits_for_the_debounce() -> None:
    pacer = fast_pacer(debounce=0.2, edit_interval=1.0)
    loop = asyncio.get_running_loop()
    state = {"count": 0}
    shown: list[tuple[int, float]] = []

    async def render() -> None:
        shown.append((state["count"], loop.time()))

    start = loop.time()
    for _ in range(20):  # a burst inside the debounce window
        state["count"] += 1
        pacer.schedule_edit(1, "meet", render)
        await asyncio.sleep(0)  # the worker runs in between, and must wait
    await pacer.flush()
    await pacer.close()
    assert [count for count, _ in shown] == [20], "one render, showing the whole burst"
    assert shown[0][1] - start >= 0.2 - 0.01


async def test_an_urgent_send_goes_first_while_edits_use_the_rest_of_the_window() -> None:
    pacer = fast_pacer(per_window=5, window=1.0, spacing=0.0, edit_interval=0.0)
    pacer.hold_slot(3, "record")
    loop = asyncio.get_running_loop()
    routine: list[float] = []

    async def edit() -> None:
        routine.append(loop.time())

    for _ in range(5):
        await pacer.send(3, edit)
    # Four routine sends fit in the window; the fifth slot is kept back.
    assert routine[4] - routine[0] >= 1.0 - 0.01, "routine traffic used the reserved slot"
    for _ in range(3):
        await pacer.send(3, edit)  # the window is full of routine traffic again

    waiting = asyncio.ensure_future(pacer.send(3, edit))
    await asyncio.sleep(0.05)
    assert not waiting.done(), "routine traffic should wait for the window"
    urgent_at: list[float] = []
    asked = loop.time()

    async def announce() -> None:
        urgent_at.append(loop.time())

    await pacer.send_urgent(3, announce)
    assert urgent_at[0] >= asked
    assert not waiting.done(), "the urgent send waited behind routine traffic"
    await waiting
    await pacer.close()


async def test_without_a_hold_routine_traffic_uses_the_whole_window() -> None:
    pacer = fast_pacer(per_window=5, window=60.0, spacing=0.0, edit_interval=0.0)
    pacer.hold_slot(3, "record")
    pacer.hold_slot(3, "record", False)

    async def edit() -> None:
        pass

    # A slot still held back would make the fifth send wait out the 60 s window.
    async with asyncio.timeout(10):
        for _ in range(5):
            await pacer.send(3, edit)
    await pacer.close()


async def test_news_no_longer_wanted_at_its_turn_is_not_sent_and_spends_no_slot() -> None:
    # Spacing long enough that a spent slot would push the next send past the timeout.
    pacer = fast_pacer(spacing=10.0)
    sent: list[str] = []

    async def post(what: str) -> str:
        sent.append(what)
        return what

    async with asyncio.timeout(5):
        skipped = await pacer.send_if(7, lambda: False, lambda: post("stale milestone"))
        first = await pacer.send_if(7, lambda: True, lambda: post("newest milestone"))
    await pacer.close()
    assert skipped is None
    assert first == "newest milestone"
    assert sent == ["newest milestone"]
