"""Exporting records: a JSON bundle to move them, Markdown to read, CSV for tables.

Behind `supervise export` and the TUI's export. An export only reads; its file is
written privately (0600), never half-written, and never into the data folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..domain.enums import Role
from ..domain.models import Person, Session
from ..domain.passphrases import check_passphrase
from ..domain.tracks import Tracks
from ..services import bundle as bundles
from ..services.export import csv_text, markdown_record
from ..services.periods import Period, parse_period
from ..store.backend import Backend
from ..store.errors import NotFound, SaveFailed
from ..store.files import atomic_write
from .contacts import contacts_of
from .people import find_person, visible_peers


@dataclass
class Selection:
    peers: list[Person]
    people: dict[str, Person]
    sessions: dict[str, list[Session]]
    tracks: dict[str, Tracks]
    period: Period


def select(
    store: Backend,
    *,
    peer: str | None,
    site: str | None,
    period: Period,
    progress=None,
    only: list[Person] | None = None,
) -> Selection:
    people = {p.id: p for p in store.people()}
    if only is not None:
        peers = list(only)
    elif peer:
        peers = [find_person(store, peer, Role.PEER)]
    else:
        peers = visible_peers(store)
        if site:
            wanted = " ".join(site.split()).casefold()
            peers = [p for p in peers if p.site.casefold() == wanted]
            if not peers:
                raise NotFound(f"No peer specialist is at a site called {site!r}.")
    sessions, tracks = {}, {}
    for done, person in enumerate(sorted(peers, key=lambda p: p.name.casefold()), 1):
        sessions[person.id] = [s for s in store.sessions(person.id) if period.contains(s.day)]
        tracks[person.id] = store.tracks(person.id)
        if progress is not None:
            progress(done, len(peers))
    return Selection(peers, people, sessions, tracks, period)


def with_origins(all_sessions: list[Session], chosen: list[Session]) -> list[Session]:
    """Add the earlier sessions that raised the items ``chosen`` sessions update.

    A bundle must be importable on its own: an update needs its item.
    """
    raised_in: dict[str, Session] = {}
    for s in all_sessions:
        for item in (*s.concerns, *s.goals, *s.actions):
            raised_in[item.id] = s
    result = {s.id: s for s in chosen}
    todo = list(chosen)
    while todo:
        s = todo.pop()
        for update in (*s.concern_updates, *s.goal_updates, *s.action_updates):
            item_id = (
                getattr(update, "concern_id", None)
                or getattr(update, "goal_id", None)
                or getattr(update, "action_id", None)
            )
            origin = raised_in.get(item_id)
            if origin is not None and origin.id not in result:
                result[origin.id] = origin
                todo.append(origin)
    return sorted(result.values(), key=lambda s: (s.when, s.id))


def export_bytes(
    store: Backend,
    fmt: str,
    *,
    peer: str | None = None,
    site: str | None = None,
    period_text: str = "all",
    table: str = "sessions",
    today: date,
    now: datetime,
    progress=None,
    only: list[Person] | None = None,
) -> tuple[bytes, int]:
    """The export as bytes, and how many sessions it holds."""
    period = parse_period(period_text, today)
    sel = select(store, peer=peer, site=site, period=period, progress=progress, only=only)
    count = sum(len(v) for v in sel.sessions.values())
    if fmt == "json":
        sessions: list[Session] = []
        for person in sel.peers:
            everything = store.sessions(person.id)
            sessions += with_origins(everything, sel.sessions[person.id])
        ids = {p.id for p in sel.peers}
        for s in sessions:
            ids.update(s.supervisor_ids)
        contacts = [
            c
            for person in sel.peers
            for c in store.contacts(person.id)
            if sel.period.contains(c.day)
        ]
        ids.update(c.by for c in contacts)
        people = [sel.people[i] for i in sorted(ids) if i in sel.people]
        data = bundles.build_bundle(people, sessions, site=site or "", now=now, contacts=contacts)
        return bundles.dumps(data), len(sessions)
    if fmt in ("md", "html"):
        parts = [
            markdown_record(
                p,
                sel.sessions[p.id],
                sel.tracks[p.id],
                sel.people,
                period_label=period.label,
                today=today,
                contacts=[c for c in contacts_of(store, p.id) if period.contains(c.day)],
            )
            for p in sorted(sel.peers, key=lambda p: p.name.casefold())
        ]
        text = "\n\n---\n\n".join(parts)
        if fmt == "html":
            text = _page(text, sel.peers, now)
        return text.encode("utf-8"), count
    peers = {p.id: p for p in sel.peers}
    text = csv_text(table, peers, sel.sessions, sel.tracks, sel.people, today)
    return text.encode("utf-8"), count


def _page(markdown: str, peers: list[Person], now: datetime) -> str:
    """Peers' records as one page to print: a new sheet for each peer, and lines for the
    peer and a supervisor to sign when it is one peer's record."""
    from ..domain.dates import human_datetime
    from ..services.printing import printable_page

    one = len(peers) == 1
    title = f"Supervision record — {peers[0].name}" if one else "Supervision records"
    return printable_page(
        title,
        markdown,
        signers=[peers[0].name, "Supervisor"] if one else None,
        printed=f"Printed {human_datetime(now.astimezone())} by supervise.",
    )


def write_export(path: Path, data: bytes, *, force: bool, store: Backend | None = None) -> None:
    """Write an export file privately (0600), never half-written, never into the records."""
    path = path.expanduser()
    if store is not None and store.holds_path(path):
        raise SaveFailed(
            f"{path} is inside the data folder {store.where}; an export goes somewhere else "
            "(it would be taken for records, or replace them)."
        )
    if path.is_dir():
        raise SaveFailed(f"{path} is a folder; give the export a file name.")
    if path.exists() and not force:
        raise SaveFailed(
            f"{path} already exists; choose another name, or add --force to replace it."
        )
    if not path.parent.is_dir():
        raise SaveFailed(f"The folder {path.parent} does not exist.")
    atomic_write(path, data)


def seal_export(data: bytes, passphrase: str, again: str) -> bytes:
    """A bundle sealed with a passphrase for the journey to another site (the people
    there type the same passphrase to import it)."""
    from ..store.crypto.bundles import seal_bundle

    check_passphrase(passphrase, again)
    return seal_bundle(data, passphrase)
