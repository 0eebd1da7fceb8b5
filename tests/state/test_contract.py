"""The state-store contract, run against SQLite and a real PostgreSQL server.

Several stores on one database stand for several workers (each with its own worker id); threads
make their calls overlap for real. Times come from a fake clock wherever a window or lease matters.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from clusterbot.models import Answer, Citation, Question


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _together(n: int, fn) -> list:
    """Run fn(i) for i < n on n threads released at once; the results in order."""
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait(timeout=30)
        return fn(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def _exchange(store, text="数字化改造谁牵头？", user="U1"):
    question = Question(text=text, channel="slack", user=user, thread="C1:1")
    answer = Answer(question=text, answer="省工业和信息化厅牵头。", status="answered",
                    citations=[Citation(doc_id="policy", doc_title="指导意见", clause_id="3.2.1", label="三（二）1", quote="…")])
    return store.log_exchange(question, answer, data_vintage="demo-2024")


def test_a_claim_is_granted_once_even_to_workers_claiming_together(make_store):
    workers = [make_store(worker_id=f"w{i}") for i in range(2)]
    granted = _together(8, lambda i: workers[i % 2].claim("slack:msg:C1:1.1", "slack", {"text": "问"}))
    assert granted.count(True) == 1
    assert workers[0].delivery_status("slack:msg:C1:1.1") == "pending"
    assert not workers[1].claim("slack:msg:C1:1.1", "slack")


def test_claim_all_is_one_transaction_that_stops_at_the_first_key_seen(make_store):
    store = make_store()
    assert store.claim_all([("slack:event:E1", None, "done"), ("slack:msg:C1:1", {"t": 1}, "pending")], "slack")
    # The same message through another event type: refused, and the new event key after it is not recorded.
    assert not store.claim_all([("slack:msg:C1:1", {"t": 1}, "pending"), ("slack:event:E2", None, "done")], "slack")
    assert store.delivery_status("slack:event:E2") is None
    assert store.delivery_status("slack:event:E1") == "done"


def test_a_dedupe_key_can_be_claimed_again_after_its_ttl(make_store):
    clock = Clock()
    store = make_store(clock=clock)
    assert store.claim("wecom:msg:1", "wecom", ttl_s=600)
    clock.now += 599
    assert not store.claim("wecom:msg:1", "wecom", ttl_s=600)
    clock.now += 2
    assert store.claim("wecom:msg:1", "wecom", ttl_s=600)


def test_only_the_lease_holder_resumes_until_the_lease_expires_then_exactly_one_worker_does(make_store):
    clock = Clock()
    a = make_store(clock=clock, worker_id="a", lease_s=30)
    others = [make_store(clock=clock, worker_id=f"b{i}", lease_s=30) for i in range(6)]
    for n in range(5):
        assert a.claim(f"slack:msg:C1:{n}", "slack", {"n": n})
    assert others[0].pending_deliveries("slack") == []  # a is alive (its lease runs)
    clock.now += 31  # a died: nobody renewed its leases
    taken = _together(6, lambda i: others[i].pending_deliveries("slack"))
    keys = [key for batch in taken for key, _payload in batch]
    assert sorted(keys) == [f"slack:msg:C1:{n}" for n in range(5)]  # each once, none twice
    assert {payload["n"] for batch in taken for _key, payload in batch} == set(range(5))


def test_a_restarted_worker_resumes_its_own_pending_work_at_once(make_store):
    clock = Clock()
    before = make_store(clock=clock, worker_id="host:data")
    assert before.claim("wecom:msg:7", "wecom", {"m": 7})
    before.mark_delivery("wecom:msg:7", "sending")
    assert before.claim("wecom:msg:8", "wecom", {"m": 8})
    stranger = make_store(clock=clock, worker_id="other")
    after = make_store(clock=clock, worker_id="host:data")  # the same worker, started again
    assert stranger.pending_deliveries("wecom") == [] and stranger.pending_deliveries("wecom", "sending") == []
    assert after.pending_deliveries("wecom", "sending") == [("wecom:msg:7", {"m": 7})]
    assert after.pending_deliveries("wecom") == [("wecom:msg:8", {"m": 8})]
    assert after.count_pending("wecom") == 1


def test_finished_work_is_never_resumed(make_store):
    clock = Clock()
    a = make_store(clock=clock, worker_id="a", lease_s=5)
    b = make_store(clock=clock, worker_id="b", lease_s=5)
    a.claim("k1", "slack", {"x": 1})
    a.claim("k2", "slack", {"x": 2})
    a.mark_delivery("k1", "done")
    a.mark_delivery("k2", "failed")
    clock.now += 60
    assert b.pending_deliveries("slack") == [] and b.count_pending("slack") == 0


def test_note_delivery_adds_to_the_payload(make_store):
    store = make_store()
    store.claim("slack:msg:C1:2", "slack", {"text": "问", "odd": "\ud800 and \x00"})
    store.note_delivery("slack:msg:C1:2", interim_ts="1700000000.000100")
    store.note_delivery("missing", interim_ts="1")  # nothing to add to: no error, nothing written
    [(key, payload)] = make_store().pending_deliveries("slack")  # as the worker finds it after a restart
    assert key == "slack:msg:C1:2" and payload["interim_ts"] == "1700000000.000100" and payload["text"] == "问"
    assert store.delivery_status("missing") is None


def test_concurrent_turns_of_one_conversation_lose_no_update(make_store):
    workers = [make_store(worker_id=f"w{i}") for i in range(2)]

    def turn(i):
        with workers[i % 2].conversation_turn("slack:C1:1") as t:
            state = t.state or {"turns": 0, "asked": []}
            time.sleep(0.005)  # widen the window in which a lost update would happen
            t.state = {"turns": state["turns"] + 1, "asked": [*state["asked"], i]}

    _together(10, turn)
    final = workers[0].load_conversation("slack:C1:1")
    assert final is not None and final["turns"] == 10 and sorted(final["asked"]) == list(range(10))


def test_a_failed_turn_saves_nothing_and_reset_forgets(make_store):
    store = make_store()
    store.save_conversation("k", {"turns": 1})
    with pytest.raises(RuntimeError), store.conversation_turn("k") as t:
        t.state = {"turns": 99}
        raise RuntimeError("the engine failed")
    assert store.load_conversation("k") == {"turns": 1}
    store.reset_conversation("k")
    assert store.load_conversation("k") is None


def test_rate_limit_windows_are_shared_by_all_workers(make_store):
    clock = Clock()
    workers = [make_store(clock=clock, worker_id=f"w{i}") for i in range(2)]
    allowed = _together(12, lambda i: workers[i % 2].allow("slack:user:T1:U1", 5, 60))
    assert allowed.count(True) == 5
    assert workers[0].allow("slack:user:T1:U2", 5, 60)  # another bucket is counted apart
    clock.now += 61
    assert workers[1].allow("slack:user:T1:U1", 5, 60)


def test_one_feedback_vote_per_user_and_exchange(make_store):
    store = make_store()
    exchange = _exchange(store)
    store.add_feedback(exchange, "U2", "up")
    store.add_feedback(exchange, "U2", "up")
    store.add_feedback(exchange, "U2", "down")
    store.add_feedback(exchange, "U3", "up")
    votes = sorted((f["rater"], f["value"]) for f in store.feedback())
    assert votes == [("U2", "down"), ("U3", "up")]
    assert [f["rater"] for f in store.feedback(value="up")] == ["U3"]


def test_the_audit_log_keeps_every_exchange_with_its_citations(make_store):
    workers = [make_store(worker_id=f"w{i}") for i in range(2)]
    ids = _together(6, lambda i: _exchange(workers[i % 2], text=f"问题{i}"))
    assert len(set(ids)) == 6
    rows = workers[0].tail(10)
    assert sorted(r["question"] for r in rows) == [f"问题{i}" for i in range(6)]
    assert rows[0]["citations"][0]["clause_id"] == "3.2.1" and rows[0]["data_vintage"] == "demo-2024"
    workers[1].set_message_ref(ids[0], "C1:1700000000.000200")
    found = workers[0].exchange_by_ref("C1:1700000000.000200")
    assert found is not None and found["id"] == ids[0]
    assert workers[0].tail(0) == []


def test_dedupe_keys_expire_after_a_day_and_exchanges_after_the_retention(make_store):
    clock = Clock()
    store = make_store(clock=clock, retention_s=30 * 86400)
    assert store.claim("slack:event:E1", "slack")
    exchange = _exchange(store)
    store.add_feedback(exchange, "U2", "up")
    store.save_conversation("slack:C1:1", {"turns": 1})
    clock.now += 23 * 3600
    store.prune()
    assert not store.claim("slack:event:E1", "slack")  # a retry within the day is still recognised
    clock.now += 2 * 3600
    store.prune()
    assert store.delivery_status("slack:event:E1") is None and len(store.tail()) == 1
    clock.now += 31 * 86400
    store.prune()
    assert store.tail() == [] and store.feedback() == [] and store.load_conversation("slack:C1:1") is None


def test_migrations_run_once_however_many_workers_start_together(make_store, backend):
    if backend == "sqlite":  # one process owns the file: its stores open one after another
        stores = [make_store(worker_id=f"w{i}") for i in range(3)]
    else:
        stores = _together(3, lambda i: make_store(worker_id=f"w{i}"))
    assert {s.schema_version() for s in stores} == {stores[0].latest_version()}
    assert stores[0].latest_version() >= 3
    assert stores[0].health() is None


def test_a_live_worker_renews_the_leases_of_its_work_so_nobody_takes_it_over(pg_url):
    """Shared backends only: the worker answering keeps its leases alive; one that died does not."""
    from clusterbot.state_postgres import PostgresStateStore

    clock = Clock()
    alive = PostgresStateStore(pg_url, clock=clock, worker_id="alive", lease_s=30)
    other = PostgresStateStore(pg_url, clock=clock, worker_id="other", lease_s=30)
    try:
        assert alive.claim("slack:msg:C1:9", "slack", {"n": 9})
        assert alive.pending_deliveries("slack") == []  # in progress here: not handed out again
        clock.now += 25
        assert alive.renew_leases() == 1
        clock.now += 25  # past the first lease, within the renewed one
        assert other.pending_deliveries("slack") == []
        alive.mark_delivery("slack:msg:C1:9", "done")
        assert alive.held_keys() == [] and alive.renew_leases() == 0
    finally:
        alive.close()
        other.close()
