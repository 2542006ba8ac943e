"""The command line's group commands: a group session or community-of-practice call
recorded in one line, listed, removed; the rotation of who leads the calls."""

from __future__ import annotations

import argparse

# `supervise group`'s fields, in the order --help lists them: (flag, metavar, help).
GROUP_FIELDS = (
    ("--peers", "A,B[,C]", "the peers present, by name, commas"),
    ("--facilitator", "NAME", "who led it (a peer or a supervisor)"),
    ("--supervisor", "NAME", "a supervisor present"),
    ("--when", "W", 'when it began (default now; "today 14:00")'),
    ("--minutes", "N", "how long it took (1–720)"),
    ("--case", "TEXT", "the situation brought (no client names)"),
    ("--case-by", "NAME", "who brought it"),
    ("--practice", "TEXT", "one practice to try before the next"),
    ("--note", "TEXT", "a shared note"),
    ("--words", "NAME[:Q]=TEXT", "a peer's own words (Q: the own question, default the first)"),
    ("--action", "OWNER=TEXT", "an action and who"),
    ("--remove", "ID", "set aside one recorded by mistake"),
    ("--reason", "TEXT", "why it is removed (with --remove)"),
)
MANY = {"--supervisor", "--words", "--action"}  # said once for each
TYPES = {"--minutes": int}


def add_group_commands(sub, common: argparse.ArgumentParser) -> None:
    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=text)

    group = command(
        "group", "record a group supervision or a community-of-practice call (several peers)"
    )
    group.add_argument("--kind", choices=("cop", "group"), help="cop: a community-of-practice call")
    for flag, metavar, text in GROUP_FIELDS:
        if flag in MANY:
            group.add_argument(flag, metavar=metavar, action="append", default=[], help=text)
        else:
            group.add_argument(flag, metavar=metavar, type=TYPES.get(flag), help=text)
    groups = command("groups", "list group sessions and community-of-practice calls")
    groups.add_argument("--peer", metavar="NAME", help="only this peer's (a peer: their own)")
    groups.add_argument("--json", action="store_true", help="one JSON list, for scripts")
    rotation = command("rotation", "who led the last community-of-practice calls, who is next")
    rotation.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    turns = rotation.add_mutually_exclusive_group()
    turns.add_argument("--opt-out", metavar="NAME", help="this peer does not take turns leading")
    turns.add_argument("--opt-in", metavar="NAME", help="this peer takes turns leading again")
