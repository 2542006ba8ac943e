"""`supervise calendar`: the sessions due next, as an iCalendar file."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK, Ctx, open_records, say


def cmd_calendar(ctx: Ctx, args) -> int:
    from ..domain.enums import Role
    from ..services.calendar import calendar_bytes
    from ..usecases.calendar import sessions_due
    from ..usecases.export import write_export
    from ..usecases.people import find_person

    with open_records(ctx, read_only=True) as store:
        supervisor = (
            find_person(store, args.supervisor, Role.SUPERVISOR) if args.supervisor else None
        )
        due = sessions_due(store, ctx.today(), supervisor)
        data = calendar_bytes(due, ctx.clock())
        if args.output:
            path = Path(args.output).expanduser()
            write_export(path, data, force=args.force, store=store)
    if args.output:
        say(
            f"Wrote {len(due)} session(s) due to {path} (readable only by you). It names "
            "who meets and when, nothing else from the records."
        )
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK
