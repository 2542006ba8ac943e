"""The command line's session commands: a session walked line by line, one record shown."""

from __future__ import annotations

import argparse

PLAIN = (
    "one question at a time on plain lines: numbered choices, no colours, no cursor "
    "movement (answers may be piped in)"
)
SESSION_ID = "the session's id, or its first 4 or more characters when no other begins so"


def add_session_commands(sub, common: argparse.ArgumentParser) -> None:
    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=text)

    session = command("session", "run a session line by line (--plain), for a screen reader")
    session.add_argument("--plain", action="store_true", help=PLAIN)
    session.add_argument("--peer", metavar="NAME", help="the peer specialist (else asked)")
    show = command("show", "one held session as plain text, read top to bottom")
    show.add_argument("session", metavar="SESSION", help=SESSION_ID)
