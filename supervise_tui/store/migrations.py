"""Schema versions and the registry of migrations between them.

``meta.json`` records the schema version a data folder was written with. On
open, every migration from that version up to :data:`SCHEMA_VERSION` runs in
order, after a backup snapshot. A folder written by a newer version is never
touched.

To change the layout: bump :data:`SCHEMA_VERSION`, register a function
``MIGRATIONS[old] = fn`` that rewrites a folder from ``old`` to ``old + 1``
using :mod:`.files` (atomic writes only), and add a fixture written by the old
version to ``tests/fixtures``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SCHEMA_VERSION = 4


def _v1_to_v2(root: Path) -> None:
    from .migrate_v2 import migrate

    migrate(root)


def _v2_to_v3(root: Path) -> None:
    from .migrate_v3 import migrate

    migrate(root)


def _v3_to_v4(root: Path) -> None:
    from .migrate_v4 import migrate

    migrate(root)


# from_version -> function(root) that upgrades the folder to from_version + 1
MIGRATIONS: dict[int, Callable[[Path], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def plan(found: int, current: int | None = None) -> list[int]:
    """The versions to migrate from, in order; raises KeyError if one is missing."""
    if current is None:
        current = SCHEMA_VERSION
    steps = list(range(found, current))
    for step in steps:
        if step not in MIGRATIONS:
            raise KeyError(step)
    return steps
