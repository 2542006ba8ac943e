"""The child of the encrypt-kill test: encrypts a plain folder, and is killed part way.

Says "ready" on stdout just before encrypting, and writes "done" to the ack file
(fsynced) once encrypt_folder has returned. Usage:
encrypt_child.py DATA ACKS LEAD; the passphrase is in SUPERVISE_PASSPHRASE.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from supervise_tui.store.crypto.kdf import FAST
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.usecases.security import encrypt_folder


def fixed_clock() -> datetime:
    return datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


def main() -> None:
    data, acks, lead = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    FolderBackend.kdf_params = FAST  # as tests/conftest.py does in the parent
    secret = os.environ["SUPERVISE_PASSPHRASE"]
    with open_folder(data, clock=fixed_clock) as store:
        (person,) = [p for p in store.people() if p.name == lead]
        print("ready", flush=True)  # the parent's clock starts here
        encrypt_folder(store, person, secret, secret, clock=fixed_clock)
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.write(fd, b"done\n")
    os.fsync(fd)
    os.close(fd)


if __name__ == "__main__":
    main()
