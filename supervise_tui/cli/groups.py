"""`supervise group`: record a group session or a community-of-practice call in one line
(or remove one recorded by mistake); `supervise groups`: list them; `supervise rotation`:
who led the last calls and who is next (and who takes turns)."""

from __future__ import annotations

import orjson

from .common import EXIT_OK, Ctx, UsageError, open_records


def _pairs(given: list[str], option: str) -> list[tuple[str, str]]:
    pairs = []
    for item in given:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{option} takes NAME=TEXT")
        pairs.append((name.strip(), text))
    return pairs


def _question(name: str, own_ids: list[str]) -> tuple[str, str]:
    """``NAME`` (the first own question) or ``NAME:QUESTION`` from --words' left side."""
    person, sep, question = name.rpartition(":")
    if not sep:
        return name, own_ids[0]
    if question.strip() not in own_ids:
        raise UsageError(
            f"--words takes NAME=TEXT or NAME:QUESTION=TEXT; this call's own questions are "
            f"{', '.join(own_ids)}"
        )
    return person.strip(), question.strip()


def cmd_group(ctx: Ctx, args) -> int:
    from ..domain.dates import human_datetime, parse_datetime
    from ..domain.enums import GroupKind, Role
    from ..domain.groups import GroupAction, GroupSession
    from ..store.packs import load_library
    from ..usecases.groups import not_yours, record_group, remove_group
    from ..usecases.people import find_person

    if args.remove:
        if args.peers or args.kind or args.minutes is not None:
            raise UsageError("--remove ID takes only --reason")
        if not args.reason:
            raise UsageError("say why it is removed, with --reason TEXT")
        with open_records(ctx) as store:
            group = remove_group(store, args.remove, args.reason, clock=ctx.clock)
        print(f"Removed the {group.kind.label.lower()} of {human_datetime(group.when)}.")
        return EXIT_OK
    missing = [f"--{n}" for n in ("kind", "peers", "facilitator", "minutes")]
    missing = [m for m in missing if getattr(args, m[2:]) is None]
    if missing:
        raise UsageError(f"a group session needs {' and '.join(missing)}")
    kind = GroupKind(args.kind)
    pack = load_library().for_group(kind)
    own_ids = [q.id for q in pack.own] if pack else ["learned"]
    when = parse_datetime(args.when or "now", ctx.local_now().replace(tzinfo=None))
    with open_records(ctx) as store:
        not_yours(store, args.peers.split(","))
        peers = [find_person(store, n) for n in args.peers.split(",") if n.strip()]
        supervisors = [find_person(store, n, Role.SUPERVISOR) for n in args.supervisor]
        present = {p.name.casefold(): p.id for p in [*peers, *supervisors]}

        def who(name: str) -> str:  # someone present, or a person in the records
            return (
                present.get(" ".join(name.split()).casefold()) or find_person(store, name, None).id
            )

        words: dict[str, dict[str, str]] = {}
        for name, text in _pairs(args.words, "--words"):
            name, question = _question(name, own_ids)
            words.setdefault(who(name), {})[question] = text
        actions = [
            GroupAction(text=text, owner=who(name))
            for name, text in _pairs(args.action, "--action")
        ]
        group = GroupSession(
            kind=kind,
            when=when,
            minutes=args.minutes,
            facilitator_id=who(args.facilitator),
            attendee_ids=[p.id for p in peers],
            supervisor_ids=[s.id for s in supervisors],
            pack_id=pack.id if pack else "",
            case=args.case or "",
            case_by=who(args.case_by) if args.case_by else "",
            practice=args.practice or "",
            note=args.note or "",
            actions=actions,
            words=words,
        )
        group = record_group(store, group, clock=ctx.clock)
        names = {p.id: p.name for p in store.people()}
    print(
        f"Recorded: a {group.kind.label.lower()}, {group.minutes} min, "
        f"{human_datetime(group.when)}, led by {names[group.facilitator_id]} "
        f"(id {group.id[:8]})."
    )
    print(f"In the records of {', '.join(names[p] for p in group.attendee_ids)}.")
    return EXIT_OK


def cmd_groups(ctx: Ctx, args) -> int:
    from ..domain.groups import group_line
    from ..usecases.groups import gathered
    from ..usecases.people import find_person, visible_peers

    with open_records(ctx, read_only=True) as store:
        peers = [find_person(store, args.peer)] if args.peer else visible_peers(store)
        names = {p.id: p.name for p in store.people()}
        found = gathered(store, peers)
    if args.json:
        data = [
            {
                "id": g.id,
                "kind": g.kind.value,
                "when": g.when.isoformat(),
                "minutes": g.minutes,
                "facilitator": names.get(g.facilitator_id, ""),
                "peers": [names.get(p, "") for p in g.attendee_ids],
                "supervisors": [names.get(p, "") for p in g.supervisor_ids],
                "case": g.case,
                "case_by": names.get(g.case_by, ""),
                "practice": g.practice,
                "note": g.note,
                "actions": [{"text": a.text, "owner": names.get(a.owner, "")} for a in g.actions],
                "words": {names.get(p, p): w for p, w in g.words.items() if p in names},
            }
            for g in found
        ]
        print(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return EXIT_OK
    if not found:
        print("No group sessions recorded.")
        return EXIT_OK
    for g in found:
        print(f"{g.id[:8]}  {group_line(g, names)}")
        print(f"          with {', '.join(names.get(p, '?') for p in g.present)}")
    total = sum(g.minutes for g in found)
    print(f"{len(found)} group session(s), {total} min in all.")
    return EXIT_OK


def cmd_rotation(ctx: Ctx, args) -> int:
    import dataclasses

    from ..usecases.groups import team_rotation
    from ..usecases.people import find_person, save_person

    if args.opt_out or args.opt_in:
        with open_records(ctx) as store:
            peer = find_person(store, args.opt_out or args.opt_in)
            leads = not args.opt_out
            save_person(store, dataclasses.replace(peer, leads_calls=leads), clock=ctx.clock)
        said = "takes turns leading the calls again" if leads else "no longer takes turns leading"
        print(f"{peer.name} {said}.")
        return EXIT_OK
    with open_records(ctx, read_only=True) as store:
        turn = team_rotation(store)
    if args.json:
        data = {
            "last": [{"when": c.when.isoformat(), "led_by": c.name} for c in turn.last],
            "next": turn.next_name or None,
            "partial": turn.partial,  # some peers' calls are not yours to see: no "next"
        }
        print(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return EXIT_OK
    print(turn.line())
    return EXIT_OK
