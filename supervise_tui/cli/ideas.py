"""`supervise ideas`: ideas and what the people we serve are saying, across the peers you
see (or one): where each stands, who took it to the team, the reason told back."""

from __future__ import annotations

import json

from .common import EXIT_OK, Ctx, open_records


def cmd_ideas(ctx: Ctx, args) -> int:
    from ..domain.dates import human_date
    from ..services.ideas import idea_json
    from ..usecases.ideas import ideas_of

    with open_records(ctx, read_only=True) as store:
        lines = ideas_of(store, peer_name=args.peer, open_only=args.open)
    if args.json:
        print(json.dumps([idea_json(line) for line in lines], ensure_ascii=False, indent=2))
        return EXIT_OK
    what = "open idea" if args.open else "idea"
    if not lines:
        print(f"No {what}s yet" + (f" for {args.peer}." if args.peer else "."))
        return EXIT_OK
    plural = "" if len(lines) == 1 else "s"
    print(f"{len(lines)} {what}{plural}" + (f" of {lines[0].peer}:" if args.peer else ":"))
    for line in lines:
        print(f"- {line.text}")
        facts = [line.peer, line.kind.label, f"raised {human_date(line.raised_on)}"]
        if line.taken_by:  # (taken to the team, then perhaps decided)
            on = f" on {human_date(line.taken_on)}" if line.taken_on else ""
            facts.append(f"taken to the team by {line.taken_by}{on}")
        if line.status.decided or not line.taken_by:
            facts.append(line.status.label.lower())
        print("  " + "; ".join(facts))
        if line.reason:
            print(f"  The team's reason: {line.reason}")
    return EXIT_OK
