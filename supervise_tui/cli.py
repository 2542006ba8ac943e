"""The `supervise` command: opens the TUI, or runs a non-interactive subcommand.

Errors go to stderr as one clear sentence. Exit codes: 0 all well, 1 a
failure, 2 a usage error. No traceback ever reaches a user: an unexpected
error is summarised, and its stack (file and line numbers only, never record
contents) goes to a crash log in the config folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from . import __version__, config
from .domain.errors import ValidationError
from .store.errors import StoreError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the folder holding the records (default: $SUPERVISE_DATA_DIR, "
        "or your user data folder)",
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

    sub.add_parser(
        "prompts", parents=[common], help="list the prompt packs and where each came from"
    )

    demo = sub.add_parser(
        "demo", parents=[common], help="create a fictional dataset to try the app with"
    )
    demo.add_argument("--peers", type=int, default=6, metavar="N", help="peers (1-12, default 6)")
    demo.add_argument(
        "--weeks", type=int, default=26, metavar="N", help="weeks of history (1-520, default 26)"
    )
    demo.add_argument("--no-tui", action="store_true", help="create the data, do not open it")
    demo.add_argument("--fresh", action="store_true", help="rebuild the demo folder from scratch")

    check = sub.add_parser("check", parents=[common], help="verify every data file and reference")
    check.add_argument(
        "--repair",
        action="store_true",
        help="rebuild derived lists and summaries from the session records",
    )

    period_help = (
        "which sessions: last 90 days, this year, since March, 2025, "
        "2026-01-01..2026-06-30, or all (the default)"
    )
    history = sub.add_parser(
        "history", parents=[common], help="one peer's sessions, as plain text (or --json)"
    )
    history.add_argument("--peer", required=True, metavar="NAME")
    history.add_argument("--period", default="all", metavar="P", help=period_help)
    history.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    trends = sub.add_parser(
        "trends", parents=[common], help="one peer's trends, as plain text (or --json)"
    )
    trends.add_argument("--peer", required=True, metavar="NAME")
    trends.add_argument("--period", default="all", metavar="P", help=period_help)
    trends.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    team = sub.add_parser(
        "team", parents=[common], help="all peers side by side, as plain text (or --json)"
    )
    who = team.add_mutually_exclusive_group()
    who.add_argument("--supervisor", metavar="NAME", help="peers this supervisor has met with")
    who.add_argument("--site", metavar="SITE", help="peers at one site")
    team.add_argument("--period", default="all", metavar="P", help=period_help)
    team.add_argument("--json", action="store_true", help="one JSON object, for scripts")

    export = sub.add_parser(
        "export", parents=[common], help="write records to Markdown, CSV or a JSON bundle"
    )
    export.add_argument("--format", required=True, choices=("json", "md", "csv"))
    export.add_argument("--peer", metavar="NAME", help="only this peer's records")
    export.add_argument("--site", metavar="SITE", help="only peers at this site")
    export.add_argument("--period", default="all", metavar="P", help=period_help)
    export.add_argument(
        "--table",
        default="sessions",
        choices=("sessions", "concerns", "goals", "actions"),
        help="for CSV: one row per session (default), concern, goal or action",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: screen)")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    imp = sub.add_parser("import", parents=[common], help="merge a JSON bundle into the records")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--dry-run", action="store_true", help="say what would happen and change nothing"
    )
    conflicts = sub.add_parser(
        "conflicts", parents=[common], help="list records changed on both sides, or settle one"
    )
    conflicts.add_argument(
        "--keep", choices=("local", "incoming"), help="settle conflict ID by keeping this version"
    )
    conflicts.add_argument("id", nargs="?", metavar="ID")

    sub.add_parser("backups", parents=[common], help="list the backups of the data folder")
    restore = sub.add_parser(
        "restore",
        parents=[common],
        help="go back to a backup (the current state is kept as a backup)",
    )
    restore.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="BACKUP",
        help="the backup's name, as `supervise backups` lists it",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        print(f"supervise: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, ValidationError) as error:
        print(f"supervise: {error}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("supervise: stopped.", file=sys.stderr)
        return 130
    except SystemExit:
        raise
    except BaseException as error:  # never a traceback at a user
        log = _crash_log(error)
        print(
            f"supervise: something unexpected went wrong ({type(error).__name__}). "
            f"Saved records are intact. Details for a developer: {log}",
            file=sys.stderr,
        )
        return EXIT_FAIL


def _crash_log(error: BaseException) -> str:
    from . import crashlog

    return crashlog.write(error)


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    data_dir = config.data_dir(getattr(args, "data_dir", None))
    command = args.command
    if command == "prompts":
        return cmd_prompts()
    if command == "demo":
        return cmd_demo(args)
    if command == "check":
        return cmd_check(data_dir, args.repair)
    if command in ("history", "trends", "team"):
        return cmd_lookback(command, data_dir, args)
    if command == "export":
        from .transfer import cmd_export

        return cmd_export(data_dir, args)
    if command == "import":
        from .transfer import cmd_import

        return cmd_import(data_dir, args)
    if command == "conflicts":
        from .transfer import cmd_conflicts

        return cmd_conflicts(data_dir, args)
    if command == "backups":
        return cmd_backups(data_dir)
    if command == "restore":
        return cmd_restore(data_dir, args.source)
    if args.peer:
        from . import lookback
        from .domain.enums import Role
        from .store.repository import Repository

        with Repository.open(data_dir, read_only=True) as repo:  # a clear error before the TUI
            lookback.find_person(repo, args.peer, Role.PEER)
    return run_tui(data_dir, read_only=args.read_only, peer=args.peer)


def cmd_prompts() -> int:
    from .prompts import load_library

    library = load_library()
    for pack in sorted(library.packs.values(), key=lambda p: (not p.builtin, p.id)):
        where = "built in" if pack.builtin else str(pack.origin)
        print(f"{pack.id}  —  {pack.title} (v{pack.version}, for {pack.kind.label.lower()})")
        print(f"    from: {where}")
        sections = ", ".join(f"{s.label} ({len(p)})" for s, p in pack.sections.items())
        print(f"    sections: {sections}")
    for problem in library.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    print(f"\nYour own packs go in {config.user_prompts_dir()}")
    return EXIT_OK


DEMO_MARK = ".demo"


def cmd_demo(args) -> int:
    from .services.demo import build_demo
    from .store.repository import Repository

    explicit = getattr(args, "data_dir", None)
    folder = Path(explicit).expanduser() if explicit else config.demo_dir()
    if not 1 <= args.peers <= 12:
        raise UsageError("--peers must be between 1 and 12")
    if not 1 <= args.weeks <= 520:
        raise UsageError("--weeks must be between 1 and 520")
    has_records = (folder / "meta.json").exists()
    is_demo = (folder / DEMO_MARK).exists()
    if has_records and not is_demo:
        raise UsageError(
            f"{folder} already holds records that are not a demo; "
            "the demo only writes into an empty folder"
        )
    if has_records and args.fresh:
        import shutil

        shutil.rmtree(folder)
        has_records = False
    if not has_records:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        (folder / DEMO_MARK).write_text("fictional demo data\n")
        with Repository.open(folder, backup=False) as repo:
            result = build_demo(repo, peers=args.peers, weeks=args.weeks, today=date.today())
        print(
            f"Created a fictional demo: {result.people} people, {result.sessions} sessions, "
            f"in {folder}"
        )
    else:
        print(f"Using the existing demo in {folder} (add --fresh to rebuild it).")
    if args.no_tui:
        return EXIT_OK
    return run_tui(folder, read_only=False, peer=None)


def cmd_check(data_dir: Path, repair: bool) -> int:
    from .store.check import check
    from .store.check import repair as do_repair
    from .store.repository import Repository

    if not (data_dir / "meta.json").exists() and not data_dir.exists():
        print(f"There are no records in {data_dir} yet.", file=sys.stderr)
        return EXIT_FAIL
    report = check(data_dir)
    if repair and report.repairable:
        with Repository.open(data_dir, backup=True, on_upgrade=_say) as repo:
            do_repair(repo, report.repairable)
        print(f"Rebuilt derived data for {len(report.repairable)} peer(s).")
        report = check(data_dir)
    print(f"Checked {data_dir}")
    print(f"  files:    {report.files}")
    print(f"  people:   {report.people}")
    print(f"  sessions: {report.sessions}")
    print(f"  drafts:   {report.drafts}")
    if report.ok:
        print("All well: every file reads and every reference is sound.")
        return EXIT_OK
    print(f"{len(report.problems)} problem(s):")
    for problem in report.problems:
        print(f"  - {problem}")
    return EXIT_FAIL


def cmd_lookback(command: str, data_dir: Path, args) -> int:
    import orjson

    from . import lookback
    from .domain.enums import Role
    from .domain.serial import to_data
    from .services import report
    from .services.periods import parse_period
    from .store.repository import Repository

    today = date.today()
    period = parse_period(args.period, today)
    with Repository.open(data_dir, read_only=True) as repo:
        if command == "team":
            supervisor = (
                lookback.find_person(repo, args.supervisor, Role.SUPERVISOR)
                if args.supervisor
                else None
            )
            members = lookback.team_members(repo, supervisor=supervisor, site=args.site)
            team = lookback.team_for(repo, members, period, today)
            heading = (
                f"peers of {supervisor.name}"
                if supervisor
                else f"peers at {args.site}"
                if args.site
                else "all active peers"
            )
            if args.json:
                out = orjson.dumps(
                    {"team": heading, **to_data(team)}, option=orjson.OPT_INDENT_2
                ).decode()
            else:
                out = report.team_text(team, heading)
        else:
            person = lookback.find_person(repo, args.peer, Role.PEER)
            if command == "history":
                people = {p.id: p for p in repo.people()}
                facts = repo.facts(person.id, start=period.start, end=period.end)
                rows = report.history_rows(facts, people)
                if args.json:
                    out = orjson.dumps(
                        {
                            "peer": person.name,
                            "site": person.site,
                            "period": period.label,
                            "sessions": to_data(rows),
                        },
                        option=orjson.OPT_INDENT_2,
                    ).decode()
                else:
                    out = report.history_text(person, period.label, rows)
            else:
                trends = lookback.trends_for(lookback.load_figures(repo, person), period, today)
                if args.json:
                    out = orjson.dumps(to_data(trends), option=orjson.OPT_INDENT_2).decode()
                else:
                    out = report.trends_text(trends)
    print(out.rstrip("\n"))
    return EXIT_OK


def cmd_backups(data_dir: Path) -> int:
    from .store import backups

    names = backups.list_backups(data_dir)
    if not names:
        print(f"No backups yet in {data_dir}.")
        return EXIT_OK
    print(f"Backups of {data_dir} (newest first):")
    for name in names:
        print(f"  {name}")
    print("Go back to one with: supervise restore --from NAME")
    return EXIT_OK


def cmd_restore(data_dir: Path, source: str) -> int:
    from .domain.models import now_utc
    from .store import backups
    from .store.repository import Repository

    with Repository.lock_only(data_dir):
        kept = backups.restore(data_dir, source, now_utc().astimezone().replace(tzinfo=None))
    print(f"Restored {data_dir} from backup {source}.")
    print(f"What was there before is kept as backup {kept}.")
    return EXIT_OK


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_tui(data_dir: Path, *, read_only: bool, peer: str | None) -> int:
    from .store.repository import Repository
    from .ui.app import make_app

    # The file check and the hourly backup run once Home is showing (see make_app).
    repo = Repository.open(
        data_dir, read_only=read_only, check=False, backup=False, on_upgrade=_say
    )
    try:
        app = make_app(repo, peer_name=peer)
        result = app.run()
        code = app.return_code or 0
    finally:
        repo.close()
    if result == "open-demo":
        folder = config.demo_dir()
        print(f"Opening the fictional demo in {folder} …")
        return cmd_demo(
            argparse.Namespace(data_dir=str(folder), peers=6, weeks=26, no_tui=False, fresh=False)
        )
    return code
