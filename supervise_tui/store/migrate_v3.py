"""Format 2 to 3: everything of one peer moves into their own folder.

So that an encrypted folder can lock each peer's records with a key of their own, a
peer's drafts move to ``peers/<id>/drafts/``, their tally (Home's counts) from
``people.json`` into their ``peer.json``, and conflicts about their sessions from
``conflicts.json`` into ``peers/<id>/conflicts.json``. Each step writes the new place
before it removes the old, so running it again after an interruption finishes it.
"""

from __future__ import annotations

from pathlib import Path

from .files import ensure_dir, read_json, remove, write_json
from .layout import CONFLICTS, PEOPLE, TALLY, conflicts_file, draft_file, peer_file


def migrate(root: Path) -> None:
    _move_drafts(root)
    _move_tallies(root)
    _move_conflicts(root)


def _move_drafts(root: Path) -> None:
    folder = root / "drafts"
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data = read_json(path)
        for doc_id, doc in data.get("draft", {}).items():
            target = root / draft_file(str(doc.get("peer_id", "")), doc_id)
            ensure_dir(target.parent)
            write_json(target, {"draft": {doc_id: doc}})
        remove(path)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _move_tallies(root: Path) -> None:
    people_path = root / PEOPLE
    if not people_path.exists():
        return
    people = read_json(people_path)
    for peer_id, tally in people.get("summaries", {}).items():
        path = root / peer_file(peer_id)
        if path.exists():
            doc = read_json(path)
            doc[TALLY] = {TALLY: tally}
            write_json(path, doc)
    if "summaries" in people:
        del people["summaries"]
        write_json(people_path, people)


def _move_conflicts(root: Path) -> None:
    path = root / CONFLICTS
    if not path.exists():
        return
    data = read_json(path)
    kept = {}
    for conflict_id, conflict in data.get("conflicts", {}).items():
        peer_id = conflict.get("incoming", {}).get("peer_id")
        if conflict.get("kind") != "session" or not peer_id:
            kept[conflict_id] = conflict
            continue
        target = root / conflicts_file(peer_id)
        ensure_dir(target.parent)
        doc = read_json(target) if target.exists() else {"conflicts": {}}
        doc["conflicts"][conflict_id] = conflict
        write_json(target, doc)
    if kept:
        write_json(path, {"conflicts": kept})
    else:
        remove(path)
