"""`supervise check` of ``tallies/``: the copy of every peer's Home tally
(:mod:`.folder.tally_copy`) must equal what each ``peer.json`` holds, each in its file."""

from __future__ import annotations

from pathlib import Path

from .layout import COPY_FILES, TALLIES, TALLY, copies_by_file

REPAIR = "`supervise check --repair` rebuilds it from their records"


def check_tally_copy(root: Path, parsed: dict, tallies: dict, encrypted: bool, report) -> None:
    """``parsed``: the folder's own files as read; ``tallies``: each readable peer's
    tally by peer id. Says what is wrong, and marks the copy for the repair."""
    there = [rel for rel in COPY_FILES if (root / rel).exists()]
    if encrypted:
        if there:
            report.problems.append(
                f"{TALLIES}/: an encrypted folder keeps no copy of everyone's figures "
                "(`supervise check --repair` removes it)"
            )
            report.tally_copy = True
        return
    if not there and not tallies:
        return  # nothing counted yet: the copy is made with the first tally
    wanted = copies_by_file(tallies)
    for rel in COPY_FILES:
        if rel not in there:
            report.problems.append(
                f"{rel}: missing; it holds a copy of some peers' Home figures ({REPAIR})"
            )
            report.tally_copy = True
            continue
        data = parsed.get(Path(rel))
        if data is None:  # damaged: already named; the repair rebuilds it whole
            report.tally_copy = True
            continue
        table = data.get(TALLY, {})
        if not isinstance(table, dict):
            report.problems.append(f"{rel}: its table does not have the expected shape ({REPAIR})")
            report.tally_copy = True
            continue
        if table != wanted[rel]:
            differ = sorted(p for p in {*table, *wanted[rel]} if table.get(p) != wanted[rel].get(p))
            named = ", ".join(differ[:3]) + (
                f" and {len(differ) - 3} more" if len(differ) > 3 else ""
            )
            report.problems.append(
                f"{rel}: its copy of Home's figures for peer {named} differs from what their "
                f"own peer.json holds ({REPAIR})"
            )
            report.tally_copy = True
