"""`supervise check` of ``tallies.json``: the copy of every peer's Home tally
(:mod:`.folder.tally_copy`) must equal what each ``peer.json`` holds."""

from __future__ import annotations

from pathlib import Path

from .layout import TALLIES, TALLY

REPAIR = "`supervise check --repair` rebuilds it"


def peer_tally(index: dict) -> dict | None:
    """The tally a parsed ``peer.json`` holds, if any."""
    table = index.get(TALLY)
    doc = table.get(TALLY) if isinstance(table, dict) else None
    return doc if isinstance(doc, dict) else None


def check_tally_copy(root: Path, parsed: dict, tallies: dict, encrypted: bool, report) -> None:
    """``parsed``: the folder's own files as read; ``tallies``: each readable peer's
    tally by peer id. Says what is wrong, and marks the copy for the repair."""
    there = (root / TALLIES).exists()
    if encrypted:
        if there:
            report.problems.append(
                f"{TALLIES}: an encrypted folder keeps no copy of everyone's figures "
                f"({REPAIR.replace('rebuilds', 'removes')})"
            )
            report.tally_copy = True
        return
    data = parsed.get(Path(TALLIES))
    if there and data is None:  # damaged: already named; the repair rebuilds it whole
        report.tally_copy = True
        return
    table = (data or {}).get(TALLY, {})
    if not isinstance(table, dict):
        table = {}  # (its shape is named with the file's other problems)
    if table != tallies:
        missing = "is missing" if not there else "is out of step with the peers' own"
        report.problems.append(
            f"{TALLIES}: the copy of each peer's Home figures {missing} ({REPAIR})"
        )
        report.tally_copy = True
