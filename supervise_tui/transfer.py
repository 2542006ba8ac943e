"""Export, import and conflicts: the work behind `supervise export|import|conflicts`.

Also used by the TUI's export. Exports only read; imports validate everything
before anything local is touched.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import lookback
from .domain.enums import Role
from .domain.models import Person, Session, now_utc
from .domain.rules import Heads
from .services import bundle as bundles
from .services.export import csv_text, markdown_record
from .services.periods import Period, parse_period
from .store.errors import NotFound, SaveFailed
from .store.files import atomic_write
from .store.repository import Repository


@dataclass
class Selection:
    peers: list[Person]
    people: dict[str, Person]
    sessions: dict[str, list[Session]]
    heads: dict[str, Heads]
    period: Period


def select(
    repo,
    *,
    peer: str | None,
    site: str | None,
    period: Period,
    progress=None,
    only: list[Person] | None = None,
) -> Selection:
    people = {p.id: p for p in repo.people()}
    if only is not None:
        peers = list(only)
    elif peer:
        peers = [lookback.find_person(repo, peer, Role.PEER)]
    else:
        peers = [p for p in people.values() if p.role == Role.PEER]
        if site:
            wanted = " ".join(site.split()).casefold()
            peers = [p for p in peers if p.site.casefold() == wanted]
            if not peers:
                raise NotFound(f"No peer specialist is at a site called {site!r}.")
    sessions, heads = {}, {}
    for done, person in enumerate(sorted(peers, key=lambda p: p.name.casefold()), 1):
        sessions[person.id] = [s for s in repo.sessions(person.id) if period.contains(s.day)]
        heads[person.id] = repo.heads(person.id)
        if progress is not None:
            progress(done, len(peers))
    return Selection(peers, people, sessions, heads, period)


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
    repo,
    fmt: str,
    *,
    peer: str | None = None,
    site: str | None = None,
    period_text: str = "all",
    table: str = "sessions",
    today: date,
    progress=None,
    only: list[Person] | None = None,
) -> tuple[bytes, int]:
    """The export as bytes, and how many sessions it holds."""
    period = parse_period(period_text, today)
    sel = select(repo, peer=peer, site=site, period=period, progress=progress, only=only)
    count = sum(len(v) for v in sel.sessions.values())
    if fmt == "json":
        sessions: list[Session] = []
        for person in sel.peers:
            everything = repo.sessions(person.id)
            sessions += with_origins(everything, sel.sessions[person.id])
        ids = {p.id for p in sel.peers}
        for s in sessions:
            ids.update(s.supervisor_ids)
        people = [sel.people[i] for i in sorted(ids) if i in sel.people]
        data = bundles.build_bundle(people, sessions, site=site or "", now=now_utc())
        return bundles.dumps(data), len(sessions)
    if fmt == "md":
        parts = [
            markdown_record(
                p,
                sel.sessions[p.id],
                sel.heads[p.id],
                sel.people,
                period_label=period.label,
                today=today,
            )
            for p in sorted(sel.peers, key=lambda p: p.name.casefold())
        ]
        return "\n\n---\n\n".join(parts).encode("utf-8"), count
    peers = {p.id: p for p in sel.peers}
    text = csv_text(table, peers, sel.sessions, sel.heads, sel.people, today)
    return text.encode("utf-8"), count


def write_export(path: Path, data: bytes, *, force: bool) -> None:
    """Write an export file privately (0600), never half-written."""
    path = path.expanduser()
    if path.exists() and not force:
        raise SaveFailed(
            f"{path} already exists; choose another name, or add --force to replace it."
        )
    if not path.parent.is_dir():
        raise SaveFailed(f"The folder {path.parent} does not exist.")
    atomic_write(path, data)


def _progress(label: str):
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report


def cmd_export(data_dir: Path, args) -> int:
    today = date.today()
    with Repository.open(data_dir, read_only=True) as repo:
        data, count = export_bytes(
            repo,
            args.format,
            peer=args.peer,
            site=args.site,
            period_text=args.period,
            table=args.table,
            today=today,
            progress=_progress("Reading peers"),
        )
    if args.output:
        write_export(Path(args.output), data, force=args.force)
        print(
            f"Wrote {count} session(s) to {Path(args.output).expanduser()} (readable only by you).",
            file=sys.stderr,
        )
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def plan_import(repo, bundle: bundles.Bundle) -> bundles.MergePlan:
    local_people = {p.id: p for p in repo.people()} if repo is not None else {}
    peer_ids = {s.peer_id for s in bundle.sessions}
    items = repo.item_ids(peer_ids) if repo is not None else {}
    bundles.check_references(bundle, local_people, items)
    local_sessions = repo.all_sessions_by_id(peer_ids) if repo is not None else {}
    return bundles.plan_merge(bundle, local_people, local_sessions)


def cmd_import(data_dir: Path, args) -> int:
    path = Path(args.file).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"There is no file at {path}.") from None
    except OSError as error:
        raise NotFound(f"{path} cannot be read ({error.strerror}).") from None
    bundle = bundles.parse_bundle(raw)
    exists = (data_dir / "meta.json").exists()
    if args.dry_run:
        if exists:
            with Repository.open(data_dir, read_only=True) as repo:
                plan = plan_import(repo, bundle)
        else:
            plan = plan_import(None, bundle)
        print("\n".join(bundles.report_lines(plan, dry_run=True)))
        return 0
    if exists:  # check everything against what is here before opening it for writing
        with Repository.open(data_dir, read_only=True) as repo:
            plan_import(repo, bundle)
    else:
        plan_import(None, bundle)
    with Repository.open(data_dir, backup=False) as repo:
        plan = plan_import(repo, bundle)  # again, now that we hold the lock
        backup = repo.apply_import(plan, progress=_progress("Importing peers"))
    print("\n".join(bundles.report_lines(plan, dry_run=False)))
    if backup:
        print(f"Before importing, the records were backed up as {backup}.")
    return 0


def cmd_conflicts(data_dir: Path, args) -> int:
    if args.keep:
        if not args.id:
            raise NotFound(
                "Say which conflict to settle: supervise conflicts --keep local|incoming ID"
            )
        with Repository.open(data_dir) as repo:
            repo.settle_conflict(args.id, args.keep)
        print(f"Settled {args.id}: kept the {args.keep} version.")
        return 0
    with Repository.open(data_dir, read_only=True) as repo:
        found = repo.conflicts()
        people = {p.id: p.name for p in repo.people()}
    if not found:
        print("No conflicts: every imported record merged cleanly.")
        return 0
    print(f"{len(found)} record(s) changed both here and elsewhere:")
    for c in found:
        incoming = c["incoming"]
        if c["kind"] == "person":
            what = f"person {incoming.get('name', '')}"
        else:
            what = (
                f"session of {people.get(incoming.get('peer_id'), 'a peer')} on "
                f"{str(incoming.get('when', ''))[:10]}"
            )
        print(
            f"  {c['id']}: {what} (the other version dated "
            f"{str(incoming.get('updated_at', ''))[:16]})"
        )
    print("Keep one with: supervise conflicts --keep local|incoming ID")
    return 0
