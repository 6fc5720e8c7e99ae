"""Coverage-guided fuzzing of ``from_json``: any bytes give a model or a ValidationError.

A development tool, not part of the test suite or of CI. It needs atheris
(``pip install atheris``). Run it from the repository root::

    python tools/fuzz_from_json.py --seed-corpus /tmp/corpus-json   # once
    python tools/fuzz_from_json.py --write-dict /tmp/json.dict      # once
    python tools/fuzz_from_json.py /tmp/corpus-json -dict=/tmp/json.dict -max_total_time=300

The first byte of each input chooses the model class, the rest is the
document. Any exception other than :class:`attunement.ValidationError`, or a
loaded model that does not survive a second round trip, is a finding: libFuzzer
stops and writes the input to ``crash-*``. Record runs in ``tools/FUZZING.md``
and turn every finding into a regression test.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Any

import atheris  # type: ignore[import-untyped]
import attrs

with atheris.instrument_imports():
    import attunement as at

CLASSES: tuple[Any, ...] = (
    at.CheckIn,
    tuple[at.CheckIn, ...],
    list[at.CheckIn],
    at.Couple,
    at.Partner,
    at.Prompt,
    at.PromptCatalog,
    at.PromptUse,
    at.DistanceAssessment,
    at.ReflectionScore,
    at.ReflectionLexicon,
    at.Goal,
    at.GoalProgress,
    at.Instrument,
    at.SelfRating,
    at.DifferentiationProfile,
    at.Pick,
    at.Referral,
)

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SEEDS = {
    "checkin": at.CheckIn,
    "couple": at.Couple,
    "partner": at.Partner,
    "prompt": at.Prompt,
    "prompt_catalog": at.PromptCatalog,
    "prompt_use": at.PromptUse,
    "distance_assessment": at.DistanceAssessment,
    "reflection_score": at.ReflectionScore,
    "reflection_lexicon": at.ReflectionLexicon,
    "goal": at.Goal,
    "goal_progress": at.GoalProgress,
    "instrument": at.Instrument,
    "self_rating": at.SelfRating,
    "differentiation_profile": at.DifferentiationProfile,
    "pick": at.Pick,
    "referral": at.Referral,
}


def test_one_input(data: bytes) -> None:
    """Load ``data[1:]`` as the class chosen by ``data[0]``."""
    if not data:
        return
    cls = CLASSES[data[0] % len(CLASSES)]
    try:
        loaded = at.from_json(data[1:], cls)
    except at.ValidationError as error:
        # The message is built from the field path and a fixed reason only.
        if not error.path.startswith("$"):
            raise AssertionError(error.path) from None
        return
    # What was accepted must write and read back to the same value.
    if at.from_json(at.to_json(loaded), cls) != loaded:
        raise AssertionError(cls)


def write_seed_corpus(directory: Path) -> None:
    """Seed the corpus with the golden fixtures, each prefixed by its class byte."""
    directory.mkdir(parents=True, exist_ok=True)
    for version in ("v1", "v2"):
        for name, cls in SEEDS.items():
            path = FIXTURES / version / f"{name}.json"
            if path.exists():
                seed = bytes([CLASSES.index(cls)]) + path.read_bytes()
                (directory / f"{version}-{name}").write_bytes(seed)


def write_dictionary(path: Path) -> None:
    """Write a libFuzzer dictionary: every field name and enum value, quoted as in JSON."""
    tokens = {'"schema_version"', '"data"', "null", "true", "false", '"2026-01-05"'}
    for name in at.__all__:
        value = getattr(at, name)
        if isinstance(value, type) and attrs.has(value):
            tokens.update(f'"{field.name}"' for field in attrs.fields(value))
        elif isinstance(value, type) and issubclass(value, enum.Enum):
            tokens.update(f'"{member.value}"' for member in value)
    lines = ('"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"' for token in tokens)
    path.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")


def main() -> None:
    """Run libFuzzer with the command-line arguments, or write the seed corpus or dictionary."""
    if len(sys.argv) == 3 and sys.argv[1] == "--seed-corpus":  # noqa: PLR2004
        write_seed_corpus(Path(sys.argv[2]))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--write-dict":  # noqa: PLR2004
        write_dictionary(Path(sys.argv[2]))
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
