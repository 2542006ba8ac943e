"""Reading a peer's history: light rows, full records, tracks, counts, their agenda.

Lists and trends read the light rows (``index-YYYY.json``) and never open a full
record; only the years asked for are read. Open tracks live in ``peer.json``, settled
ones in ``closed-YYYY.json`` by the year they were raised (see :mod:`..layout`).
"""

from __future__ import annotations

import functools
import os
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING

from ...domain.stamps import check_id
from ...domain.tallies import YearCount
from ..errors import DamagedFile, NotFound
from ..layout import (
    PEER_TABLES,
    TEAM,
    TRACK_TABLES,
    closed_file,
    index_file,
    peer_file,
    shard_file,
    track_types,
)
from .base import FolderBase

if TYPE_CHECKING:  # (the history's types are imported when first read, not to start)
    from ...domain.models import PeerInput, Session
    from ...domain.rows import SessionRow
    from ...domain.team_tally import TeamTally
    from ...domain.tracks import Tracks


def within(value, start, end) -> bool:
    """``start <= value <= end``, where a bound that is None is open."""
    return (start is None or value >= start) and (end is None or value <= end)


_INT = {int}


def _counts(value) -> dict[str, int]:
    if type(value) is not dict or not set(map(type, value.values())) <= _INT:
        raise TypeError
    return value


def _of(kind: type | tuple, *, none: bool = False):
    def check(value):
        if (value is None and none) or type(value) in (
            kind if isinstance(kind, tuple) else (kind,)
        ):
            return value
        raise TypeError

    return check


_TEAM_FIELDS = {
    **dict.fromkeys(("peer_id", "clarity_direction", "days", "clarity", "resolved"), _of(str)),
    **dict.fromkeys(("held", "first", "last", "fits", "drifting", "open_concerns"), _of(int)),
    **dict.fromkeys(("supervisor_on_time", "supervisor_late"), _of(int)),
    **dict.fromkeys(("longest_gap", "clarity_latest"), _of(int, none=True)),
    **dict.fromkeys(("clarity_average_x100", "median_resolved_x2"), _of(int, none=True)),
    **dict.fromkeys(("categories", "supervisors", "rises", "since_rise"), _counts),
    "supervisor_open": _counts,
}


def team_from_doc(doc: dict) -> TeamTally:
    """A kept team tally, every field's type checked (quicker than the general reader:
    the team view reads one for every peer). TypeError or KeyError when it is not one."""
    from ...domain.team_tally import TeamTally

    return TeamTally(**{name: check(doc[name]) for name, check in _TEAM_FIELDS.items()})


def _years_in(names: list[str], stems: tuple[str, ...]) -> list[int]:
    """The years of the files called ``<stem>-YYYY.json`` among ``names``."""
    years = set()
    for name in names:
        stem, _, year = name.removesuffix(".json").partition("-")
        if stem in stems and name.endswith(".json") and year.isdigit():
            years.add(int(year))
    return sorted(years)


