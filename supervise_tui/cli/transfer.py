"""`supervise export`, `import` and `conflicts`: records leaving and coming back."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from .common import EXIT_OK, Ctx, UsageError, bundle_passphrase, open_records, progress, say

PLAIN_NOTE = (
    "This export is plain text: anyone who has the file can read it. To move records "
    "to another site, use --format json --seal."
)


def cmd_export(ctx: Ctx, args) -> int:
    from ..services.export import csv_rows
    from ..usecases.export import export_bytes, export_file, export_json, seal_export

    if args.seal and (args.format != "json" or not args.output):
        raise UsageError("--seal makes a JSON bundle in a file: add --format json -o FILE")
    sealing = bundle_passphrase(twice=True) if args.seal else None
    path = Path(args.output).expanduser() if args.output else None
    choice = dict(peer=args.peer, site=args.site, period_text=args.period)
    wrote = ""
    with open_records(ctx, read_only=True) as store, progress("Reading peers") as report:
        now, today = ctx.clock(), ctx.today()
        if args.format == "json" and sealing is None:  # written as it is read
            if path is None:  # the note once the records are found, before the first byte
                target = nullcontext(_noted(sys.stdout.buffer.write))
            else:
                target = export_file(path, force=args.force, store=store)
            with target as write:
                count = export_json(store, write, **choice, today=today, now=now, progress=report)
            data = None
        else:
            data, count = export_bytes(
                store,
                args.format,
                **choice,
                table=args.table,
                today=today,
                now=now,
                progress=report,
            )
            if args.format == "csv":  # what was written: the rows of that table
                wrote = f"{csv_rows(data)} row(s) of the {args.table} table"
            if sealing is not None:
                data = seal_export(data, *sealing)
            if path:
                with export_file(path, force=args.force, store=store) as write:
                    write(data)
    if args.output:
        say(f"Wrote {wrote or f'{count} session(s)'} to {path} (readable only by you).")
        say(
            "It is sealed: it opens only with the passphrase (tell it to the other site "
            "another way than the file)."
            if sealing
            else PLAIN_NOTE
        )
    elif data is not None:
        say(PLAIN_NOTE)
        sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return EXIT_OK


def cmd_import(ctx: Ctx, args) -> int:
    from ..services.merge import report_lines
    from ..usecases.bundle_import import import_bundle
    from ..usecases.imports import is_sealed, read_bundle, unseal

    raw = read_bundle(Path(args.file).expanduser())
    if is_sealed(raw):
        raw = unseal(raw, bundle_passphrase(twice=False)[0])
    exists = (ctx.data_dir / "meta.json").exists()
    if args.dry_run:
        with (
            open_records(ctx, read_only=True) if exists else nullcontext() as repo,
            progress("Checking peers") as report,
        ):
            plan, _ = import_bundle(repo, raw, clock=ctx.clock, dry_run=True, progress=report)
        print("\n".join(report_lines(plan, dry_run=True)))
        return EXIT_OK
    with (
        new_folder_undone(ctx.data_dir, exists),
        open_records(ctx, backup=False) as repo,
        progress("Importing peers") as report,
    ):
        plan, backup = import_bundle(repo, raw, clock=ctx.clock, progress=report)
    print("\n".join(report_lines(plan, dry_run=False)))
    if backup:
        print(f"Before importing, the records were backed up as {backup}.")
    return EXIT_OK


def _noted(write):
    said = []

    def first_noted(data: bytes) -> None:
        if not said:
            say(PLAIN_NOTE)
            said.append(True)
        write(data)

    return first_noted


@contextmanager
def new_folder_undone(folder: Path, exists: bool) -> Iterator[None]:
    """An import into a folder that holds no records yet makes it as it goes; a bundle
    refused (or the import stopped) leaves no folder behind (or an empty one as empty)."""
    was_there = folder.is_dir()
    if exists or (was_there and any(folder.iterdir())):  # (what was there is not ours)
        yield
        return
    try:
        yield
    except BaseException:
        if was_there:
            for child in folder.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def cmd_conflicts(ctx: Ctx, args) -> int:
    from ..services.ids import SHORT_ID
    from ..usecases.imports import compare_conflict, settle_conflict

    if args.keep and args.show:
        raise UsageError("--show and --keep go one at a time: look first, then settle")
    if args.keep:
        if not args.id:
            raise UsageError(
                "say which conflict to settle: supervise conflicts --keep local|incoming ID"
            )
        with open_records(ctx) as repo:
            settled = settle_conflict(repo, args.id, args.keep)
        print(f"Settled {settled.id}: kept the {args.keep} version.")
        return EXIT_OK
    if args.show or args.id:
        with open_records(ctx, read_only=True) as repo:
            conflict, found = compare_conflict(repo, args.show or args.id)
        _show(conflict, found)
        return EXIT_OK
    with open_records(ctx, read_only=True) as repo:
        found = repo.conflicts()
        people = {p.id: p.name for p in repo.people()}
    if not found:
        print("No conflicts: every imported record merged cleanly.")
        return EXIT_OK
    print(f"{len(found)} record(s) changed both here and elsewhere:")
    for c in found:
        print(f"  {c.id}: {_what(c, people)} (the other version dated {_dated(c)})")
    print("See the differences with: supervise conflicts --show ID")
    print("Keep one with: supervise conflicts --keep local|incoming ID")
    print(f"(ID: the whole id, or its first {SHORT_ID} or more characters if no other begins so.)")
    return EXIT_OK


def _what(c, people: dict[str, str]) -> str:
    incoming = c.incoming
    if c.kind == "person":
        return f"person {incoming.get('name', '')}"
    return (
        f"session of {people.get(incoming.get('peer_id'), 'a peer')} on "
        f"{str(incoming.get('when', ''))[:10]}"
    )


def _dated(c) -> str:
    return str(c.incoming.get("updated_at", ""))[:16]


def _show(conflict, found) -> None:
    """The two versions field by field: where, the version here, the incoming one."""
    print(f"Conflict {conflict.id}: the {conflict.kind} as it is here, and the incoming version.")
    if not found:
        print("The two versions hold the same (only their bookkeeping differs).")
    else:
        rows = [("field", "here (local)", "incoming")]
        rows += [(d.path, d.local, d.incoming) for d in found]
        wide = [max(len(row[i]) for row in rows) for i in (0, 1)]
        for path, local, incoming in rows:
            print(f"  {path:<{wide[0]}}  {local:<{wide[1]}}  {incoming}".rstrip())
    print(f"Keep one with: supervise conflicts --keep local|incoming {conflict.id}")
