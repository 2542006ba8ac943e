"""The command line's session commands: a session walked line by line, one record shown."""

from __future__ import annotations

import argparse


def add_session_commands(sub, common: argparse.ArgumentParser) -> None:
    session = sub.add_parser(
        "session",
        parents=[common],
        help="run a session line by line (--plain), for a screen reader or braille display",
    )
    session.add_argument(
        "--plain",
        action="store_true",
        help="one question at a time on plain lines: numbered choices, no colours, "
        "no cursor movement (answers may be piped in)",
    )
    session.add_argument("--peer", metavar="NAME", help="the peer specialist (else asked)")
    show = sub.add_parser(
        "show", parents=[common], help="one held session as plain text, read top to bottom"
    )
    show.add_argument(
        "session",
        metavar="SESSION",
        help="the session's id, or its first 4 or more characters when no other begins so",
    )
