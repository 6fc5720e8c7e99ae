"""Coverage-guided fuzzing of ``score_reflection`` on arbitrary text.

A development tool, not part of the test suite or of CI. It needs atheris
(``pip install atheris``). Run it from the repository root::

    python tools/fuzz_score_reflection.py -max_total_time=300

Each input becomes a ``str`` that may hold lone surrogates, zero-width and
right-to-left characters and long runs of one character. Scoring must never
raise, and every evidence span must lie inside the text and quote it exactly
(``text == source[start:end]``). A violation stops libFuzzer and writes the
input to ``crash-*``; record runs in ``tools/FUZZING.md`` and turn every
finding into a regression test.
"""

from __future__ import annotations

import sys

import atheris  # type: ignore[import-untyped]

with atheris.instrument_imports():
    import attunement as at

# Characters that break naive tokenisers: zero-width joiners and spaces, the
# byte-order mark, bidirectional controls, a lone surrogate of each half,
# combining marks and a curly apostrophe.
AWKWARD = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ud800",
    "\udfff",
    "\u0301",
    "\u2019",
    "\u05d0",
    "\u0627",
)
WORDS = ("I feel ", "you never ", "we ", "thank you ", "not ", "want to die ", "hit me ", "?")


def build_text(data: bytes) -> str:
    """Turn fuzzer bytes into text mixing arbitrary Unicode, awkward characters and words."""
    provider = atheris.FuzzedDataProvider(data)
    parts: list[str] = []
    while provider.remaining_bytes():
        choice = provider.ConsumeIntInRange(0, 4)
        if choice == 0:
            parts.append(provider.ConsumeUnicode(provider.ConsumeIntInRange(0, 24)))
        elif choice == 1:
            parts.append(AWKWARD[provider.ConsumeIntInRange(0, len(AWKWARD) - 1)])
        elif choice == 2:  # noqa: PLR2004
            parts.append(WORDS[provider.ConsumeIntInRange(0, len(WORDS) - 1)])
        elif choice == 3:  # noqa: PLR2004
            character = provider.ConsumeUnicode(1) or "a"
            parts.append(character * provider.ConsumeIntInRange(0, 5000))
        else:
            parts.append(provider.ConsumeBytes(8).decode("utf-8", "surrogateescape"))
    return "".join(parts)


def test_one_input(data: bytes) -> None:
    """Score the text built from ``data`` and check every evidence span."""
    text = build_text(data)
    score = at.score_reflection(text)
    for evidence in score.evidence:
        if not 0 <= evidence.start <= evidence.end <= len(text):
            raise AssertionError((evidence.start, evidence.end, len(text)))
        if evidence.text != text[evidence.start : evidence.end]:
            raise AssertionError((evidence.start, evidence.end))
    if score.words < 0 or not -1.0 <= score.valence <= 1.0:
        raise AssertionError((score.words, score.valence))


def main() -> None:
    """Run libFuzzer with the command-line arguments."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
