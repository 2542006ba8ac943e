"""What is derived from a peer's records, kept beside them so nothing has to be recounted.

A peer's full session records are the truth. From them follow: one light row per
session (:mod:`.rows`), the tracks of their concerns, goals and actions (:mod:`.tracks`),
their held sessions counted per year and Home's tally (:mod:`.tallies`), and the team
view's all-time figures (:mod:`.team_tally`). A store keeps
all of these up to date at every save and can rebuild them from the records at any
time; :func:`history_of` says exactly what they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Session
from .rows import SessionRow, row_of
from .tallies import PeerTally, YearCount, tally_from_counts, year_counts
from .team_tally import TeamTally, team_tally_of
from .tracks import Tracks, fold_sessions


@dataclass
class PeerHistory:
    """Everything derived from one peer's held sessions."""

    peer_id: str
    rows: list[SessionRow]  # oldest first
    tracks: Tracks
    counts: dict[int, YearCount]
    tally: PeerTally
    team: TeamTally


def history_of(peer_id: str, sessions: list[Session]) -> PeerHistory:
    """What ``sessions`` (a peer's held sessions, in any order) say."""
    ordered = sorted(sessions, key=lambda s: (s.when, s.id))
    tracks = fold_sessions(ordered)
    rows = [row_of(s) for s in ordered]
    counts = year_counts(rows)
    tally = tally_from_counts(peer_id, counts, tracks)
    return PeerHistory(peer_id, rows, tracks, counts, tally, team_tally_of(peer_id, rows, tracks))
