#!/usr/bin/env bash
# Check the optional compiled build, end to end.
#
# Builds the compiled wheel (HATCH_BUILD_HOOKS_ENABLE=true pip install .: the
# mypyc modules and the assessor's C helpers) into a fresh virtual
# environment, asserts that the hot modules (the prompt picker, the reflection
# scorer and its valence reader, the distance assessor and its C helpers) are
# compiled extensions, runs the whole test suite against the INSTALLED package
# (from a copy of the repository without src/, so nothing can import the
# sources), and runs the prompt, reflection and distance benchmarks. Exits
# non-zero on any failure.
#
# The hooks compile next to the sources, so the build runs in a scratch copy
# of the working tree, never in the tree itself. Needs a C compiler and the
# Python headers; pip fetches hatch-mypyc, mypy and setuptools for the build.
#
#   tools/compiled_build.sh
#   COMPILED_BUILD_DIR=/tmp/attunement-compiled tools/compiled_build.sh  # keep it there
#   PYTHON=python3.12 tools/compiled_build.sh
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
scratch="${COMPILED_BUILD_DIR:-}"
if [[ -z "$scratch" ]]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
fi
export CI="${CI:-true}"

step() { printf '\n==> %s\n' "$*"; }

# The working tree as it is (committed or not), without local build products.
copy_tree() {
  local target="$1"
  shift
  mkdir -p "$target"
  tar -C "$repo" \
    --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist \
    --exclude=./docs/_build --exclude='*.so' --exclude='*.pyd' --exclude=__pycache__ \
    --exclude=.mypy_cache --exclude=.ruff_cache --exclude=.pytest_cache \
    --exclude=.hypothesis --exclude='.coverage*' --exclude='*.egg-info' "$@" \
    -cf - . | tar -C "$target" -xf -
}

step "scratch copies of the working tree in $scratch"
rm -rf "$scratch/build-tree" "$scratch/check-tree" "$scratch/venv"
copy_tree "$scratch/build-tree"
copy_tree "$scratch/check-tree" --exclude=./src

step "fresh virtual environment"
"$python" -m venv "$scratch/venv"
venv_python="$scratch/venv/bin/python"

step "compiled build: HATCH_BUILD_HOOKS_ENABLE=true pip install '.[test]'"
(cd "$scratch/build-tree" && HATCH_BUILD_HOOKS_ENABLE=true \
  "$venv_python" -m pip install -q --no-cache-dir ".[test]")

step "the installed hot modules are compiled"
(cd "$scratch" && "$venv_python" - <<'PY'
import importlib
import pathlib

for name in ("_picker", "_scorer", "_valence", "_assessor", "_slotted"):
    module_file = pathlib.Path(importlib.import_module(f"attunement.{name}").__file__ or "")
    print(f"attunement.{name}: {module_file}")
    assert module_file.suffix in {".so", ".pyd"}, f"{name} is not compiled"
    assert "site-packages" in module_file.parts, f"{name} is not the installed one"
# The models stay pure Python (mypyc cannot compile their attrs fields).
for name in ("_prompts", "_reflections", "_distance"):
    module = importlib.import_module(f"attunement.{name}")
    assert pathlib.Path(module.__file__ or "").suffix == ".py", f"{name} is compiled"
PY
)

step "the test suite against the installed package (no src/ in the copy)"
# A one-hook plugin stops the run before any test if pytest would not use the
# installed, compiled modules, and says which files the tests imported.
mkdir -p "$scratch/plugin"
cat > "$scratch/plugin/installed_compiled.py" <<'PY'
"""Refuse to run the suite unless the installed, compiled modules are imported."""

import importlib
import pathlib

import pytest


def pytest_sessionstart(session: pytest.Session) -> None:
    import attunement

    if "site-packages" not in pathlib.Path(attunement.__file__ or "").parts:
        raise pytest.UsageError(f"attunement imported from {attunement.__file__}")
    print(f"\ntesting {attunement.__file__}")
    for name in ("_picker", "_scorer", "_valence", "_assessor", "_slotted"):
        module_file = pathlib.Path(importlib.import_module(f"attunement.{name}").__file__ or "")
        if module_file.suffix not in {".so", ".pyd"}:
            raise pytest.UsageError(f"{name} is not compiled: {module_file}")
        print(f"with {module_file}")
PY
(cd "$scratch/check-tree" && PYTHONPATH="$scratch/plugin" \
  "$venv_python" -m pytest -q -p no:cacheprovider -p installed_compiled)

step "benchmarks/bench_prompts.py with the compiled picker"
(cd "$scratch/check-tree" && "$venv_python" benchmarks/bench_prompts.py)

step "benchmarks/bench_reflections.py with the compiled scorer"
# It prints whether every target is met; a miss is reported, not a failure here.
(cd "$scratch/check-tree" && "$venv_python" benchmarks/bench_reflections.py)

step "benchmarks/bench_distance.py with the compiled assessor"
# Like the reflection benchmark, it reports whether its targets are met.
(cd "$scratch/check-tree" && "$venv_python" benchmarks/bench_distance.py)

step "the compiled build passed every check"
