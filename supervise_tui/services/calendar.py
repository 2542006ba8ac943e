"""The sessions due next, as an iCalendar file (RFC 5545) any calendar can subscribe to.

One all-day event per peer on the day their next session is due (by their cadence and
usual weekday; today when it is overdue). An event says who meets, and nothing else from
the records: no concerns, goals, notes or ratings ever leave in a calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event


@dataclass(frozen=True)
class DueSession:
    peer_id: str
    peer: str  # the peer's name
    supervisors: list[str]  # names
    on: date
    overdue: bool


def calendar_bytes(due: list[DueSession], now: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//supervise-tui//supervision sessions due//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Supervision sessions due")
    for item in sorted(due, key=lambda d: (d.on, d.peer.casefold())):
        event = Event()
        # one event per peer, its next session: imported again, a calendar moves it to
        # the new day (a later sequence) rather than adding a second one
        event.add("uid", f"{item.peer_id}-next-session@supervise-tui")
        event.add("sequence", int(now.timestamp()) // 60)
        event.add("dtstamp", now)
        event.add("dtstart", item.on)
        event.add("dtend", item.on + timedelta(days=1))
        event.add("summary", f"Supervision with {item.peer}")
        with_whom = ", ".join(item.supervisors) or "a supervisor"
        late = " It is overdue: the usual date has passed." if item.overdue else ""
        event.add("description", f"{item.peer} and {with_whom}.{late}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
