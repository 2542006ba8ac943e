"""The `supervise` command line: every subcommand and option, with its help."""

from __future__ import annotations

import argparse

from .. import __version__
from .common import BUNDLE_PASSPHRASE_ENV, UsageError
from .parser_agency import add_agency_commands
from .parser_groups import add_group_commands
from .parser_sessions import add_session_commands


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a folder (it was empty)")
    return text


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_folder,
        default=argparse.SUPPRESS,
        help="the folder holding the records (default: $SUPERVISE_DATA_DIR, "
        "or your user data folder)",
    )
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="the records on an agency's PostgreSQL server instead of a folder, as "
        "postgresql://login@host/database (default: $SUPERVISE_DB; docs/agency.md)",
    )
    common.add_argument(
        "--as",
        dest="as_name",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who you are, for encrypted records (your passphrase comes from "
        "$SUPERVISE_PASSPHRASE, --passphrase-file, or is asked for)",
    )
    common.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="read your passphrase from this file (its first line)",
    )
    return common


def build_parser() -> Parser:
    common = _common()
    parser = Parser(
        prog="supervise",
        description="Structured supervision sessions for peer specialists and their "
        "supervisors: run a session, keep the record, look back over time.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"supervise-tui {__version__}")
    parser.add_argument(
        "--read-only", action="store_true", help="open the records without changing anything"
    )
    parser.add_argument("--peer", metavar="NAME", help="open straight into one peer's own view")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help: str) -> Parser:
        """A subcommand: every one takes the common options (--data-dir, --as, …)."""
        return sub.add_parser(name, parents=[common], help=help)

    command("prompts", "list the prompt packs and where each came from")

    demo = command("demo", "create a fictional dataset to try the app with")
    demo.add_argument("--peers", type=int, default=6, metavar="N", help="peers (1-12, default 6)")
    demo.add_argument(
        "--weeks", type=int, default=26, metavar="N", help="weeks of history (1-520, default 26)"
    )
    demo.add_argument("--no-tui", action="store_true", help="create the data, do not open it")
    demo.add_argument("--fresh", action="store_true", help="rebuild the demo folder from scratch")
    demo.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the demo (the fictional passphrase is printed)",
    )
    encrypt = command(
        "encrypt", "encrypt plain records: each person then signs in and sees only what is theirs"
    )
    encrypt.add_argument(
        "--recovery-file",
        metavar="FILE",
        help="also write the agency's recovery key to this file (readable only by you)",
    )

    check = command("check", "verify every data file and reference")
    check.add_argument(
        "--repair",
        action="store_true",
        help="rebuild derived lists and summaries from the session records",
    )

    period_help = (
        "which sessions: last 90 days, this year, since March, 2025, "
        "2026-01-01..2026-06-30, or all (the default)"
    )
    for name, what in (("history", "one peer's sessions"), ("trends", "one peer's trends")):
        one = command(name, f"{what}, as plain text (or --json)")
        one.add_argument("--peer", metavar="NAME", help="whose (a peer signed in: their own)")
        one.add_argument("--period", default="all", metavar="P", help=period_help)
        one.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    team = command("team", "all peers side by side, as plain text (or --json)")
    who = team.add_mutually_exclusive_group()
    who.add_argument("--supervisor", metavar="NAME", help="peers this supervisor has met with")
    who.add_argument("--site", metavar="SITE", help="peers at one site")
    team.add_argument("--period", default="all", metavar="P", help=period_help)
    team.add_argument("--json", action="store_true", help="one JSON object, for scripts")

    export = command(
        "export", "write records to Markdown, a page to print (HTML), CSV or a JSON bundle"
    )
    export.add_argument(
        "--format",
        required=True,
        choices=("json", "md", "html", "csv"),
        help="html: one page to open in a browser and print, with lines to sign",
    )
    export.add_argument("--peer", metavar="NAME", help="only this peer's records")
    export.add_argument("--site", metavar="SITE", help="only peers at this site")
    export.add_argument("--period", default="all", metavar="P", help=period_help)
    export.add_argument(
        "--table",
        default="sessions",
        choices=("sessions", "concerns", "goals", "actions", "ideas"),
        help="for CSV: one row per session (default), concern, goal, action or idea",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: screen)")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument(
        "--seal",
        action="store_true",
        help="for moving records between sites: a JSON bundle locked with a passphrase "
        f"(from ${BUNDLE_PASSPHRASE_ENV}, or asked for twice); needs -o FILE",
    )
    hours = command(
        "hours", "supervision time per peer, by kind, against the targets in the settings file"
    )
    whose = hours.add_mutually_exclusive_group()
    whose.add_argument("--peer", metavar="NAME", help="only this peer")
    whose.add_argument("--supervisor", metavar="NAME", help="only sessions with this supervisor")
    hours.add_argument("--period", default="this month", metavar="P", help=period_help)
    fmt = hours.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    fmt.add_argument("--csv", action="store_true", help="one row per peer, for a spreadsheet")
    printing = command("print", "a record as one page to open in a browser, print and sign")
    what = printing.add_mutually_exclusive_group()
    what.add_argument(
        "--session", metavar="ID", help="one session (its id, or its first 4+ characters)"
    )
    what.add_argument("--history", action="store_true", help="one peer's record (with --peer)")
    what.add_argument(
        "--hours", action="store_true", help="supervision hours (this month unless --period)"
    )
    printing.add_argument("--peer", metavar="NAME", help="the peer (for --history or --hours)")
    printing.add_argument("--period", metavar="P", help=period_help)
    printing.add_argument("-o", "--output", metavar="FILE", help="write here (default: screen)")
    printing.add_argument("--force", action="store_true", help="replace FILE if it exists")
    calendar = command(
        "calendar", "the next session due with each peer, as an iCalendar (.ics) file"
    )
    calendar.add_argument(
        "--supervisor", metavar="NAME", help="only this supervisor's peers (named or met last)"
    )
    calendar.add_argument("-o", "--output", metavar="FILE", help="write here (default: screen)")
    calendar.add_argument("--force", action="store_true", help="replace FILE if it exists")
    imp = command("import", "merge a JSON bundle into the records")
    imp.add_argument(
        "file",
        metavar="FILE",
        help=f"a JSON bundle, or a sealed one (its passphrase from ${BUNDLE_PASSPHRASE_ENV}, "
        "or asked for)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="say what would happen and change nothing"
    )
    conflicts = command("conflicts", "list records changed on both sides, or settle one")
    conflicts.add_argument(
        "--keep", choices=("local", "incoming"), help="settle conflict ID by keeping this version"
    )
    conflicts.add_argument(
        "--show",
        metavar="ID",
        help="the differences between the version here and the incoming one, field by field",
    )
    conflicts.add_argument(
        "id",
        nargs="?",
        metavar="ID",
        help="a conflict's id, or its first 4 or more characters when no other begins so "
        "(alone: show it)",
    )

    _serve_parser(sub, common)
    command(
        "backups",
        "list the backups of the data folder: when, why, and how many people and "
        "sessions each holds (encrypted records: counted once signed in with --as)",
    )
    restore = command("restore", "go back to a backup (the current state is kept as a backup)")
    restore.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="BACKUP",
        help="the backup's name, as `supervise backups` lists it",
    )
    restore.add_argument(
        "--yes",
        action="store_true",
        help="replace the records without asking (needed when not run at a terminal)",
    )
    add_agency_commands(sub, common)
    add_session_commands(sub, common)
    add_group_commands(sub, common)
    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"needs a port number from 0 to 65535, not {text!r}")
    return port


def _serve_parser(sub, common: argparse.ArgumentParser) -> None:
    what = "open the app in a browser on this computer (a one-time link is printed)"
    serve = sub.add_parser("serve", parents=[common], help=what)
    local = "the address to listen on (default 127.0.0.1: this computer only)"
    serve.add_argument("--host", default="127.0.0.1", help=local)
    port = "the port to listen on (default 8000; 0: any free port)"
    serve.add_argument("--port", type=_port, default=8000, help=port)
    # The app's own options, here too (`supervise serve --read-only`); not given, the
    # ones before `serve` stand.
    unchanged = argparse.SUPPRESS
    read_only = "each tab opens the records without changing anything"
    serve.add_argument("--read-only", action="store_true", default=unchanged, help=read_only)
    peer = "each tab opens this peer's own view"
    serve.add_argument("--peer", metavar="NAME", default=unchanged, help=peer)
