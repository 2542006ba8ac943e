"""`supervise encrypt`: plain records made private, each person's behind their passphrase."""

from __future__ import annotations

import sys
from pathlib import Path

from ..domain.enums import Role
from .common import EXIT_OK, Ctx, UsageError, say

RECOVERY_NOTE = (
    "This is the agency's recovery key. It is shown this once. It is the only way back in\n"
    "if every passphrase is forgotten: write it down or print it, and keep it somewhere\n"
    "safe away from this computer (a locked cabinet at the office). Anyone who has it can\n"
    "read every record."
)


def cmd_encrypt(ctx: Ctx, args) -> int:
    from ..store.folder import open_folder
    from ..usecases.people import find_person
    from ..usecases.security import encrypt_folder

    if not ctx.credentials.name:
        raise UsageError(
            "say which supervisor will lead the encrypted records with --as NAME "
            "(they choose the first passphrase)"
        )
    with open_folder(ctx.data_dir, clock=ctx.clock, on_upgrade=say) as store:
        if store.encrypted:
            say(f"The records in {ctx.data_dir} are encrypted already; nothing was changed.")
            return 1
        lead = find_person(store, ctx.credentials.name, Role.SUPERVISOR)
        passphrase = ctx.credentials.passphrase("Choose a passphrase: ")
        again = passphrase if ctx.credentials.given() else ctx.credentials.passphrase("Again: ")
        code = encrypt_folder(store, lead, passphrase, again, clock=ctx.clock)
    print(f"Encrypted {ctx.data_dir}: {lead.name} leads it and signs in with their passphrase.")
    print("Give each person a passphrase or a setup code from People in the app.\n")
    print(RECOVERY_NOTE)
    print(f"\n    {code}\n")
    if args.recovery_file:
        write_private(Path(args.recovery_file).expanduser(), code + "\n", ctx)
        print(f"The recovery key was also written to {args.recovery_file} (readable only by you).")
    sys.stdout.flush()
    return EXIT_OK


def write_private(path: Path, text: str, ctx: Ctx) -> None:
    from ..usecases.export import write_export

    try:
        path.resolve().relative_to(ctx.data_dir.resolve())
    except ValueError:
        write_export(path, text.encode("utf-8"), force=False)
        return
    raise UsageError(f"{path} is inside the data folder; choose a place outside it")
