"""The docs' internal link checker finds what it should (CI runs it on the real build)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "check_doc_links", Path(__file__).resolve().parents[1] / "tools" / "check_doc_links.py"
)
assert _SPEC is not None
assert _SPEC.loader is not None
check_doc_links = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check_doc_links)


def test_broken_files_and_anchors_are_reported_and_good_links_pass(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/page.html#here">ok</a> <a href="sub/page.html#gone">bad anchor</a>'
        '<a href="missing.html">bad file</a> <img src="sub/pic.png">'
        '<a href="https://example.org/x.html">outside</a> <a href="#top">self</a>'
        '<div id="top"></div>'
    )
    (tmp_path / "sub" / "page.html").write_text('<h1 id="here">Here</h1>')
    problems = check_doc_links.broken_links(tmp_path)
    assert sorted(problems) == [
        "index.html: missing missing.html",
        "index.html: missing sub/pic.png",
        "index.html: no anchor sub/page.html#gone",
    ]
