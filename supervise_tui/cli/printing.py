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
    from ..config import load_settings
    from ..domain.dates import human_datetime
    from ..services.hours import KINDS, add_up, as_hours, parse_targets
    from ..services.periods import parse_period
    from ..services.printing import printable_page
    from ..services.summary import inline
    from ..usecases.hours import hours_for
    from ..usecases.people import find_person

    today = ctx.today()
    period = parse_period(args.period or "this month", today)
    targets = parse_targets(load_settings()[0].get("hours"))
    peer = find_person(store, args.peer) if args.peer else None
    lines = hours_for(store, period, today, targets, peer=peer)
    heads = ["Peer", *[k.capitalize() for k in KINDS], "Total", "Held", "No length"]
    rows = [
        [
            inline(h.name),
            *[as_hours(h.minutes[k]) for k in KINDS],
            as_hours(h.total),
            str(h.sessions),
            str(h.unknown),
        ]
        for h in [*lines, add_up("All peers", lines)]
    ]
    table = "\n".join(
        ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        + ["| " + " | ".join(row) + " |" for row in rows]
    )
    said = "; ".join(t.describe() for t in targets) or "none set"
    below = [f"- {inline(h.name)}: {inline(w)}" for h in lines for w in h.below]
    parts = [f"# Supervision hours — {period.label}", f"**Targets:** {said}", table]
    if targets:
        parts += ["## Below target so far", "\n".join(below) or "*Nobody is below target.*"]
    markdown = "\n\n".join(parts)
    printed = f"Printed {human_datetime(ctx.clock().astimezone())} by supervise."
    return printable_page(
        f"Supervision hours — {period.label}", markdown, signers=["Supervisor"], printed=printed
    )
