"""Looking after the folder: `supervise check [--repair]`, `backups`, `restore`."""

from __future__ import annotations

from ..domain.dates import local
from ..store import backups, holdings
from ..store.backups import is_encrypted_folder
from ..store.errors import SaveFailed, StoreLocked
from .common import EXIT_FAIL, EXIT_OK, Ctx, confirm, open_records, say


def cmd_check(ctx: Ctx, args) -> int:
    from ..store.check import check
    from ..store.folder import lock_folder
    from ..store.journal import JOURNAL
    from ..usecases.maintenance import repair

    data_dir = ctx.data_dir
    if not data_dir.is_dir():
        say(f"There are no records in {data_dir} yet.")
        return EXIT_FAIL
    if is_encrypted_folder(data_dir):
        return _check_encrypted(ctx, args)
    if (data_dir / JOURNAL).exists():
        # Like the next start would: complete an interrupted save first (if no window
        # holds the folder; one that does completes it itself).
        try:
            with lock_folder(data_dir, clock=ctx.clock) as repo:
                for notice in repo.notices:
                    say(notice)
        except (StoreLocked, SaveFailed):
            pass  # check says the save is waiting
    report = check(data_dir)
    if args.repair and (report.repairable or report.tally_copy):
        with open_records(ctx) as repo:
            repair(repo, report.repairable, tally_copy=report.tally_copy)
        _repaired(report)
        report = check(data_dir)
    return _said(data_dir, report)


def _check_encrypted(ctx: Ctx, args) -> int:
    """Signed in, the files the person may read are checked through their keys (an
    interrupted save is completed first, when no window holds the folder)."""
    from ..store.check import check
    from ..usecases.maintenance import repair

    try:
        store = open_records(ctx, backup=False, check=False)
    except StoreLocked:
        store = open_records(ctx, read_only=True, backup=False, check=False)
    with store:
        if not store.read_only:
            store.sweep_temps()  # (as opening does for a plain folder's check)
        report = check(ctx.data_dir, store.codec)
        if args.repair and (report.repairable or report.tally_copy) and not store.read_only:
            repair(store, report.repairable, tally_copy=report.tally_copy)
            _repaired(report)
            report = check(ctx.data_dir, store.codec)
    return _said(ctx.data_dir, report)


def _repaired(report) -> None:
    if report.repairable:
        print(f"Rebuilt derived data for {len(report.repairable)} peer(s).")
    if report.tally_copy:
        print("Rebuilt the copy of every peer's Home figures (tallies/).")


def _said(data_dir, report) -> int:
    print(f"Checked {data_dir}")
    print(f"  files:    {report.files}")
    print(f"  people:   {report.people}")
    print(f"  sessions: {report.sessions}")
    print(f"  contacts: {report.contacts} (informal)")
    print(f"  groups:   {report.groups} (group sessions, a copy for each peer there)")
    print(f"  drafts:   {report.drafts}")
    for warning in report.warnings:
        print(f"  warning: {warning}")
    if report.ok and report.warnings:
        print(f"No damage found; {len(report.warnings)} name warning(s) above to look at.")
        return EXIT_OK
    if report.ok:
        print("All well: every file reads and every reference is sound.")
        return EXIT_OK
    print(f"{len(report.problems)} problem(s):")
    for problem in report.problems:
        print(f"  - {problem}")
    return EXIT_FAIL


def cmd_backups(ctx: Ctx, args) -> int:
    names = backups.list_backups(ctx.data_dir)
    if not names:
        print(f"No backups yet in {ctx.data_dir}.")
        return EXIT_OK
    encrypted = is_encrypted_folder(ctx.data_dir)
    if encrypted and ctx.credentials.name:
        with open_records(ctx, read_only=True, backup=False, check=False) as store:
            return _list_backups(ctx, names, store.codec)
    return _list_backups(ctx, names, None, hint=encrypted)


def _list_backups(ctx: Ctx, names: list[str], codec, *, hint: bool = False) -> int:
    cache: dict = {}  # a file unchanged between backups is one file (a hard link)
    rows = []
    for name in names:
        held = holdings.backup_holdings(ctx.data_dir, name, codec, cache)
        taken = backups.backup_taken(name)
        stamp = f"{taken:%Y-%m-%d %H:%M}" if taken else ""
        rows.append((name, stamp, backups.backup_reason(name), held))
    print(f"Backups of {ctx.data_dir} (newest first):")
    width = max(len(name) for name, *_ in rows)
    why = max(len(reason) for _, _, reason, _ in rows)
    for name, taken, reason, held in rows:
        print(f"  {name:<{width}}  {taken:<16}  {reason:<{why}}  {describe(held)}")
    if hint:
        print("These records are encrypted: add --as NAME to count what each backup holds.")
    print("Go back to one with: supervise restore --from NAME")
    return EXIT_OK


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe(held: holdings.Holdings) -> str:
    """What a copy of the records holds, in numbers and a date (never contents)."""
    if held.people is None and not held.sessions and held.sealed:
        return "encrypted"
    people = "people unknown" if held.people is None else _counted(held.people, "person", "people")
    parts = [
        people,
        _counted(held.sessions, "session", "sessions"),
        _counted(held.drafts, "draft", "drafts"),
        f"last change {local(held.last_change):%Y-%m-%d %H:%M}"
        if held.last_change
        else "no changes",
    ]
    if held.sealed:
        parts.append(f"{_counted(held.sealed, 'file', 'files')} not yours to read")
    if held.unreadable:
        parts.append(f"{_counted(held.unreadable, 'file', 'files')} that do not read")
    return ", ".join(parts)


def cmd_restore(ctx: Ctx, args) -> int:
    from ..store.errors import DamagedFile
    from ..store.folder import lock_folder

    backups.check_name(ctx.data_dir, args.source)
    codec = None
    if is_encrypted_folder(ctx.data_dir):
        try:  # signed in, the restore's own journal is sealed too
            with open_records(ctx, read_only=True, backup=False, check=False) as store:
                codec = store.codec
        except DamagedFile:
            codec = None  # the damage is what is being undone: restore without keys
    backups.check_backup(ctx.data_dir, args.source, codec)  # a damaged copy: refused now
    _compare(ctx, args.source, codec)
    refusal = (
        "restore replaces the records, so it asks first: run it at a terminal, "
        "or add --yes to replace them without asking"
    )
    if not args.yes and not confirm("Replace the records with this backup?", refusal=refusal):
        say("Not restored: nothing was changed.")
        return EXIT_FAIL
    with lock_folder(ctx.data_dir, clock=ctx.clock):
        kept = backups.restore(ctx.data_dir, args.source, ctx.local_now(), codec)
    print(f"Restored {ctx.data_dir} from backup {args.source}.")
    print(f"What was there before is kept as backup {kept}.")
    return EXIT_OK


def _compare(ctx: Ctx, name: str, codec) -> None:
    """What the backup holds beside what is there now: counts and dates only."""
    taken = backups.backup_taken(name)
    when = f" was taken {taken:%Y-%m-%d %H:%M}" if taken else ""
    print(f"Backup {name}{when} ({backups.backup_reason(name)}).")
    print(f"  the backup holds: {describe(holdings.backup_holdings(ctx.data_dir, name, codec))}")
    print(f"  here now:         {describe(holdings.current_holdings(ctx.data_dir, codec))}")
    print("Restoring replaces what is here now (which is first kept as a backup of its own).")
