"""The labelled suite: short reflections in a partner's voice, each with expectations.

The cases live in ``tests/fixtures/reflections_labelled.tsv`` (written by the
team for this suite). Every case asserts its safety concerns exactly, and the
presence or absence of each dimension it names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import attunement as at

FIXTURE = Path(__file__).parent / "fixtures" / "reflections_labelled.tsv"

CODES = {
    "own": "ownership",
    "blame": "blame",
    "abs": "absolutism",
    "we": "we_ness",
    "emp": "empathy",
    "def": "defensiveness",
    "con": "contempt",
    "cur": "curiosity",
    "app": "appreciation",
    "pos": "positive_emotion_words",
    "neg": "negative_emotion_words",
}


def _codes(field: str) -> list[str]:
    return [] if field == "-" else field.split(",")


def _load() -> list[tuple[str, list[str], list[str], frozenset[at.SafetyConcern]]]:
    cases = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        text, present, absent, safety = line.split("\t")
        concerns = frozenset(at.SafetyConcern(value) for value in _codes(safety))
        cases.append((text, _codes(present), _codes(absent), concerns))
    return cases


CASES = _load()


def test_the_suite_is_large_enough() -> None:
    # The issue asks for >= 150 cases, >= 40 of them about safety (concerns
    # phrased many ways and benign look-alikes that use violent words).
    alarming = (
        "kill",
        "die",
        "dead",
        "dying",
        "hit",
        "beat",
        "push",
        "violent",
        "knife",
        "scared",
        "bit",
    )
    safety_cases = [
        case for case in CASES if case[3] or any(word in case[0].lower() for word in alarming)
    ]
    assert len(CASES) >= 150
    assert len(safety_cases) >= 40
    assert sum(1 for case in CASES if case[3]) >= 40


def _check(score: at.ReflectionScore, code: str) -> bool:
    if code == "val+":
        return score.valence > 0
    if code == "val-":
        return score.valence < 0
    value: float = getattr(score, CODES[code])
    return value > 0


@pytest.mark.parametrize(("text", "present", "absent", "safety"), CASES)
def test_labelled_reflection(
    text: str, present: list[str], absent: list[str], safety: frozenset[at.SafetyConcern]
) -> None:
    score = at.score_reflection(text)
    assert score.safety == safety
    missing = [code for code in present if not _check(score, code)]
    unexpected = [code for code in absent if _check(score, code)]
    assert missing == []
    assert unexpected == []
