"""`supervise portfolio`: a peer's portfolio, to read, print or take along."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK, Ctx, UsageError, open_records


def cmd_portfolio(ctx: Ctx, args) -> int:
    from ..services.plain_text import plain_text
    from ..usecases.export import write_export
    from ..usecases.people import find_person
    from ..usecases.portfolio import portfolio_of, portfolio_text

    fmt = "md"
    if args.output:
        suffix = Path(args.output).suffix.lower()
        if suffix not in (".md", ".html", ".htm"):
            raise UsageError("the portfolio is written as FILE.md or FILE.html")
        fmt = "md" if suffix == ".md" else "html"
    with open_records(ctx, read_only=not args.output) as store:
        person = find_person(store, args.peer, role=None)
        folio = portfolio_of(store, person, with_concerns=args.with_concerns)
        text = portfolio_text(folio, fmt, ctx.local_now())
        if args.output:
            path = Path(args.output).expanduser()
            write_export(path, text.encode("utf-8"), force=args.force, store=store)
    if args.output:
        print(f"Wrote {person.name}'s portfolio to {path} (readable only by you).")
        return EXIT_OK
    sys.stdout.write(plain_text(text))
    return EXIT_OK
