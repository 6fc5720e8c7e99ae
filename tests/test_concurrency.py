"""Package data loads once and correctly when threads race to use it first.

Web servers call the library from many threads at once, often right after a
deploy, when nothing is cached yet. Each check starts a fresh interpreter (so
every cache is cold), releases 8 threads together through a barrier onto one
lazily loading entry point, and reports what each thread got and how many
times the package data files were opened (counted by wrapping
``importlib.resources.files``, which every loader goes through).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

THREADS = 8

RACE_SCRIPT = textwrap.dedent(
    """
    import importlib.resources
    import json
    import sys
    import threading

    opened = []
    real_files = importlib.resources.files

    def counting_files(package):
        opened.append(str(package))
        return real_files(package)

    importlib.resources.files = counting_files

    import attunement as at
    from attunement import _differentiation, _prompts, _scorer, _valence

    TEXT = "I feel hurt when you never listen, but thank you for trying."
    loaders = {
        "SELF_CHECK": lambda: at.SELF_CHECK,
        "self_check": _differentiation.self_check,
        "default_catalog": at.default_catalog,
        "default_referral_resources": at.default_referral_resources,
        "reflection_lexicon": lambda: _scorer._table(()),
        "score_reflection": lambda: at.score_reflection(TEXT),
        "vader_lexicon": _valence.vader_lexicon,
    }
    load = loaders[sys.argv[1]]
    barrier = threading.Barrier(int(sys.argv[2]))
    results = [None] * barrier.parties
    failures = []

    def worker(slot):
        barrier.wait()
        try:
            results[slot] = load()
        except BaseException as error:
            failures.append(type(error).__name__)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(barrier.parties)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fresh = load()
    print(json.dumps({
        "failures": failures,
        "distinct_objects": len({id(result) for result in results}),
        "all_equal": all(result == results[0] for result in results),
        "equal_to_a_later_call": results[0] == fresh,
        "opened": opened,
    }))
    """
)


def _race(loader: str) -> dict[str, object]:
    finished = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", RACE_SCRIPT, loader, str(THREADS)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report: dict[str, object] = json.loads(finished.stdout)
    return report


#: Loader -> package data reads one cold load needs (the lexicon reads its two
#: pattern files and VADER's word list).
EXPECTED_READS = {
    "SELF_CHECK": 1,
    "self_check": 1,
    "default_catalog": 1,
    "default_referral_resources": 1,
    "reflection_lexicon": 3,
    "score_reflection": 3,
    "vader_lexicon": 1,
}


# The lexicon's internal table has no equality; its users' results are compared instead.
@pytest.mark.parametrize("loader", sorted(set(EXPECTED_READS) - {"reflection_lexicon"}))
def test_racing_threads_all_get_the_same_correct_data(loader: str) -> None:
    report = _race(loader)
    assert report["failures"] == []
    assert report["all_equal"] is True
    assert report["equal_to_a_later_call"] is True


def _loads_once(loader: str) -> None:
    report = _race(loader)
    assert report["failures"] == []
    assert report["distinct_objects"] == 1
    assert len(report["opened"]) == EXPECTED_READS[loader]  # type: ignore[arg-type]


@pytest.mark.parametrize("loader", ["SELF_CHECK", "self_check"])
def test_the_self_check_is_read_once_and_shared(loader: str) -> None:
    _loads_once(loader)


# functools.cache would let threads that miss a cold cache together each run the
# loader: all 8 would read and parse the file and hold different (equal) objects,
# which wastes start-up and defeats caches keyed on object identity (the
# catalog's index). Every loader uses attunement._lazy.load_once instead.


def test_the_default_catalog_is_read_once_and_shared() -> None:
    _loads_once("default_catalog")


def test_the_referral_resources_are_read_once_and_shared() -> None:
    _loads_once("default_referral_resources")


def test_the_reflection_lexicon_is_built_once_and_shared() -> None:
    _loads_once("reflection_lexicon")


def test_the_vader_lexicon_is_read_once_and_shared() -> None:
    _loads_once("vader_lexicon")
