"""The command line's session commands: a session walked line by line, one record shown,
an informal contact noted or listed."""

from __future__ import annotations

import argparse

PLAIN = (
    "one question at a time on plain lines: numbered choices, no colours, no cursor "
    "movement (answers may be piped in)"
)
KINDS = ("text", "call", "drop_in", "email", "other")  # domain.enums.ContactKind
SESSION_ID = "the session's id, or its first 4 or more characters when no other begins so"


def add_session_commands(sub, common: argparse.ArgumentParser) -> None:
    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=text)

    session = command("session", "run a session line by line (--plain), for a screen reader")
    session.add_argument("--plain", action="store_true", help=PLAIN)
    session.add_argument("--peer", metavar="NAME", help="the peer specialist (else asked)")
    show = command("show", "one held session as plain text, read top to bottom")
    show.add_argument("session", metavar="SESSION", help=SESSION_ID)

    contact = command(
        "contact", "note an informal contact with a peer: a text, a call, a drop-in, an email"
    )
    contact.add_argument("--peer", metavar="NAME", help="the peer specialist")
    contact.add_argument("--kind", choices=KINDS, help="how it happened")
    contact.add_argument("--minutes", type=int, metavar="N", help="how long it took (1–720)")
    contact.add_argument(
        "--when",
        metavar="W",
        help='when it happened (default now; e.g. "today 14:30", "yesterday 18:30")',
    )
    contact.add_argument("--note", metavar="TEXT", help="one line about what it was about")
    contact.add_argument(
        "--carry",
        choices=("agenda", "concern"),
        help="bring it to the next session: on its agenda, or raised as a concern",
    )
    contact.add_argument(
        "--by", metavar="NAME", help="the supervisor who had it (default: you, or the peer's usual)"
    )
    contact.add_argument("--remove", metavar="ID", help="forget a contact noted by mistake")
    contacts = command("contacts", "list informal contacts (all peers you see, or one)")
    contacts.add_argument("--peer", metavar="NAME", help="only this peer")
    contacts.add_argument("--period", metavar="P", help="only this period (e.g. this month)")
    contacts.add_argument("--json", action="store_true", help="one JSON list, for scripts")
    portfolio = command(
        "portfolio",
        "a peer's portfolio: goals completed, strengths named, the feedback they gave",
    )
    portfolio.add_argument("--peer", metavar="NAME", required=True, help="the peer specialist")
    portfolio.add_argument(
        "--with-concerns", action="store_true", help="include the concerns raised (their choice)"
    )
    portfolio.add_argument(
        "-o", "--output", metavar="FILE", help="write FILE.md or FILE.html (default: screen)"
    )
    portfolio.add_argument("--force", action="store_true", help="replace FILE if it exists")
    mine = command(
        "mine",
        "a supervisor's own view: what they learned over time, their actions' follow-through",
    )
    mine.add_argument("--supervisor", metavar="NAME", help="whose (default: you, signed in)")
    mine.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    ideas = command(
        "ideas",
        "ideas and what the people we serve are saying, across peers: taken to the team, "
        "adopted or not, and why",
    )
    ideas.add_argument("--peer", metavar="NAME", help="only this peer")
    ideas.add_argument("--open", action="store_true", help="only those the team has not decided")
    ideas.add_argument("--json", action="store_true", help="one JSON list, for scripts")
