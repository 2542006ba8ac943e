"""Format 1 to 2: each peer's session index and items leave peer.json.

Format 1 kept a peer's whole session index and every item ever raised in
``peer.json``, so each save parsed and rewrote the whole history. Format 2 keeps
only open items and yearly counts there, one light row per session in
``index-YYYY.json`` and settled items in ``closed-YYYY.json`` (see
:mod:`.layout`). Everything moved is derived from the full records, which do not
change, so the step rebuilds it from them; running it again gives the same files.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.derived import history_of
from ..domain.errors import ValidationError
from ..domain.models import Session
from ..domain.serial import from_data, to_data
from .errors import DamagedFile
from .files import read_json, write_json
from .layout import PEOPLE, derived_docs, is_derived_file, peer_file


def migrate(root: Path) -> None:
    peers = root / "peers"
    people_path = root / PEOPLE
    people = read_json(people_path) if people_path.exists() else {}
    summaries = people.setdefault("summaries", {})
    for folder in sorted(peers.iterdir()) if peers.is_dir() else []:
        if not (folder / "peer.json").exists():
            continue
        peer_id = folder.name
        sessions = []
        for path in sorted(folder.glob("sessions-*.json")):
            for doc_id, doc in read_json(path).get("sessions", {}).items():
                try:
                    sessions.append(from_data(Session, doc))
                except ValidationError as error:
                    raise DamagedFile(path, f"record {doc_id} could not be read") from error
        history = history_of(peer_id, sessions)
        docs, summary = derived_docs(history), history.tally
        for path in folder.glob("*.json"):
            if is_derived_file(path.name) and f"peers/{peer_id}/{path.name}" not in docs:
                path.unlink()
        for rel, tables in docs.items():
            if rel != peer_file(peer_id):
                write_json(root / rel, tables)
        old = read_json(folder / "peer.json")
        new = dict(docs.get(peer_file(peer_id), {}))
        new = {name: new.get(name, {}) for name in ("years", "concerns", "goals", "actions")}
        new["input"] = old.get("input", {}) if isinstance(old, dict) else {}
        write_json(folder / "peer.json", new)
        summaries[peer_id] = to_data(summary)
    if people_path.exists():
        write_json(people_path, people)
