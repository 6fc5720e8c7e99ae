"""The size limits the library accepts, and the error each one raises beyond.

Each limit is documented in ``docs/explanation/limits.md``; the numbers are
written out here rather than imported, so that changing a limit in the code
without changing the documented behaviour fails a test. Where the library sets
no limit (history length, catalog size, reflection length), a test shows that
a large input is still handled; where a missing limit lets one input take
unbounded time or fail with the wrong error, an ``xfail(strict=True)`` test
pins the problem until its module's owner fixes it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import pytest

import attunement as at

DAY = dt.date(2026, 1, 5)
TEXT_LIMIT = 10_000
ID_LIMIT = 64
WINDOW_LIMIT = 5200


def _checkin(**changes: Any) -> at.CheckIn:
    fields: dict[str, Any] = {
        "partner_id": "alex",
        "on": DAY,
        "closeness": 4,
        "felt_heard": 3,
        "stress": 2,
    }
    return at.CheckIn(**(fields | changes))


def _refused(build: Callable[[], object]) -> at.ValidationError:
    with pytest.raises(at.ValidationError) as caught:
        build()
    return caught.value


# ------------------------------------------------------------ text length


@pytest.mark.parametrize("field", ["reflection", "appreciation"])
def test_checkin_text_holds_up_to_10000_characters(field: str) -> None:
    longest = "é" * TEXT_LIMIT  # characters, not bytes: this is 20,000 UTF-8 bytes
    assert getattr(_checkin(**{field: longest}), field) == longest
    error = _refused(lambda: _checkin(**{field: longest + "é"}))
    assert (error.field, error.reason) == (field, "must be at most 10000 characters")


@pytest.mark.parametrize("field", ["reflection", "appreciation"])
def test_a_stored_checkin_with_longer_text_is_refused_with_its_path(field: str) -> None:
    document = at.to_json(_checkin()).replace(
        f'"{field}":null'.encode(), f'"{field}":"{"x" * (TEXT_LIMIT + 1)}"'.encode()
    )
    error = _refused(lambda: at.from_json(document, at.CheckIn))
    assert error.path == f"$.data.{field}"


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda text: at.Partner(id="alex", name=text), "name"),
        (
            lambda text: at.Goal(
                id="g",
                title=text,
                practice=at.Practice.CHECK_IN,
                cadence=at.Cadence(times=1, per=at.Period.WEEK),
                starts=DAY,
            ),
            "title",
        ),
        (
            lambda text: at.Prompt(id="p", text=text, theme=at.Theme.PLAY, depth=1),
            "text",
        ),
        (
            lambda text: at.Item(id="i", text=text, subscale=at.Subscale.I_POSITION),
            "text",
        ),
    ],
)
def test_names_titles_and_item_texts_hold_up_to_10000_characters(
    build: Callable[[str], object], field: str
) -> None:
    assert build("a" * TEXT_LIMIT)
    error = _refused(lambda: build("a" * (TEXT_LIMIT + 1)))
    assert (error.field, error.reason) == (field, "must be at most 10000 characters")


def test_score_reflection_takes_any_length() -> None:
    # No limit: apps may score long journals. 1 MB of one character, and of
    # words, both finish (in linear time, see the hostile-input tests).
    assert at.score_reflection("a" * 1_000_000).words == 1
    assert at.score_reflection("we talk. " * 120_000).words == 240_000


# -------------------------------------------------------------- identifiers


def test_ids_hold_up_to_64_characters() -> None:
    assert at.Partner(id="a" * ID_LIMIT, name="Alex").id == "a" * ID_LIMIT
    error = _refused(lambda: at.Partner(id="a" * (ID_LIMIT + 1), name="Alex"))
    assert (error.field, error.reason) == ("id", "must be at most 64 characters")


def test_partner_view_viewer_is_an_id_too() -> None:
    error = _refused(lambda: at.partner_view([], viewer="v" * (ID_LIMIT + 1)))
    assert error.field == "viewer"


# ---------------------------------------------------------------- windows


@pytest.mark.parametrize("window", [1, WINDOW_LIMIT])
def test_assessment_windows_run_from_1_to_5200_weeks(window: int) -> None:
    result = at.assess_distance([_checkin()], as_of=DAY, window_weeks=window)
    assert len(result.weekly) == window


@pytest.mark.parametrize("window", [0, -1, WINDOW_LIMIT + 1])
def test_assessment_windows_outside_the_range_are_refused(window: int) -> None:
    error = _refused(lambda: at.assess_distance([], as_of=DAY, window_weeks=window))
    assert (error.field, error.reason) == ("window_weeks", "must be an integer from 1 to 5200")


@pytest.mark.parametrize("window", [0, WINDOW_LIMIT + 1])
def test_batch_assessment_windows_share_the_range(window: int) -> None:
    table: dict[str, list[Any]] = {
        "couple_id": [],
        "partner_id": [],
        "on": [],
        "closeness": [],
        "felt_heard": [],
        "stress": [],
        "signs": [],
    }
    error = _refused(lambda: at.assess_couples(table, as_of=DAY, window_weeks=window))
    assert error.field == "window_weeks"


def test_a_window_reaching_before_year_1_is_refused_cleanly() -> None:
    error = _refused(
        lambda: at.assess_distance([], as_of=dt.date(1, 1, 10), window_weeks=WINDOW_LIMIT)
    )
    assert error.field == "window_weeks"
    assert "year 1" in error.reason
    # The earliest window that fits is accepted: 0001-01-01 is a Monday.
    assert at.assess_distance([], as_of=dt.date(1, 1, 14), window_weeks=2).weeks_observed == 0


def test_a_couple_is_at_most_two_partners() -> None:
    checkins = [_checkin(partner_id=name) for name in ("alex", "sam", "kim")]
    error = _refused(lambda: at.assess_distance(checkins, as_of=DAY))
    assert "at most two partners" in error.reason


# ------------------------------------------------ history and catalog size


def test_history_length_is_unbounded_and_handled() -> None:
    # No limit: a long-lived couple's 100,000 prompt uses still pick promptly.
    catalog = at.default_catalog()
    history = [
        at.PromptUse(prompt_id=catalog.prompts[n % len(catalog.prompts)].id, on=DAY)
        for n in range(100_000)
    ]
    pick = at.pick_prompt(catalog, today=DAY + dt.timedelta(days=1), history=history)
    assert isinstance(pick, at.Pick)


def test_checkin_history_length_is_unbounded_and_handled() -> None:
    checkins = [
        _checkin(partner_id=("alex", "sam")[n % 2], on=DAY - dt.timedelta(days=n % 3000))
        for n in range(50_000)
    ]
    result = at.assess_distance(checkins, as_of=DAY, window_weeks=WINDOW_LIMIT)
    assert result.weeks_observed > 0


def test_a_catalog_needs_at_least_one_prompt_and_has_no_maximum() -> None:
    error = _refused(lambda: at.PromptCatalog(prompts=()))
    assert error.field == "prompts"
    prompts = tuple(
        at.Prompt(id=f"p{n}", text=f"Question {n}?", theme=at.Theme.PLAY, depth=1)
        for n in range(20_000)
    )
    pick = at.pick_prompt(at.PromptCatalog(prompts=prompts), today=DAY)
    assert isinstance(pick, at.Pick)


def test_pick_prompts_k_is_positive_and_capped_by_the_catalog() -> None:
    error = _refused(lambda: at.pick_prompts(at.default_catalog(), k=0, today=DAY))
    assert error.field == "k"
    picks = at.pick_prompts(at.default_catalog(), k=10**9, today=DAY)
    assert isinstance(picks, tuple)
    assert 0 < len(picks) <= len(at.default_catalog().prompts)


# ---------------------------------------------------------- other ranges


@pytest.mark.parametrize(("times", "ok"), [(1, True), (100, True), (0, False), (101, False)])
def test_a_cadence_is_1_to_100_times_per_period(times: int, *, ok: bool) -> None:
    if ok:
        assert at.Cadence(times=times, per=at.Period.DAY).times == times
    else:
        error = _refused(lambda: at.Cadence(times=times, per=at.Period.DAY))
        assert (error.field, error.reason) == ("times", "must be an integer from 1 to 100")


def test_an_instrument_scale_spans_at_most_100_points() -> None:
    items = tuple(
        at.Item(id=f"{subscale.value}-{n}", text="An item", subscale=subscale)
        for subscale in at.Subscale
        for n in range(2)
    )
    assert at.Instrument(id="i", name="I", items=items, low=0, high=100).high == 100
    error = _refused(lambda: at.Instrument(id="i", name="I", items=items, low=0, high=101))
    assert error.field == "high"


def test_documents_nest_at_most_1024_levels_deep() -> None:
    # The JSON parser's own recursion limit, reported as a ValidationError.
    deep = b'{"schema_version":2,"data":' + b"[" * 2000 + b"]" * 2000 + b"}"
    error = _refused(lambda: at.from_json(deep, at.CheckIn))
    assert error.reason.startswith("is not valid UTF-8 JSON")


@pytest.mark.parametrize("version", [0, 3])
def test_schema_versions_run_from_1_to_the_current_one(version: int) -> None:
    document = at.to_json(_checkin()).replace(
        b'"schema_version":2', f'"schema_version":{version}'.encode()
    )
    error = _refused(lambda: at.from_json(document, at.CheckIn))
    assert error.field == "schema_version"


# A phrase like "{a|b} {a|b} ... {a|b}" with 40 groups stands for 2**40 word
# sequences, and ReflectionLexicon expands all of them while validating.
# The child caps its own memory, so the failure is a quick MemoryError rather
# than a machine brought to a halt.
LEXICON_BLOWUP = textwrap.dedent(
    """
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    import attunement as at
    try:
        at.ReflectionLexicon().extend(at.Dimension.EMPATHY, ["{a|b} " * 40])
    except at.ValidationError as error:
        print(error.field)
    """
)


def test_a_lexicon_phrase_with_too_many_alternatives_is_refused() -> None:
    finished = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", LEXICON_BLOWUP],
        capture_output=True,
        text=True,
        timeout=3,
        check=False,
    )
    assert finished.stdout.strip() == "additions"


def test_lexicon_phrase_limits_are_exact() -> None:
    lexicon = at.ReflectionLexicon()
    eight = "{a|b} " * 8  # 2**8 = 256 sequences: the most allowed
    assert len(lexicon.extend(at.Dimension.EMPATHY, [eight]).additions) == 1
    for too_much in ("{a|b} " * 9, "word " * 41):
        phrases = [too_much]
        error = _refused(lambda: lexicon.extend(at.Dimension.EMPATHY, phrases))  # noqa: B023
        assert error.path == "$.additions[0]"
    error = _refused(lambda: lexicon.extend(at.Dimension.EMPATHY, ["we"] * 10_001))
    assert error.path == "$.additions"
