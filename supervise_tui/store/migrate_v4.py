"""Format 3 to 4: a copy of every peer's Home tally in ``tallies/<0-f>.json``.

Home read one small document out of every peer's ``peer.json`` before its first paint;
format 4 also keeps a copy of them all in 16 files (:mod:`.folder.tally_copy`). An encrypted
folder keeps no copy, so for one this step changes nothing. A ``peer.json`` that does
not read is left out (``supervise check`` names it, and its repair puts the peer's
tally back in the copy). Running it again after an interruption writes the same files.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DamagedFile
from .files import ensure_dir, read_json, write_json
from .layout import META, TALLIES, TALLY, copies_by_file, peer_tally


def migrate(root: Path) -> None:
    meta = read_json(root / META)
    if isinstance(meta, dict) and meta.get("encryption"):
        return
    peers = root / "peers"
    tallies = {}
    for peer_id in sorted(os.listdir(peers)) if peers.is_dir() else []:
        path = peers / peer_id / "peer.json"
        if not path.is_file():
            continue
        try:
            data = read_json(path)
        except DamagedFile:
            continue
        tally = peer_tally(data)
        if tally is not None:
            tallies[peer_id] = tally
    ensure_dir(root / TALLIES)
    for rel, docs in copies_by_file(tallies).items():
        write_json(root / rel, {TALLY: docs})
