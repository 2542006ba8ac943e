"""`supervise history`, `trends` and `team`: looking back, as plain text or JSON."""

from __future__ import annotations

import orjson

from .common import EXIT_OK, Ctx, UsageError, open_records


def cmd_lookback(command: str, ctx: Ctx, args) -> int:
    from ..domain.contacts import contact_lines
    from ..domain.enums import Role
    from ..domain.serial import to_data
    from ..services import report
    from ..services.periods import parse_period
    from ..usecases import lookback
    from ..usecases.contacts import contacts_of
    from ..usecases.groups import groups_of, team_rotation
    from ..usecases.people import find_person

    today = ctx.today()
    period = parse_period(args.period, today)
    with open_records(ctx, read_only=True) as repo:
        if command == "team":
            supervisor = (
                find_person(repo, args.supervisor, Role.SUPERVISOR) if args.supervisor else None
            )
            members = lookback.team_members(repo, supervisor=supervisor, site=args.site)
            team = lookback.team_for(repo, members, period, today)
            if supervisor:
                heading = f"peers of {supervisor.name}"
            else:
                heading = f"peers at {args.site}" if args.site else "all active peers"
            turn = team_rotation(repo)
            if args.json:
                out = _json({"team": heading, **to_data(team), "rotation": turn.line()})
            else:
                out = report.team_text(team, heading).rstrip("\n") + "\n\n" + turn.line()
        else:
            person = _whose(repo, args.peer)
            if command == "history":
                people = {p.id: p for p in repo.people()}
                found = repo.rows(person.id, start=period.start, end=period.end)
                rows = report.history_rows(found, people)
                contacts = contacts_of(repo, person.id, start=period.start, end=period.end)
                groups = groups_of(repo, person.id, start=period.start, end=period.end)
                if args.json:
                    out = _json(
                        {
                            "peer": person.name,
                            "site": person.site,
                            "period": period.label,
                            "sessions": to_data(rows),
                            "informal_contacts": to_data(contacts),
                            "group_sessions": to_data(groups),
                        }
                    )
                else:
                    out = report.history_text(person, period.label, rows)
                    if contacts:
                        names = {p.id: p.name for p in people.values()}
                        lines = contact_lines(contacts, names)
                        out = out.rstrip("\n") + "\n\nInformal contacts:\n"
                        out += "\n".join(f"  {line}" for line in lines)
                    if groups:
                        out = out.rstrip("\n") + "\n\n" + _group_text(groups, people)
            else:
                trends = lookback.trends_for(lookback.load_figures(repo, person), period, today)
                out = _json(to_data(trends)) if args.json else report.trends_text(trends)
    print(out.rstrip("\n"))
    return EXIT_OK


def _group_text(groups, people) -> str:
    """A peer's group sessions: when, which kind, who led it, and their own words."""
    from ..domain.groups import group_line, own_lines
    from ..store.packs import load_library

    library = load_library()
    names = {p.id: p.name for p in people.values()}
    lines = ["Group sessions and community-of-practice calls:"]
    for group in groups:
        lines.append(f"  {group_line(group, names)}")
        pack = library.group_packs.get(group.pack_id) or library.for_group(group.kind)
        asked = {q.id: q.text for q in pack.own} if pack else {}
        lines += [f"    {line}" for line in own_lines(group, asked)]
    return "\n".join(lines)


def _json(value) -> str:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()


def _whose(repo, name: str | None):
    """The peer named, or the peer who signed in (their own record)."""
    from ..domain.enums import Role
    from ..usecases.people import find_person

    if name:
        return find_person(repo, name, Role.PEER)
    me = repo.person(repo.signed_in) if repo.signed_in not in (None, "recovery") else None
    if me is not None and me.role == Role.PEER:
        return me
    raise UsageError("say whose records with --peer NAME")