class HistoryRoom(FolderBase):
    def years(self, peer_id: str) -> dict[int, YearCount]:
        rel = peer_file(check_id(peer_id))
        found = {}
        for key, doc in self._raw(rel, "years"):
            count = self._load(YearCount, rel, doc, key)
            if not key.isdigit():
                raise DamagedFile(self.root / rel, f"year {key!r} is not a year")
            found[int(key)] = count
        return found

    def rows(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[SessionRow]:
        peer_id = check_id(peer_id)
        found = [
            row
            for year in self._years_between(peer_id, start, end)
            for row in self._rows_in(index_file(peer_id, year))
            if within(row.day, start, end)
        ]
        found.sort(key=attrgetter("when", "id"))
        return found

    def _years_between(self, peer_id: str, start: date | None, end: date | None) -> list[int]:
        first, last = start and start.year, end and end.year
        return [year for year in self._index_years(peer_id) if within(year, first, last)]

    def _index_years(self, peer_id: str) -> list[int]:
        """The years a peer has files for: every year with a session has its record and
        index files (listed, not read; either is enough, so a repair finds a year whose
        index was lost). ``years()`` is for the counts."""
        try:
            names = os.listdir(self.root / "peers" / peer_id)
        except FileNotFoundError:
            return []
        return _years_in(names, ("index", "sessions"))

    def _held_between(
        self, cls: type, table: str, file_of, years: list[int], start: date | None, end: date | None
    ) -> list:
        """The records of type ``cls`` in the files ``file_of(year)`` between two days, by
        when they were, oldest first."""
        first, last = start and start.year, end and end.year
        found = []
        for year in years:
            if not within(year, first, last):
                continue
            rel = file_of(year)
            for doc_id, doc in self._raw(rel, table):
                record = self._load(cls, rel, doc, doc_id)
                if within(record.day, start, end):
                    found.append(record)
        return sorted(found, key=lambda r: (r.when, r.id))

    def sessions(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Session]:
        from ...domain.models import Session

        peer_id = check_id(peer_id)
        shard = functools.partial(shard_file, peer_id)
        return self._held_between(
            Session, "sessions", shard, self._index_years(peer_id), start, end
        )

    def session_data(self, peer_id: str) -> list[dict]:
        peer_id = check_id(peer_id)
        found: list[tuple[datetime, str, dict]] = []
        for year in self._index_years(peer_id):
            rel = shard_file(peer_id, year)
            for doc in self._docs_passing(rel, "sessions"):
                try:
                    found.append((datetime.fromisoformat(doc["when"]), doc["id"], doc))
                except (KeyError, TypeError, ValueError):
                    reason = "a session does not have the expected shape"
                    raise self._damaged(self.root / rel, reason, rel) from None
        found.sort(key=lambda entry: entry[:2])
        return [doc for _, _, doc in found]

    def session(self, peer_id: str, session_id: str, year: int | None = None) -> Session:
        peer_id = check_id(peer_id)
        row = self.filed_row(peer_id, session_id, year, anywhere=True)
        if row is not None:
            rel = shard_file(peer_id, row.when.year)
            doc = self._get(rel, "sessions", session_id)
            if doc is not None:
                from ...domain.models import Session

                return self._load(Session, rel, doc, session_id)
        raise NotFound("That session is not in the records.")

    def filed_row(
        self, peer_id: str, session_id: str, year: int | None, *, anywhere: bool
    ) -> SessionRow | None:
        """A held session's light row (its year is where it is filed), or None. Looks in
        ``year`` first, and in every other year only when ``anywhere``."""
        peer_id = check_id(peer_id)
        years = self._index_years(peer_id)[::-1]
        order = [year] if year in years else []
        if anywhere:
            order += [y for y in years if y != year]
        for y in order:
            rel = index_file(peer_id, y)
            doc = self._get(rel, "sessions", session_id)
            if doc is not None:
                return self._row(rel, session_id, doc)
        return None

    def open_tracks(self, peer_id: str) -> Tracks:
        return self._tracks_in([peer_file(check_id(peer_id))])

    def team_tally(self, peer_id: str) -> TeamTally | None:
        rel = peer_file(check_id(peer_id))
        doc = self._peek(rel, TEAM, TEAM, PEER_TABLES)  # (the rest of the file is not parsed)
        if doc is None:
            return None
        try:
            return team_from_doc(doc)
        except (TypeError, KeyError):
            reason = "the team tally does not have the expected shape"
            raise self._damaged(self.root / rel, reason, rel) from None

    def tracks(self, peer_id: str) -> Tracks:
        peer_id = check_id(peer_id)
        rels = [peer_file(peer_id)]
        rels += [closed_file(peer_id, year) for year in self._index_years(peer_id)]
        return self._tracks_in([rel for rel in rels if (self.root / rel).exists()])

    def tracks_for(self, peer_id: str, ids: set[str]) -> Tracks:
        tracks = self.open_tracks(peer_id)
        missing = set(ids).difference(*(getattr(tracks, name) for name in TRACK_TABLES))
        for year in reversed(self._index_years(peer_id)) if missing else ():
            rel = closed_file(peer_id, year)
            if not (self.root / rel).exists():
                continue
            found = self._tracks_in([rel], missing)
            for name in TRACK_TABLES:
                getattr(tracks, name).update(getattr(found, name))
                missing -= set(getattr(found, name))
            if not missing:
                break
        return tracks

    def _tracks_in(self, rels: list[str], wanted: set[str] | None = None) -> Tracks:
        from ...domain.tracks import Tracks

        tracks = Tracks()
        for rel in rels:
            for name, cls in track_types().items():
                table = getattr(tracks, name)
                for doc_id, doc in self._raw(rel, name):
                    if wanted is None or doc_id in wanted:
                        table[doc_id] = self._load(cls, rel, doc, doc_id)
        return tracks

    def peer_input(self, peer_id: str) -> PeerInput:
        from ...domain.models import PeerInput

        rel = peer_file(check_id(peer_id))
        doc = self._get(rel, "input", "next")
        return PeerInput() if doc is None else self._load(PeerInput, rel, doc, "next")

    def peers_with_records(self) -> list[str]:
        folder = self.root / "peers"
        if not folder.is_dir():
            return []
        where = str(folder)  # (plain strings: Home asks this of hundreds of folders at start)
        return sorted(n for n in os.listdir(where) if os.path.exists(f"{where}/{n}/peer.json"))

    def session_owners(self) -> dict[str, str]:
        owners: dict[str, str] = {}
        for peer_id in self.peers_with_records():
            if not self._can_read(peer_file(peer_id)):
                continue
            for row in self.rows(peer_id):
                owners[row.id] = peer_id
        return owners
