"""An item's log of updates: each with the day and the session it was made in, read in
date order (then by session). Every kind of track (:mod:`.tracks`, :mod:`.idea_tracks`)
keeps one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class UpdateLog:
    """One update in a track's log: the day and the session it was made in."""

    on: date
    session_id: str


def _log_order(log) -> tuple:
    return (log.on, log.session_id)


def ordered_logs(logs: list) -> list:
    """Update logs in date order (then by session); most items have one or none."""
    return sorted(logs, key=_log_order) if len(logs) > 1 else logs


class ByBase:
    """A track is known by its item's id (the item as first written, ``base``)."""

    __slots__ = ()
    base: Any

    @property
    def id(self) -> str:
        return self.base.id


@dataclass(slots=True)
class RaisedTrack(ByBase):
    """What the track of an item *raised* in a session holds (a concern, an idea): whose,
    the session and day it was raised in, the item as raised (``base``), and its log."""

    peer_id: str
    raised_in: str
    raised_on: date
    base: Any
    updates: list = field(default_factory=list)

    def _settled_on(self, settled: Callable[[Any], bool]) -> date | None:
        """The day the item was settled (``settled(status)``) and stayed so since, or None
        while it is open."""
        day = self.raised_on if settled(self.base.status) else None
        for log in ordered_logs(self.updates):
            day = (day or log.on) if settled(log.update.status) else None
        return day
