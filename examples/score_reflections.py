"""Score reflections and show the words behind every number.

Usage:
    python examples/score_reflections.py "I feel lonely lately." "You never listen."
    echo "Thank you for last night." | python examples/score_reflections.py

With no arguments and nothing piped in, a few built-in samples are scored.
Evidence is highlighted with ANSI colours on a terminal and with
[dimension: words] brackets otherwise (logs, CI, files).
"""

from __future__ import annotations

import sys

import attunement as at

SAMPLES = (
    "I've been feeling distant from you lately, and I miss us. Can we plan a quiet evening?",
    "You never listen to me. Whatever, it's not my fault the bills were late.",
    "Thank you for making dinner on Tuesday. You never fail to make me laugh.",
    "I'm not saying I want to die, but I'm so tired of everything.",
)

COLOURS = {
    at.Dimension.OWNERSHIP: "32",  # green
    at.Dimension.WE_NESS: "36",  # cyan
    at.Dimension.EMPATHY: "34",  # blue
    at.Dimension.APPRECIATION: "92",  # bright green
    at.Dimension.CURIOSITY: "94",  # bright blue
    at.Dimension.BLAME: "31",  # red
    at.Dimension.CONTEMPT: "35",  # magenta
    at.Dimension.DEFENSIVENESS: "33",  # yellow
    at.Dimension.ABSOLUTISM: "93",  # bright yellow
    at.Dimension.SAFETY: "41;97",  # white on red
}
# Valence and emotion words are listed in the numbers; highlighting them too
# would drown the relational patterns.
HIGHLIGHTED = frozenset(COLOURS)


def highlight(text: str, score: at.ReflectionScore, *, colour: bool) -> str:
    """Mark relational spans; safety spans win overlaps, then the longest first."""
    chosen: list[at.Evidence] = []
    ranked = sorted(
        (e for e in score.evidence if e.dimension in HIGHLIGHTED),
        key=lambda e: (e.dimension is not at.Dimension.SAFETY, e.start, -e.end),
    )
    for evidence in ranked:
        if all(evidence.end <= kept.start or kept.end <= evidence.start for kept in chosen):
            chosen.append(evidence)
    pieces: list[str] = []
    cursor = 0
    for evidence in sorted(chosen, key=lambda e: e.start):
        pieces.append(text[cursor : evidence.start])
        if colour:
            code = COLOURS[evidence.dimension]
            pieces.append(f"\033[{code}m{evidence.text}\033[0m")
        else:
            pieces.append(f"[{evidence.dimension.value}: {evidence.text}]")
        cursor = evidence.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def report(text: str, *, colour: bool) -> str:
    score = at.score_reflection(text)
    lines = [highlight(text, score, colour=colour)]
    numbers = ", ".join(
        f"{name} {getattr(score, name):g}"
        for name in (
            "ownership",
            "we_ness",
            "empathy",
            "appreciation",
            "curiosity",
            "blame",
            "contempt",
            "defensiveness",
            "absolutism",
        )
        if getattr(score, name)
    )
    lines.append(f"  words {score.words}, valence {score.valence:+.2f}, " + (numbers or "—"))
    lines.append(
        f"  emotion words: {score.positive_emotion_words} positive, "
        f"{score.negative_emotion_words} negative"
    )
    if score.safety:
        concerns = ", ".join(sorted(concern.value for concern in score.safety))
        lines.append(f"  SAFETY CONCERN ({concerns}): show professional help first.")
    lines.extend(
        f"  try: {antidote.name} — {antidote.template}" for antidote in at.antidotes(score)
    )
    return "\n".join(lines)


def read_stdin() -> list[str]:
    """Lines piped in, or nothing when stdin is a terminal, closed or empty."""
    stream = sys.stdin
    if stream is None or stream.closed:
        return []
    try:
        if stream.isatty():
            return []
        data = stream.read()
    except (OSError, ValueError):
        return []
    return [line for line in data.splitlines() if line.strip()]


def main(argv: list[str]) -> None:
    texts = argv or read_stdin() or list(SAMPLES)
    colour = sys.stdout.isatty()
    print("\n\n".join(report(text, colour=colour) for text in texts))


if __name__ == "__main__":
    main(sys.argv[1:])
