"""`supervise print`: a record as one page to open in a browser and print (and sign)."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK, Ctx, UsageError, open_records, say


def cmd_print(ctx: Ctx, args) -> int:
    from ..usecases.export import write_export

    chosen = [bool(args.session), args.history, args.hours]
    if sum(chosen) != 1:
        raise UsageError("say what to print: --session ID, --history --peer NAME, or --hours")
    if args.history and not args.peer:
        raise UsageError("--history prints one peer's record: add --peer NAME")
    with open_records(ctx, read_only=True) as store:
        page = _page(ctx, store, args)
        if args.output:
            path = Path(args.output).expanduser()
            write_export(path, page.encode("utf-8"), force=args.force, store=store)
    if args.output:
        say(f"Wrote a page to print to {path} (readable only by you); open it in a browser.")
    else:
        sys.stdout.write(page)
        sys.stdout.flush()
    return EXIT_OK


def _page(ctx: Ctx, store, args) -> str:
    if args.session:
        from ..services.printing import session_page
        from ..usecases.lookup import find_session

        found = find_session(store, args.session)
        return session_page(found.session, found.people, found.tracks, ctx.clock())
    if args.history:
        from ..usecases.export import export_bytes

        data, _count = export_bytes(
            store,
            "html",
            peer=args.peer,
            period_text=args.period or "all",
            today=ctx.today(),
            now=ctx.clock(),
        )
        return data.decode("utf-8")
    return _hours_page(ctx, store, args)


def _hours_page(ctx: Ctx, store, args) -> str:
    from ..services.periods import parse_period
    from ..services.printing import hours_page
    from ..usecases.hours import agency_targets, hours_for
    from ..usecases.people import find_person

    today = ctx.today()
    period = parse_period(args.period or "this month", today)
    targets = agency_targets()
    peer = find_person(store, args.peer) if args.peer else None
    lines = hours_for(store, period, today, targets, peer=peer)
    return hours_page(lines, targets, period.label, ctx.clock())
