"""Check every internal link and image in the built HTML docs.

Sphinx's own linkcheck builder needs the network for outside links; this
script checks only what the docs link to inside themselves: that every
relative ``href`` and ``src`` names a file that was built, and that every
``#fragment`` names an element id on that page.

Run after the HTML build: python tools/check_doc_links.py docs/_build/html
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in {"href", "src"} and value and not (tag == "link" and "pygments" in value):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(root: Path) -> list[str]:
    """Return one line per broken internal link under ``root``."""
    pages = {path: _parse(path) for path in root.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue  # outside links are not ours to check offline
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target /= "index.html"
            if not target.exists():
                problems.append(f"{path.relative_to(root)}: missing {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{path.relative_to(root)}: no anchor {link}")
    return problems


def main() -> int:
    """Check the folder given on the command line (default: docs/_build/html)."""
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/_build/html").resolve()
    if not (root / "index.html").exists():
        print(f"no built docs at {root}", file=sys.stderr)
        return 2
    problems = broken_links(root)
    for problem in problems:
        print(problem)
    pages = sum(1 for _ in root.rglob("*.html"))
    print(f"checked {pages} pages: {len(problems)} broken internal links")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
