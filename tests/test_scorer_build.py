"""The scorer works the same pure and compiled, whichever module loads first.

``_scorer`` and ``_valence`` may be compiled with mypyc (an optional build).
Compiled, ``_valence.scan`` ends with a plain loop instead of an iterator
chain; both endings are checked here against each other, so a pure test run
covers the compiled ending too. ``_reflections`` and ``_scorer`` import each
other; either may be imported first.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import _valence

# Letters, digits, inner apostrophes and sentence punctuation: the fast path.
PLAIN_ALPHABET = "abcdeioruy AIUY019'.!?\n,-"


@given(st.text(alphabet=PLAIN_ALPHABET) | st.text())
def test_the_compiled_ending_of_scan_gives_what_the_pure_one_gives(text: str) -> None:
    expected = _valence.scan(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_valence, "COMPILED", not _valence.COMPILED)
        assert _valence.scan(text) == expected


def test_a_punctuation_chunk_counts_one_character_and_a_word_its_length() -> None:
    # "Hi. Yo" pads to "hi .  yo", which splits on spaces into these chunks;
    # in the text, "hi" starts at 0, "." ends at 3 and "yo" starts at 4.
    chunks = ["hi", ".", "", "yo"]
    assert _valence._tokens_and_offsets(chunks) == (["hi", ".", "yo"], [0, 3, 4])


def test_the_compiled_flag_tells_whether_the_module_is_compiled() -> None:
    assert _valence.COMPILED is not _valence.__file__.endswith(".py")


@pytest.mark.parametrize("first", ["attunement._scorer", "attunement._reflections"])
def test_either_scoring_module_may_be_imported_first(first: str) -> None:
    probe = (
        f"import {first}\n"
        "import attunement as at\n"
        "print(at.score_reflection('You never listen. Thank you!').blame)"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "1.0"


def test_wrong_types_raise_validation_errors_not_type_errors() -> None:
    # Compiled functions check their argument types with TypeError: user input
    # is checked by the pure score_reflection before the scorer sees it.
    with pytest.raises(at.ValidationError) as text_error:
        at.score_reflection(b"bytes")  # type: ignore[arg-type]
    assert text_error.value.field == "text"
    with pytest.raises(at.ValidationError) as lexicon_error:
        at.score_reflection("fine", lexicon=("thanks",))  # type: ignore[arg-type]
    assert lexicon_error.value.field == "lexicon"
