"""The layers hold: domain → store → services → use cases → ui → cli.

Two checks, so a broken layer fails the suite (and CI):

- the import-linter contracts in pyproject.toml (static: every import in the package);
- import hygiene, as a person's program would meet it (dynamic, in a fresh interpreter):
  importing the domain loads no Textual and no TinyDB, the use cases load no Textual,
  and nothing but the command line's entry point loads the command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_import_contracts_are_kept():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


HYGIENE = """
import importlib, pkgutil, sys
import supervise_tui.{package} as package
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(info.name)
print(" ".join(sorted({{m.split(".")[0] for m in sys.modules}} & set({forbidden!r}))))
print(" ".join(sorted(m for m in sys.modules if m.startswith("supervise_tui.cli"))))
"""


@pytest.mark.parametrize(
    "package, forbidden",
    [
        (
            "domain",
            ["textual", "tinydb", "msgspec", "orjson", "filelock", "platformdirs", "psycopg"],
        ),
        ("services", ["textual", "tinydb", "filelock", "psycopg"]),
        ("usecases", ["textual", "tinydb", "psycopg"]),
        ("store", ["textual"]),
    ],
)
def test_importing_a_layer_loads_nothing_above_it(package, forbidden):
    code = HYGIENE.format(package=package, forbidden=forbidden)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    loaded, cli = (out.stdout.split("\n") + ["", ""])[:2]
    assert loaded == "", f"importing supervise_tui.{package} loaded {loaded}"
    assert cli == "", f"importing supervise_tui.{package} loaded the command line: {cli}"
