#!/usr/bin/env bash
# Mutation testing of the scoring and picking modules with mutmut (>= 3.8).
#
# Not part of CI: on two cores a full run takes hours (_scorer alone about
# five), so run the modules you changed. mutmut writes a `mutants/` folder
# next to the code, so this script never runs in the working tree: it exports
# the committed HEAD to a scratch copy, adds the mutmut settings there, and
# runs one module at a time.
#
#   tools/mutation.sh                 # all nine modules, into /tmp/attunement-mutation
#   tools/mutation.sh _valence _goals # only these modules
#   MUTATION_DIR=/tmp/mut tools/mutation.sh
#   MUTATION_CHILDREN=4 tools/mutation.sh   # more parallel mutants on a bigger machine
#
# Afterwards, inside the copy: `mutmut results` lists the survivors and
# `mutmut show <name>` prints one mutant's diff.
set -euo pipefail

repo="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
copy="${MUTATION_DIR:-/tmp/attunement-mutation}"
children="${MUTATION_CHILDREN:-2}"
python="${PYTHON:-python}"
mutmut="${MUTMUT:-mutmut}"
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  modules=(_valence _distance _assessor _differentiation _goals _reflections _scorer _prompts _picker)
fi

rm -rf "$copy"
mkdir -p "$copy"
git -C "$repo" archive HEAD | tar -x -C "$copy"
cd "$copy"

# Suites left out of mutation runs: dask and the docs/README runners need
# files or services outside the package, and the slow hostile-input, privacy,
# purity and concurrency properties (seconds per test, subprocesses, threads)
# would multiply the run time. Their absence can only lower the kill rate.
rm -f tests/test_batch_dask.py tests/test_doc_links.py tests/test_readme.py \
  tests/test_hostile_input.py tests/test_privacy.py tests/test_purity.py \
  tests/test_concurrency.py tests/test_lazy.py

"$python" - <<'EOF'
import pathlib

path = pathlib.Path("pyproject.toml")
text = path.read_text()
# mutmut's trampolines need the package imported from mutants/src, by path:
# no --pyargs, no doctests of the (rewritten) modules.
text = text.replace('testpaths = ["tests", "attunement"]', 'testpaths = ["tests"]')
text = text.replace('"--doctest-modules", ', "").replace(', "--pyargs"', "")
text += """
[tool.mutmut]
source_paths = ["src/"]
also_copy = ["docs/", "examples/", "README.md"]
only_mutate = [
  "src/attunement/_reflections.py",
  "src/attunement/_scorer.py",
  "src/attunement/_valence.py",
  "src/attunement/_distance.py",
  "src/attunement/_assessor.py",
  "src/attunement/_differentiation.py",
  "src/attunement/_goals.py",
  "src/attunement/_prompts.py",
  "src/attunement/_picker.py",
]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q", "--no-header"]
pytest_add_cli_args_test_selection = ["tests/"]
"""
path.write_text(text)
EOF

cat >>tests/conftest.py <<'EOF'


# --- added by tools/mutation.sh only (never in the repository) ---
import pytest as _pytest

from attunement import _differentiation as _diff_module
from attunement import _prompts as _prompts_module
from attunement import _scorer as _scorer_module


@_pytest.fixture(autouse=True)
def _rebuild_tables_under_each_mutant() -> None:
    # Tables built from package data on first use are cached for the process;
    # mutmut forks every mutant from a process that already built them, so
    # the code that builds them would never run under a mutant.
    _scorer_module._table.cache.clear()
    _prompts_module.default_catalog.cache.clear()
    _prompts_module.default_referral_resources.cache.clear()
    _diff_module.self_check.cache.clear()
EOF

for module in "${modules[@]}"; do
  echo "== $module: started $(date -u +%H:%M:%S)"
  # The dev Hypothesis profile (CI unset) keeps each mutant's run short.
  env -u CI "$mutmut" run --max-children "$children" "attunement.${module}*" >"mutmut-${module}.log" 2>&1
  echo "== $module: finished $(date -u +%H:%M:%S)"
done

# Kill rate per module: timeouts count as killed, "no tests" as survived.
"$mutmut" results --all true 2>/dev/null | "$python" -c '
import collections, sys
counts = collections.defaultdict(collections.Counter)
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if not name.startswith("attunement."):
        continue
    counts[name.split(".")[1]][status] += 1
total = collections.Counter()
for module, found in sorted(counts.items()):
    run = sum(n for s, n in found.items() if s != "not checked")
    killed = found["killed"] + found["timeout"]
    total.update({"run": run, "killed": killed, "all": sum(found.values())})
    if run:
        print(f"{module:18} {killed:5}/{run:<5} killed  {100 * killed / run:5.1f}%  {dict(found)}")
# (No single quotes in here: this program is a single-quoted shell word.)
label, killed, run, generated = "overall", total["killed"], total["run"], total["all"]
if run:
    print(f"{label:18} {killed:5}/{run:<5} killed  "
          f"{100 * killed / run:5.1f}%  ({generated} mutants generated)")
'
