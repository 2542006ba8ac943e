"""Where everything lives in a data folder, and which file holds what.

The folder (see docs/storage.md)::

    meta.json             format version, when created
    people.json           everyone: names, roles, sites, who supervises whom ("people")
    tallies/<0-f>.json    a copy of every peer's Home tally ("tally", one per peer id),
                          in 16 files by a hash of the id, so Home reads 16 files, not
                          one per peer, and a save rewrites one small one: kept in the
                          same commit as each peer.json's, checked by `supervise check`;
                          never in an encrypted folder (each peer's figures are sealed
                          with their key)
    conflicts.json        people changed both here and in an imported bundle
    journal.json          only while a change to several files is being applied
    backups/<stamp>/      snapshots (real copies)
    .lock                 held by the one writer

Everything of one peer is in their own folder, ``peers/<peer-id>/`` (so an encrypted
folder can lock each peer's records with a key of their own)::

    peer.json             open items (concerns, goals, actions), yearly counts, Home's
                          tally ("tally"), the team view's all-time tally ("team"),
                          the peer's agenda for next time ("input": not derived)
    sessions-YYYY.json    the full records of the sessions held that year
    index-YYYY.json       one light row per session held that year (domain.rows)
    closed-YYYY.json      settled items raised that year
    contacts-YYYY.json    informal contacts between sessions that year (not derived)
    groups-YYYY.json      the peer's copies of group sessions they attended that year
                          (not derived; each holds only that peer's own words)
    drafts/<id>.json      one unfinished session each (autosave)
    conflicts.json        their sessions changed both here and in an imported bundle

Everything but the full records and the peer's input is derived from the records,
so it can be checked and rebuilt. A save touches the year's two files, the open
items and (rarely) one closed file, whatever the size of the history.
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the history's types are not imported to start the app)
    from ..domain.derived import PeerHistory
    from ..domain.tracks import ActionTrack, ConcernTrack, GoalTrack, IdeaTrack

META = "meta.json"
PEOPLE = "people.json"
TALLIES = "tallies"  # the folder of the copy of every peer's tally (plain folders only)
COPY_FILES = tuple(f"{TALLIES}/{n:x}.json" for n in range(16))


def copy_file(peer_id: str) -> str:
    """Which of :data:`COPY_FILES` holds the copy of ``peer_id``'s tally."""
    return COPY_FILES[zlib.crc32(peer_id.encode("utf-8")) & 0xF]


def copies_by_file(tallies: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """Every peer's tally (by peer id) in the file of :data:`COPY_FILES` that holds it."""
    files: dict[str, dict[str, dict]] = {rel: {} for rel in COPY_FILES}
    for peer_id, doc in tallies.items():
        files[copy_file(peer_id)][peer_id] = doc
    return files


def peer_tally(tables: object) -> dict | None:
    """The tally a ``peer.json``'s tables hold (as parsed, of any shape), if any."""
    table = tables.get(TALLY) if isinstance(tables, dict) else None
    doc = table.get(TALLY) if isinstance(table, dict) else None
    return doc if isinstance(doc, dict) else None


CONFLICTS = "conflicts.json"
LOCK = ".lock"


TALLY = "tally"  # the table (and document id) of Home's tally in peer.json
TEAM = "team"  # the table (and document id) of the team view's tally in peer.json


def draft_file(peer_id: str, session_id: str) -> str:
    return f"peers/{peer_id}/drafts/{session_id}.json"


def conflicts_file(peer_id: str | None = None) -> str:
    """Where conflicts are kept: a peer's sessions with them, people in the folder's."""
    return f"peers/{peer_id}/conflicts.json" if peer_id else CONFLICTS


TRACK_TABLES = ("concerns", "ideas", "goals", "actions")  # see track_types
DERIVED_PEER_TABLES = ("years", TALLY, TEAM, *TRACK_TABLES)
PEER_TABLES = (*DERIVED_PEER_TABLES, "input")  # every table peer.json may hold


def track_types() -> dict[str, type]:
    """Each table of TRACK_TABLES and the type of track it keeps."""
    from ..domain.tracks import ActionTrack, ConcernTrack, GoalTrack, IdeaTrack

    return {
        "concerns": ConcernTrack,
        "ideas": IdeaTrack,
        "goals": GoalTrack,
        "actions": ActionTrack,
    }


Docs = dict[str, dict[str, dict[str, dict]]]  # file -> table -> doc id -> doc


def peer_file(peer_id: str) -> str:
    return f"peers/{peer_id}/peer.json"


def shard_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/sessions-{year}.json"


def index_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/index-{year}.json"


def closed_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/closed-{year}.json"


def contacts_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/contacts-{year}.json"


def groups_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/groups-{year}.json"


def raised_on(track: ConcernTrack | IdeaTrack | GoalTrack | ActionTrack) -> date:
    from ..domain.tracks import ConcernTrack, GoalTrack, IdeaTrack

    if isinstance(track, ConcernTrack | IdeaTrack):
        return track.raised_on
    if isinstance(track, GoalTrack):
        return track.set_on
    return track.agreed_on


def item_file(peer_id: str, track: ConcernTrack | IdeaTrack | GoalTrack | ActionTrack) -> str:
    """Open items live with the peer; settled ones by the year they were raised."""
    from ..domain.tracks import is_settled

    if is_settled(track):
        return closed_file(peer_id, raised_on(track).year)
    return peer_file(peer_id)


def derived_docs(history: PeerHistory) -> Docs:
    """Every derived document of a peer (rows, tracks, yearly counts) by file and table."""
    from collections import defaultdict

    from ..domain.rows import row_to_data
    from ..domain.serial import to_data
    from .record_data import record_data  # (msgspec: not needed to start the app)

    peer_id = history.peer_id
    docs: Docs = defaultdict(lambda: defaultdict(dict))
    for row in history.rows:
        docs[index_file(peer_id, row.when.year)]["sessions"][row.id] = row_to_data(row)
    for year, count in history.counts.items():
        docs[peer_file(peer_id)]["years"][str(year)] = to_data(count)
    for name in TRACK_TABLES:
        for item_id, track in getattr(history.tracks, name).items():
            docs[item_file(peer_id, track)][name][item_id] = record_data(track)
    docs[peer_file(peer_id)][TALLY][TALLY] = to_data(history.tally)
    docs[peer_file(peer_id)][TEAM][TEAM] = to_data(history.team)
    return {f: dict(tables) for f, tables in docs.items()}


def is_derived_file(name: str) -> bool:
    return name.startswith(("index-", "closed-"))
