"""`supervise hours`: supervision time per peer (or one supervisor's), against targets."""

from __future__ import annotations

import csv
import io

import orjson

from .common import EXIT_OK, Ctx, UsageError, open_records


def cmd_hours(ctx: Ctx, args) -> int:
    from ..domain.enums import Role
    from ..services.export import safe_cell
    from ..services.hours import KINDS, add_up, as_hours
    from ..services.periods import parse_period
    from ..usecases.hours import agency_targets, hours_for
    from ..usecases.people import find_person

    if args.peer and args.supervisor:
        raise UsageError("give --peer or --supervisor, not both")
    targets = agency_targets()
    today = ctx.today()
    period = parse_period(args.period, today)
    with open_records(ctx, read_only=True) as store:
        peer = find_person(store, args.peer) if args.peer else None
        supervisor = (
            find_person(store, args.supervisor, Role.SUPERVISOR) if args.supervisor else None
        )
        lines = hours_for(store, period, today, targets, peer=peer, supervisor=supervisor)
    whose = f"with {supervisor.name}" if supervisor else "of supervision"
    total = add_up("All", lines)
    if args.json:
        data = {
            "period": period.label,
            "whose": whose,
            "kinds": list(KINDS),
            "targets": [t.describe() for t in targets],
            "peers": [
                {
                    "peer": h.name,
                    "minutes": h.minutes,
                    "total_minutes": h.total,
                    "sessions": h.sessions,
                    "unknown_length": h.unknown,
                    "informal_contacts": h.contacts,
                    "group_sessions": h.groups,
                    "below_target": h.below,
                }
                for h in lines
            ],
            "total": {
                "minutes": total.minutes,
                "total_minutes": total.total,
                "sessions": total.sessions,
                "informal_contacts": total.contacts,
                "group_sessions": total.groups,
            },
        }
        print(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return EXIT_OK
    if args.csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "peer",
                *[f"{k}_minutes" for k in KINDS],
                "total_minutes",
                "sessions",
                "unknown_length",
                "informal_contacts",
                "below_target",
            ]
        )
        for h in lines:
            writer.writerow(
                [
                    safe_cell(h.name),
                    *[h.minutes[k] for k in KINDS],
                    h.total,
                    h.sessions,
                    h.unknown,
                    h.contacts,
                    safe_cell("; ".join(h.below)),
                ]
            )
        print(out.getvalue(), end="")
        return EXIT_OK
    print(f"Hours {whose}, {period.label}")
    if targets:
        print("Targets: " + "; ".join(t.describe() for t in targets))
    if not lines:
        print("No peers to show.")
        return EXIT_OK
    width = max(len(h.name) for h in [*lines, total])
    head = f"{'Peer':<{width}}  " + "  ".join(f"{k.capitalize():>8}" for k in KINDS)
    print(head + f"  {'Total':>8}  Sessions, contacts")
    for h in [*lines, total]:
        cells = "  ".join(f"{as_hours(h.minutes[k]):>8}" for k in KINDS)
        unknown = f" ({h.unknown} of unknown length)" if h.unknown else ""
        counts = f"{h.sessions}{unknown}, {h.contacts}"
        print(f"{h.name:<{width}}  {cells}  {as_hours(h.total):>8}  {counts}")
        for words in h.below:
            print(f"{'':<{width}}  BELOW TARGET: {words}")
    return EXIT_OK
