"""Where a peer's records live, and what the files derived from their sessions hold.

One folder per peer (see docs/storage.md)::

    peer.json             open items (concerns, goals, actions), yearly counts, the
                          peer's agenda for next time ("input": not derived)
    sessions-YYYY.json    the full records of the sessions held that year
    index-YYYY.json       one light row per session held that year (domain.facts)
    closed-YYYY.json      settled items raised that year

Everything but the full records and the peer's input is derived from the records,
so it can be checked and rebuilt. A save touches the year's two files, the open
items and (rarely) one closed file, whatever the size of the history.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..domain import tallies
from ..domain.models import Session
from ..domain.rows import row_of, row_to_data
from ..domain.serial import to_data
from ..domain.tallies import PeerTally
from ..domain.tracks import ActionTrack, ConcernTrack, GoalTrack, fold_sessions, is_settled

TRACK_TABLES: dict[str, type] = {
    "concerns": ConcernTrack,
    "goals": GoalTrack,
    "actions": ActionTrack,
}
DERIVED_PEER_TABLES = ("years", *TRACK_TABLES)

Docs = dict[str, dict[str, dict[str, dict]]]  # file -> table -> doc id -> doc


def peer_file(peer_id: str) -> str:
    return f"peers/{peer_id}/peer.json"


def shard_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/sessions-{year}.json"


def index_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/index-{year}.json"


def closed_file(peer_id: str, year: int) -> str:
    return f"peers/{peer_id}/closed-{year}.json"


def raised_on(track: ConcernTrack | GoalTrack | ActionTrack) -> date:
    if isinstance(track, ConcernTrack):
        return track.raised_on
    if isinstance(track, GoalTrack):
        return track.set_on
    return track.agreed_on


def item_file(peer_id: str, track: ConcernTrack | GoalTrack | ActionTrack) -> str:
    """Open items live with the peer; settled ones by the year they were raised."""
    if is_settled(track):
        return closed_file(peer_id, raised_on(track).year)
    return peer_file(peer_id)


def derived_docs(peer_id: str, sessions: list[Session]) -> tuple[Docs, PeerTally]:
    """Every derived document of a peer, from their full records, and their summary."""
    sessions = sorted(sessions, key=lambda s: (s.when, s.id))
    tracks = fold_sessions(sessions)
    docs: Docs = defaultdict(lambda: defaultdict(dict))
    facts = [row_of(s) for s in sessions]
    for f in facts:
        docs[index_file(peer_id, f.when.year)]["sessions"][f.id] = row_to_data(f)
    counts = tallies.year_counts(facts)
    for year, count in counts.items():
        docs[peer_file(peer_id)]["years"][str(year)] = to_data(count)
    for name in TRACK_TABLES:
        for item_id, track in getattr(tracks, name).items():
            docs[item_file(peer_id, track)][name][item_id] = to_data(track)
    docs.setdefault(peer_file(peer_id), defaultdict(dict))
    summary = tallies.tally_from_counts(peer_id, counts, tracks)
    return {f: dict(tables) for f, tables in docs.items()}, summary


def is_derived_file(name: str) -> bool:
    return name.startswith(("index-", "closed-"))
