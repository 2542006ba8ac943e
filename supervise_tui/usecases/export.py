"""Exporting records: a JSON bundle to move them, Markdown to read, CSV for tables.

Behind `supervise export` and the TUI's export. An export only reads; its file is
written privately (0600), never half-written, and never into the data folder. A JSON
bundle is written peer by peer as it is read (:func:`export_json`): it never holds more
than one peer's records, and over all time it passes each stored session on as it is,
without building the record in between.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..domain.enums import Role
from ..domain.models import Person, Session
from ..domain.passphrases import check_passphrase
from ..domain.serial import to_data
from ..domain.tracks import Tracks
from ..services.bundle_stream import write_bundle
from ..services.export import csv_text, markdown_record
from ..services.periods import Period, parse_period
from ..store.backend import Backend
from ..store.errors import NotFound, SaveFailed
from ..store.files import atomic_writer
from .contacts import contacts_of
from .groups import groups_of
from .people import find_person, visible_peers


@dataclass
class Selection:
    peers: list[Person]
    people: dict[str, Person]
    sessions: dict[str, list[Session]]
    tracks: dict[str, Tracks]
    period: Period


def chosen_peers(
    store: Backend, *, peer: str | None, site: str | None, only: list[Person] | None
) -> list[Person]:
    """The peers an export is of: ``only`` these, one by name, those at a site, or all."""
    if only is not None:
        return list(only)
    if peer:
        return [find_person(store, peer, Role.PEER)]
    peers = visible_peers(store)
    if site:
        wanted = " ".join(site.split()).casefold()
        peers = [p for p in peers if p.site.casefold() == wanted]
        if not peers:
            raise NotFound(f"No peer specialist is at a site called {site!r}.")
    return peers


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
    peers = chosen_peers(store, peer=peer, site=site, only=only)
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
        for item in (*s.concerns, *s.ideas, *s.goals, *s.actions):
            raised_in[item.id] = s
    result = {s.id: s for s in chosen}
    todo = list(chosen)
    while todo:
        s = todo.pop()
        for update in (*s.concern_updates, *s.idea_updates, *s.goal_updates, *s.action_updates):
            item_id = (
                getattr(update, "concern_id", None)
                or getattr(update, "idea_id", None)
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
    if fmt == "json":
        out = io.BytesIO()
        chosen = {"peer": peer, "site": site, "only": only, "period_text": period_text}
        count = export_json(store, out.write, **chosen, today=today, now=now, progress=progress)
        return out.getvalue(), count
    period = parse_period(period_text, today)
    sel = select(store, peer=peer, site=site, period=period, progress=progress, only=only)
    count = sum(len(v) for v in sel.sessions.values())
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
                groups=[g for g in groups_of(store, p.id) if period.contains(g.day)],
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


def export_json(
    store: Backend,
    write: Callable[[bytes], None],
    *,
    peer: str | None = None,
    site: str | None = None,
    period_text: str = "all",
    today: date,
    now: datetime,
    progress=None,
    only: list[Person] | None = None,
) -> int:
    """A JSON bundle written through ``write`` peer by peer; returns how many sessions
    it holds (with the earlier ones that raised items the chosen ones update)."""
    period = parse_period(period_text, today)
    peers = chosen_peers(store, peer=peer, site=site, only=only)
    named = {p.id for p in peers}  # the people the bundle carries

    def sessions() -> Iterator[dict]:
        for done, person in enumerate(peers, 1):
            for doc in _peer_data(store, person.id, period):
                named.update(doc["supervisor_ids"])
                yield doc
            if progress is not None:
                progress(done, len(peers))

    def contacts() -> list[dict]:
        noted = [c for p in peers for c in store.contacts(p.id) if period.contains(c.day)]
        named.update(c.by for c in noted)
        return [to_data(c) for c in noted]

    def groups() -> list[dict]:
        copies = [g for p in peers for g in store.groups(p.id) if period.contains(g.day)]
        named.update(person_id for g in copies for person_id in g.present)
        return [to_data(g) for g in copies]

    def people() -> list[dict]:
        return [to_data(p) for p in store.people() if p.id in named]

    return write_bundle(
        write, sessions(), people, site=site or "", now=now, contacts=contacts, groups=groups
    )


def _peer_data(store: Backend, peer_id: str, period: Period) -> list[dict]:
    """One peer's sessions for a bundle, as stored data: over all time as they are
    stored; over a period, those in it and the earlier ones their updates need."""
    if period.start is None and hasattr(store, "session_data"):  # (a backend may not)
        docs = store.session_data(peer_id)
        last = period.end.isoformat()
        if all(doc["when"][:10] <= last for doc in docs):
            return docs
    everything = store.sessions(peer_id)
    chosen = [s for s in everything if period.contains(s.day)]
    return [to_data(s) for s in with_origins(everything, chosen)]


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
    with export_file(path, force=force, store=store) as write:
        write(data)


@contextmanager
def export_file(
    path: Path, *, force: bool, store: Backend | None = None
) -> Iterator[Callable[[bytes], None]]:
    """An export file written piece by piece in the block: privately (0600), never
    half-written (an error leaves what was there), never into the records."""
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
    with atomic_writer(path) as write:
        yield write


def seal_export(data: bytes, passphrase: str, again: str) -> bytes:
    """A bundle sealed with a passphrase for the journey to another site (the people
    there type the same passphrase to import it)."""
    from ..store.crypto.bundles import seal_bundle

    check_passphrase(passphrase, again)
    return seal_bundle(data, passphrase)
