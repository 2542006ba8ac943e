"""`supervise export`, `import` and `conflicts`: records leaving and coming back."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK, Ctx, UsageError, open_records, progress, say


def cmd_export(ctx: Ctx, args) -> int:
    from ..usecases.export import export_bytes, write_export

    with open_records(ctx, read_only=True) as store:
        data, count = export_bytes(
            store,
            args.format,
            peer=args.peer,
            site=args.site,
            period_text=args.period,
            table=args.table,
            today=ctx.today(),
            now=ctx.clock(),
            progress=progress("Reading peers"),
        )
        if args.output:
            path = Path(args.output).expanduser()
            write_export(path, data, force=args.force, store=store)
    if args.output:
        say(f"Wrote {count} session(s) to {path} (readable only by you).")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def cmd_import(ctx: Ctx, args) -> int:
    from ..services import bundle as bundles
    from ..services.merge import report_lines
    from ..store.errors import NotFound
    from ..store.files import read_limited
    from ..usecases.imports import apply_import, plan_import

    path = Path(args.file).expanduser()
    try:
        raw = read_limited(path, bundles.MAX_BUNDLE_BYTES, "bundle")
    except ValueError as error:
        raise NotFound(str(error)) from None
    bundle = bundles.parse_bundle(raw)
    del raw
    exists = (ctx.data_dir / "meta.json").exists()
    if args.dry_run:
        if exists:
            with open_records(ctx, read_only=True) as repo:
                plan = plan_import(repo, bundle)
        else:
            plan = plan_import(None, bundle)
        print("\n".join(report_lines(plan, dry_run=True)))
        return EXIT_OK
    if exists:  # check everything against what is here before opening it for writing
        with open_records(ctx, read_only=True) as repo:
            plan_import(repo, bundle)
    else:
        plan_import(None, bundle)
    with open_records(ctx, backup=False) as repo:
        plan = plan_import(repo, bundle)  # again, now that we hold the lock
        backup = apply_import(repo, plan, clock=ctx.clock, progress=progress("Importing peers"))
    print("\n".join(report_lines(plan, dry_run=False)))
    if backup:
        print(f"Before importing, the records were backed up as {backup}.")
    return EXIT_OK


def cmd_conflicts(ctx: Ctx, args) -> int:
    from ..usecases.imports import settle_conflict

    if args.keep:
        if not args.id:
            raise UsageError(
                "say which conflict to settle: supervise conflicts --keep local|incoming ID"
            )
        with open_records(ctx) as repo:
            settle_conflict(repo, args.id, args.keep)
        print(f"Settled {args.id}: kept the {args.keep} version.")
        return EXIT_OK
    with open_records(ctx, read_only=True) as repo:
        found = repo.conflicts()
        people = {p.id: p.name for p in repo.people()}
    if not found:
        print("No conflicts: every imported record merged cleanly.")
        return EXIT_OK
    print(f"{len(found)} record(s) changed both here and elsewhere:")
    for c in found:
        incoming = c.incoming
        if c.kind == "person":
            what = f"person {incoming.get('name', '')}"
        else:
            what = (
                f"session of {people.get(incoming.get('peer_id'), 'a peer')} on "
                f"{str(incoming.get('when', ''))[:10]}"
            )
        print(
            f"  {c.id}: {what} (the other version dated {str(incoming.get('updated_at', ''))[:16]})"
        )
    print("Keep one with: supervise conflicts --keep local|incoming ID")
    return EXIT_OK
