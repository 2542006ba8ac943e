"""Looking after the folder: `supervise check [--repair]`, `backups`, `restore`."""

from __future__ import annotations

from ..store import backups
from ..store.errors import SaveFailed, StoreLocked
from ..store.folder.encrypting import is_encrypted_folder
from .common import EXIT_FAIL, EXIT_OK, Ctx, open_records, say


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
    if args.repair and report.repairable:
        with open_records(ctx) as repo:
            repair(repo, report.repairable)
        print(f"Rebuilt derived data for {len(report.repairable)} peer(s).")
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
        report = check(ctx.data_dir, store.codec)
        if args.repair and report.repairable and not store.read_only:
            repair(store, report.repairable)
            print(f"Rebuilt derived data for {len(report.repairable)} peer(s).")
            report = check(ctx.data_dir, store.codec)
    return _said(ctx.data_dir, report)


def _said(data_dir, report) -> int:
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


def cmd_backups(ctx: Ctx, args) -> int:
    names = backups.list_backups(ctx.data_dir)
    if not names:
        print(f"No backups yet in {ctx.data_dir}.")
        return EXIT_OK
    print(f"Backups of {ctx.data_dir} (newest first):")
    for name in names:
        print(f"  {name}")
    print("Go back to one with: supervise restore --from NAME")
    return EXIT_OK


def cmd_restore(ctx: Ctx, args) -> int:
    from ..store.errors import DamagedFile
    from ..store.folder import lock_folder
    from ..store.folder.encrypting import is_encrypted_folder

    codec = None
    if is_encrypted_folder(ctx.data_dir):
        try:  # signed in, the restore's own journal is sealed too
            with open_records(ctx, read_only=True, backup=False, check=False) as store:
                codec = store.codec
        except DamagedFile:
            codec = None  # the damage is what is being undone: restore without keys
    with lock_folder(ctx.data_dir, clock=ctx.clock):
        kept = backups.restore(ctx.data_dir, args.source, ctx.local_now(), codec)
    print(f"Restored {ctx.data_dir} from backup {args.source}.")
    print(f"What was there before is kept as backup {kept}.")
    return EXIT_OK
