"""Build hook for the optional compiled build: the assessor's C helpers.

``src/attunement/_slotted.c`` reads and fills attrs objects' slots directly
(see the comment at its top). Like the mypyc hook it runs only when enabled,
and the documented switch enables both: ``HATCH_BUILD_HOOKS_ENABLE=true pip
install .``. It compiles next to the source (as the mypyc hook does) and adds
the shared library to the wheel; ``HATCH_BUILD_CLEAN_HOOKS_AFTER=true``
removes it from ``src/`` afterwards.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_SETUP = """\
from setuptools import Extension, setup

setup(
    name="attunement-slotted",
    ext_modules=[Extension("attunement._slotted", [{source!r}])],
    package_dir={{"": {src!r}}},
)
"""


class SlottedBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile ``attunement._slotted`` and ship it in the wheel."""

    PLUGIN_NAME = "custom"

    def _built(self) -> Path:
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        return Path(self.root, "src", "attunement", "_slotted" + suffix)

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002
        """Build the extension in place and force it into the wheel."""
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        with tempfile.TemporaryDirectory() as temp:
            setup = Path(temp, "setup.py")
            setup.write_text(
                _SETUP.format(
                    source=str(root / "src" / "attunement" / "_slotted.c"),
                    src=str(root / "src"),
                )
            )
            built = subprocess.run(  # noqa: S603 - our own interpreter and script
                [
                    sys.executable,
                    str(setup),
                    "build_ext",
                    "--build-lib",
                    str(Path(temp, "lib")),
                    "--build-temp",
                    str(Path(temp, "tmp")),
                ],
                cwd=temp,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                check=False,
            )
            if built.returncode:
                message = f"building attunement._slotted failed:\n{built.stdout.decode()}"
                raise RuntimeError(message)
            target = self._built()
            target.write_bytes(Path(temp, "lib", "attunement", target.name).read_bytes())
        build_data["infer_tag"] = True
        build_data["pure_python"] = False
        build_data["force_include"][str(self._built())] = f"attunement/{self._built().name}"

    def clean(self, versions: list[str]) -> None:  # noqa: ARG002
        """Remove the extension built next to the source."""
        self._built().unlink(missing_ok=True)
