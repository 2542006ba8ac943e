"""The command line's group commands: a group session or community-of-practice call
recorded in one line, listed, removed; the rotation of who leads the calls."""

from __future__ import annotations

import argparse


def add_group_commands(sub, common: argparse.ArgumentParser) -> None:
    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=text)

    group = command(
        "group", "record a group supervision or a community-of-practice call (several peers)"
    )
    group.add_argument("--kind", choices=("cop", "group"), help="cop: a community-of-practice call")
    group.add_argument("--peers", metavar="A,B[,C]", help="the peers present, by name, commas")
    group.add_argument("--facilitator", metavar="NAME", help="who led it (a peer or a supervisor)")
    group.add_argument(
        "--supervisor", metavar="NAME", action="append", default=[], help="a supervisor present"
    )
    group.add_argument("--when", metavar="W", help='when it began (default now; "today 14:00")')
    group.add_argument("--minutes", type=int, metavar="N", help="how long it took (1–720)")
    group.add_argument("--case", metavar="TEXT", help="the situation brought (no client names)")
    group.add_argument("--case-by", metavar="NAME", help="who brought it")
    group.add_argument("--practice", metavar="TEXT", help="one practice to try before the next")
    group.add_argument("--note", metavar="TEXT", help="a shared note")
    group.add_argument(
        "--words",
        metavar="NAME=TEXT",
        action="append",
        default=[],
        help="a peer's own words: what they learned",
    )
    group.add_argument(
        "--action", metavar="OWNER=TEXT", action="append", default=[], help="an action and who"
    )
    group.add_argument("--remove", metavar="ID", help="set aside one recorded by mistake")
    group.add_argument("--reason", metavar="TEXT", help="why it is removed (with --remove)")
    groups = command("groups", "list group sessions and community-of-practice calls")
    groups.add_argument("--peer", metavar="NAME", help="only this peer's (a peer: their own)")
    groups.add_argument("--json", action="store_true", help="one JSON list, for scripts")
    rotation = command("rotation", "who led the last community-of-practice calls, who is next")
    rotation.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    turns = rotation.add_mutually_exclusive_group()
    turns.add_argument("--opt-out", metavar="NAME", help="this peer does not take turns leading")
    turns.add_argument("--opt-in", metavar="NAME", help="this peer takes turns leading again")
