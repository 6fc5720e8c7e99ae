"""Dump and load a couple-year of check-ins: attunement vs pydantic v2 vs msgspec.

A couple-year is 2 partners x 52 weeks = 104 check-ins, each with a 60-120-word
reflection. Every library models the same shape with the same constraints
(ranges, enum values, string lengths, no coercion) and is timed in this
process, alternating, median of the rounds. Also compares the time to import
attunement with the time to import ``cattrs.preconf.orjson``.

Run: python benchmarks/bench_json.py
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import msgspec
import pydantic

sys.path.insert(0, str(Path(__file__).parent))

import attunement as at
from _timing import median_seconds

WORDS = [
    "we",
    "talked",
    "about",
    "the",
    "week",
    "and",
    "I",
    "felt",
    "closer",
    "when",
    "you",
    "listened",
    "to",
    "me",
    "about",
    "work",
    "tonight",
    "dinner",
    "walk",
    "tired",
    "hopeful",
    "grateful",
    "worried",
    "kids",
    "weekend",
    "plans",
    "together",
    "laughed",
    "quiet",
    "busy",
    "calm",
    "stressed",
    "happy",
    "missed",
    "you",
    "call",
    "later",
    "garden",
    "movie",
]


def couple_year(seed: int = 7) -> list[at.CheckIn]:
    rng = random.Random(seed)
    start = dt.date(2025, 1, 6)
    checkins = []
    for week in range(52):
        for partner in ("alex", "sam"):
            words = rng.randint(60, 120)
            checkins.append(
                at.CheckIn(
                    partner_id=partner,
                    on=start + dt.timedelta(weeks=week, days=rng.randint(0, 6)),
                    closeness=rng.randint(1, 7),
                    felt_heard=rng.randint(1, 5),
                    stress=rng.randint(1, 5),
                    signs=frozenset(rng.sample(list(at.Sign), rng.randint(0, 3))),
                    reflection=" ".join(rng.choice(WORDS) for _ in range(words)),
                    appreciation=rng.choice([None, "Thank you for the walk."]),
                    visibility=rng.choice(list(at.Visibility)),
                    events=frozenset(rng.sample(list(at.LifeEvent), rng.randint(0, 1))),
                )
            )
    return checkins


# --- pydantic v2: the same shape and constraints, strict (no coercion) --------

SignP = enum.Enum("SignP", {s.name: s.value for s in at.Sign})  # type: ignore[misc]
VisibilityP = enum.Enum("VisibilityP", {v.name: v.value for v in at.Visibility})  # type: ignore[misc]
LifeEventP = enum.Enum("LifeEventP", {e.name: e.value for e in at.LifeEvent})  # type: ignore[misc]
Id = Annotated[str, pydantic.StringConstraints(min_length=1, max_length=64, pattern=r"^\S+$")]
Text = Annotated[str, pydantic.StringConstraints(max_length=10_000)]


class CheckInP(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(strict=True, frozen=True, extra="forbid")
    partner_id: Id
    on: dt.date
    closeness: Annotated[int, pydantic.Field(ge=1, le=7)]
    felt_heard: Annotated[int, pydantic.Field(ge=1, le=5)]
    stress: Annotated[int, pydantic.Field(ge=1, le=5)]
    signs: frozenset[SignP]  # type: ignore[valid-type]
    reflection: Text | None
    appreciation: Text | None
    visibility: VisibilityP  # type: ignore[valid-type]
    events: frozenset[LifeEventP]  # type: ignore[valid-type]


class DocumentP(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(strict=True, frozen=True, extra="forbid")
    schema_version: int
    data: tuple[CheckInP, ...]


# --- msgspec: the same shape and constraints -------------------------------------

SignM = enum.Enum("SignM", {s.name: s.value for s in at.Sign})  # type: ignore[misc]
VisibilityM = enum.Enum("VisibilityM", {v.name: v.value for v in at.Visibility})  # type: ignore[misc]
LifeEventM = enum.Enum("LifeEventM", {e.name: e.value for e in at.LifeEvent})  # type: ignore[misc]
IdM = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^\S+$")]
TextM = Annotated[str, msgspec.Meta(max_length=10_000)]


class CheckInM(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    partner_id: IdM
    on: dt.date
    closeness: Annotated[int, msgspec.Meta(ge=1, le=7)]
    felt_heard: Annotated[int, msgspec.Meta(ge=1, le=5)]
    stress: Annotated[int, msgspec.Meta(ge=1, le=5)]
    signs: frozenset[SignM]  # type: ignore[valid-type]
    reflection: TextM | None
    appreciation: TextM | None
    visibility: VisibilityM  # type: ignore[valid-type]
    events: frozenset[LifeEventM]  # type: ignore[valid-type]


class DocumentM(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    schema_version: int
    data: tuple[CheckInM, ...]


def import_seconds(module: str, bytecode_dir: str, repeats: int = 7) -> float:
    # Both imports read cached bytecode, as after a pip install (which compiles
    # it): an environment with PYTHONDONTWRITEBYTECODE would otherwise make the
    # editable checkout compile its sources on every run while the installed
    # peer reads its .pyc files. The cache lives in a temporary folder.
    env = os.environ | {"PYTHONPYCACHEPREFIX": bytecode_dir}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
    subprocess.check_output([sys.executable, "-c", code], env=env)  # writes the cache
    times = [
        float(subprocess.check_output([sys.executable, "-c", code], text=True, env=env))
        for _ in range(repeats)
    ]
    return statistics.median(times)


def main() -> None:
    checkins = couple_year()
    as_tuple = tuple(checkins)
    payload = at.to_json(as_tuple)
    model_p = DocumentP.model_validate_json(payload)
    model_m = msgspec.json.decode(payload, type=DocumentM)
    encoder = msgspec.json.Encoder()

    # Sanity: every library reads the same document back to the same values.
    assert at.from_json(payload, tuple[at.CheckIn, ...]) == as_tuple
    assert len(model_p.data) == len(model_m.data) == len(as_tuple)

    cls = tuple[at.CheckIn, ...]
    load = median_seconds(
        {
            "attunement": lambda: at.from_json(payload, cls),
            "pydantic": lambda: DocumentP.model_validate_json(payload),
            "msgspec": lambda: msgspec.json.decode(payload, type=DocumentM),
        }
    )
    dump = median_seconds(
        {
            "attunement": lambda: at.to_json(as_tuple),
            "pydantic": model_p.model_dump_json,
            "msgspec": lambda: encoder.encode(model_m),
        }
    )
    print(f"A couple-year: {len(checkins)} check-ins, {len(payload):,} bytes of JSON\n")
    print(f"{'':12}{'load ops/s':>12}{'dump ops/s':>12}")
    for name in load:
        print(f"{name:12}{1 / load[name]:>12,.0f}{1 / dump[name]:>12,.0f}")
    print()
    for peer in ("pydantic", "msgspec"):
        print(
            f"attunement vs {peer:9} load: {load[peer] / load['attunement']:.2f}x the speed, "
            f"dump: {dump[peer] / dump['attunement']:.2f}x the speed"
        )
    with tempfile.TemporaryDirectory() as bytecode_dir:
        ours = import_seconds("attunement", bytecode_dir)
        base = import_seconds("cattrs.preconf.orjson", bytecode_dir)
    print(
        f"\nimport attunement: {ours * 1000:.1f} ms; import cattrs.preconf.orjson: "
        f"{base * 1000:.1f} ms; ratio {ours / base:.2f} (target <= 1.3)"
    )


if __name__ == "__main__":
    main()
