"""Sphinx configuration for the attunement documentation."""

from __future__ import annotations

import sys
import zlib
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "attunement"
author = "The attunement developers"
copyright = "2026, The attunement developers"
release = _version("attunement")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "attunement_figures",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_static_path = ["_static"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = True
# Names that are private implementation details or typing aliases Sphinx cannot link.
nitpick_ignore_regex = [
    (r"py:.*", r"attunement\._.*"),
    (r"py:.*", r"(_?T|T_co|Any|PathSegment|attr\.Attribute|attrs\.Attribute)"),
    (r"py:class", r"(datetime\.)?date"),
    (r"py:class", r"(collections\.abc\.)?(Mapping|Iterable|Sequence|Callable)"),
    (r"py:class", r"hypothesis\..*|SearchStrategy"),
]

doctest_global_setup = "import attunement as at\nfrom datetime import date"

html_theme = "furo"
html_title = "attunement"


# --- intersphinx, offline ------------------------------------------------------
# The build machines have no network, so instead of fetching the projects'
# inventories we write small ones naming the few outside objects these docs
# link to. The links still point at the real documentation.

_OUTSIDE = {
    "python": (
        "https://docs.python.org/3/",
        [
            ("ValueError", "py:exception", "library/exceptions.html#$"),
            ("datetime.date", "py:class", "library/datetime.html#$"),
            ("frozenset", "py:class", "library/stdtypes.html#$"),
            ("enum.Enum", "py:class", "library/enum.html#$"),
            ("pickle", "py:module", "library/pickle.html#module-$"),
            ("sqlite3", "py:module", "library/sqlite3.html#module-$"),
            ("multiprocessing", "py:module", "library/multiprocessing.html#module-$"),
            ("importlib.resources", "py:module", "library/importlib.resources.html#module-$"),
        ],
    ),
    "attrs": (
        "https://www.attrs.org/en/stable/",
        [
            ("attrs.frozen", "py:function", "api.html#$"),
            ("attrs.evolve", "py:function", "api.html#$"),
        ],
    ),
    "cattrs": (
        "https://catt.rs/en/stable/",
        [("cattrs.Converter", "py:class", "cattrs.html#$")],
    ),
}


def _write_inventory(name: str, entries: list[tuple[str, str, str]]) -> str:
    folder = Path(__file__).parent / "_build" / "inventories"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.inv"
    header = f"# Sphinx inventory version 2\n# Project: {name}\n# Version: \n"
    header += "# The remainder of this file is compressed using zlib.\n"
    body = "".join(f"{obj} {role} 1 {uri} -\n" for obj, role, uri in entries)
    path.write_bytes(header.encode() + zlib.compress(body.encode()))
    return str(path)


intersphinx_mapping = {
    name: (url, _write_inventory(name, entries)) for name, (url, entries) in _OUTSIDE.items()
}
