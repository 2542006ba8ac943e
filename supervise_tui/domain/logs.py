"""An item's log of updates: each with the day and the session it was made in, read in
date order (then by session). Every kind of track (:mod:`.tracks`, :mod:`.idea_tracks`)
keeps one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
