"""The package-data cache: one load per argument, shared by racing threads, bounded."""

from __future__ import annotations

import threading
import time

from attunement._lazy import load_once, load_once_bounded


def test_racing_threads_share_one_load() -> None:
    calls: list[int] = []

    @load_once
    def slow() -> list[int]:
        calls.append(1)
        time.sleep(0.05)  # long enough for every thread to arrive while it runs
        return [len(calls)]

    start = threading.Barrier(8)
    results: list[list[int]] = []

    def worker() -> None:
        start.wait()
        results.append(slow())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert len({id(result) for result in results}) == 1


def test_a_bounded_cache_drops_the_oldest_result() -> None:
    loads: list[str] = []

    @load_once_bounded(2)
    def load(key: str) -> str:
        loads.append(key)
        return key.upper()

    assert [load("a"), load("b"), load("a"), load("c"), load("a")] == ["A", "B", "A", "C", "A"]
    # "a" was dropped when "c" arrived (oldest first), so it loaded again.
    assert loads == ["a", "b", "c", "a"]
    assert len(load.cache) == 2


def test_the_wrapper_keeps_the_loaders_name_and_docs() -> None:
    @load_once
    def named() -> int:
        """Docs."""
        return 1

    assert (getattr(named, "__name__", None), named.__doc__, named()) == ("named", "Docs.", 1)
