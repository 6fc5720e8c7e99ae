"""The public surface: exports, documentation and import cost."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import attunement as at

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_all_is_sorted_unique_and_importable() -> None:
    # RUF022's isort-style order: SCREAMING_CASE, then CamelCase, then the rest.
    def key(name: str) -> tuple[int, str]:
        if name.isupper():
            return (0, name)
        return (1, name) if name[:1].isupper() else (2, name)

    assert at.__all__ == sorted(at.__all__, key=key)
    assert len(set(at.__all__)) == len(at.__all__)
    for name in at.__all__:
        assert getattr(at, name) is not None


def test_every_public_name_is_in_the_api_reference() -> None:
    reference = "\n".join(p.read_text() for p in (DOCS / "reference").glob("*.md"))
    missing = [name for name in at.__all__ if f"attunement.{name}" not in reference]
    assert missing == []


def test_every_public_function_and_class_has_a_runnable_example() -> None:
    lacking = [
        name
        for name in at.__all__
        if (inspect.isclass(getattr(at, name)) or inspect.isfunction(getattr(at, name)))
        and ">>>" not in (getattr(at, name).__doc__ or "")
    ]
    assert lacking == []


def test_readers_load_on_first_use_and_then_stay_put() -> None:
    first = at.assess_distance
    assert at.assess_distance is first
    assert "assess_distance" in dir(at)
    with pytest.raises(AttributeError, match="no_such_name"):
        at.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_import_loads_no_package_data_and_no_test_tools() -> None:
    probe = (
        "import sys, attunement, builtins\n"
        "assert 'hypothesis' not in sys.modules\n"
        "assert 'attunement.strategies' not in sys.modules\n"
        "assert 'vaderSentiment' not in sys.modules\n"
        "readers = ('_distance', '_goals', '_differentiation', '_reflections', '_prompts')\n"
        "assert not [r for r in readers if 'attunement.' + r in sys.modules]\n"
        "print('ok')"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "ok"
