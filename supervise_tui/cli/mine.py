"""`supervise mine`: a supervisor's learning over time and their actions' follow-through."""

from __future__ import annotations

import sys

import orjson

from .common import EXIT_OK, Ctx, UsageError, open_records


def cmd_mine(ctx: Ctx, args) -> int:
    from ..domain.serial import to_data
    from ..services.mine import mine_markdown
    from ..services.plain_text import plain_text
    from ..usecases.mine import mine_of
    from ..usecases.people import find_person

    with open_records(ctx, read_only=True) as store:
        if args.supervisor:
            person = find_person(store, args.supervisor, role=None)
        elif store.signed_in:
            person = store.person(store.signed_in)
        else:
            raise UsageError("say whose view: --supervisor NAME")
        mine = mine_of(store, person, ctx.today())
    if args.json:
        data = {
            "supervisor": person.name,
            "learned": to_data(mine.learned),
            "actions": to_data(mine.actions),
        }
        print(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return EXIT_OK
    sys.stdout.write(plain_text(mine_markdown(mine)))
    return EXIT_OK
