"""`supervise show SESSION`: one held session as plain text, read top to bottom."""

from __future__ import annotations

import sys

from .common import EXIT_OK, Ctx, open_records


def cmd_show(ctx: Ctx, args) -> int:
    from ..services.plain_text import plain_text
    from ..services.summary import session_markdown
    from ..usecases.lookup import find_session

    with open_records(ctx, read_only=True) as store:
        found = find_session(store, args.session)
    text = session_markdown(found.session, found.people, found.tracks)
    sys.stdout.write(plain_text(text))
    sys.stdout.flush()
    return EXIT_OK
