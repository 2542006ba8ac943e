"""`supervise sync`: a site's folder (--data-dir) and the agency's server (--db) brought
together, by the merge rules of a bundle import (see usecases/sync.py)."""

from __future__ import annotations

import dataclasses

from .common import EXIT_OK, Ctx, UsageError, open_records, say


def cmd_sync(ctx: Ctx, args) -> int:
    from ..services.merge import report_lines
    from ..usecases.sync import sync

    if not ctx.db:
        raise UsageError("say which server to sync with: --db postgresql://… (or $SUPERVISE_DB)")
    with open_records(dataclasses.replace(ctx, db=None)) as folder, open_records(ctx) as server:
        report = sync(folder, server, site=args.site, clock=ctx.clock)
        where = folder.where
    for title, plan in ((f"To {server.where}:", report.pushed), (f"To {where}:", report.pulled)):
        print(title)
        for line in report_lines(plan, dry_run=False):
            print(f"  {line}")
    if not (report.pushed.changes_anything or report.pulled.changes_anything):
        say("Both were already the same; nothing was changed.")
    return EXIT_OK
