"""A crash log that never holds a record's contents.

It keeps the error's type and the stack as file, line and function names:
enough for a developer, nothing of what anyone said. Exception messages and
local variables are left out on purpose, because they can quote records.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from . import __version__, config


def write(error: BaseException) -> str:
    """Append one entry to the crash log; return its path (or a note)."""
    try:
        from .store.errors import SaveFailed
        from .store.files import ensure_dir

        folder = config.config_dir()
        try:
            ensure_dir(folder)  # 0700, and so is every folder it makes on the way
        except SaveFailed:
            return "(no crash log could be written)"
        path = folder / "crash.log"
        frames = traceback.extract_tb(error.__traceback__)
        lines = [
            f"{datetime.now():%Y-%m-%d %H:%M:%S} {type(error).__name__} "
            f"in supervise-tui {__version__}"
        ]
        lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a") as handle:
            handle.write("\n".join(lines) + "\n")
        return str(path)
    except OSError:
        return "(no crash log could be written)"
