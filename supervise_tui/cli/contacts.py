"""`supervise contact`: note an informal contact (a call, a text, a drop-in) in one line;
`supervise contacts`: list them."""

from __future__ import annotations

import orjson

from .common import EXIT_OK, Ctx, UsageError, open_records


def cmd_contact(ctx: Ctx, args) -> int:
    from ..domain.dates import human_datetime, parse_datetime
    from ..domain.enums import Carry, ContactKind, Role
    from ..usecases.contacts import default_by, find_contact, note_contact, remove_contact
    from ..usecases.people import find_person, visible_peers

    if args.remove:
        if args.peer or args.kind or args.minutes is not None:
            raise UsageError("--remove ID takes no other details")
        with open_records(ctx) as store:
            contact = find_contact(store, [p.id for p in visible_peers(store)], args.remove)
            remove_contact(store, contact, clock=ctx.clock)
        print(f"Removed the {contact.kind.label.lower()} of {human_datetime(contact.when)}.")
        return EXIT_OK
    missing = [f"--{n}" for n in ("peer", "kind", "minutes") if getattr(args, n) is None]
    if missing:
        raise UsageError(f"a contact needs {' and '.join(missing)}")
    when = parse_datetime(args.when or "now", ctx.local_now().replace(tzinfo=None))
    with open_records(ctx) as store:
        peer = find_person(store, args.peer)
        by = find_person(store, args.by, Role.SUPERVISOR).id if args.by else None
        by = by or default_by(store, peer.id)
        if by is None:
            raise UsageError("say which supervisor had the contact, with --by NAME")
        contact = note_contact(
            store,
            peer_id=peer.id,
            by=by,
            kind=args.kind,
            when=when,
            minutes=args.minutes,
            about=args.note or "",
            carry=args.carry or Carry.NOTHING,
            clock=ctx.clock,
        )
    kind = ContactKind(contact.kind).label.lower()
    print(
        f"Noted: a {kind} with {peer.name}, {contact.minutes} min, "
        f"{human_datetime(contact.when)} (id {contact.id[:8]})."
    )
    if contact.carry == Carry.AGENDA:
        print("It will be on the agenda of the next session with them.")
    elif contact.carry == Carry.CONCERN:
        print("It will be raised as a concern at the next session with them.")
    return EXIT_OK


def cmd_contacts(ctx: Ctx, args) -> int:
    from ..domain.dates import human_datetime
    from ..services.periods import parse_period
    from ..usecases.contacts import contacts_of
    from ..usecases.people import find_person, visible_peers

    period = parse_period(args.period, ctx.today()) if args.period else None
    with open_records(ctx, read_only=True) as store:
        peers = [find_person(store, args.peer)] if args.peer else visible_peers(store)
        names = {p.id: p.name for p in store.people()}
        start, end = (period.start, period.end) if period else (None, None)
        found = [c for peer in peers for c in contacts_of(store, peer.id, start=start, end=end)]
    found.sort(key=lambda c: (c.when, c.id))
    if args.json:
        data = [
            {
                "id": c.id,
                "peer": names.get(c.peer_id, ""),
                "by": names.get(c.by, ""),
                "kind": c.kind.value,
                "when": c.when.isoformat(),
                "minutes": c.minutes,
                "about": c.about,
                "carry": c.carry.value,
            }
            for c in found
        ]
        print(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return EXIT_OK
    if not found:
        print("No informal contacts noted" + (f" ({period.label})." if period else "."))
        return EXIT_OK
    for c in found:
        about = f" — {c.about}" if c.about else ""
        print(
            f"{c.id[:8]}  {human_datetime(c.when)}  {names.get(c.peer_id, '?')}: "
            f"{c.describe()} with {names.get(c.by, '?')}{about}"
        )
    total = sum(c.minutes for c in found)
    print(f"{len(found)} contact(s), {total} min in all.")
    return EXIT_OK
