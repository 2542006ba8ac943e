"""`supervise prompts`: the prompt packs, and where each came from."""

from __future__ import annotations

import sys

from .. import config
from .common import EXIT_OK


def cmd_prompts() -> int:
    from ..store.packs import load_library

    library = load_library()
    for pack in sorted(library.packs.values(), key=lambda p: (not p.builtin, p.id)):
        where = "built in" if pack.builtin else str(pack.origin)
        print(f"{pack.id}  —  {pack.title} (v{pack.version}, for {pack.kind.label.lower()})")
        print(f"    from: {where}")
        sections = ", ".join(f"{s.label} ({len(p)})" for s, p in pack.sections.items())
        print(f"    sections: {sections}")
    for pack in sorted(library.group_packs.values(), key=lambda p: (not p.builtin, p.id)):
        where = "built in" if pack.builtin else str(pack.origin)
        print(f"{pack.id}  —  {pack.title} (v{pack.version}, for {pack.kind.label.lower()}s)")
        print(f"    from: {where}")
        print(f"    shared questions: {len(pack.shared)}, each peer's own: {len(pack.own)}")
    for problem in library.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    print(f"\nYour own packs go in {config.user_prompts_dir()}")
    return EXIT_OK
