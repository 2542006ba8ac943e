"""Export or import through the `supervise` command in this fresh process; report.

`python benchmarks/transfer_probe.py export FOLDER BUNDLE` writes every record of FOLDER
as a JSON bundle; `python benchmarks/transfer_probe.py import FOLDER BUNDLE` imports
BUNDLE into FOLDER (empty). Prints: seconds for the command, peak-RSS-MB of the process.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time

from probe import peak_rss_mb

from supervise_tui.cli import main


def run() -> None:
    what, folder, bundle = sys.argv[1:4]
    if what == "export":
        argv = ["--data-dir", folder, "export", "--format", "json", "-o", bundle]
    else:
        argv = ["--data-dir", folder, "import", bundle]
    began = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # the import's report
        code = main(argv)
    elapsed = time.perf_counter() - began
    if code:
        raise SystemExit(code)
    print(f"{elapsed:.4f} {peak_rss_mb():.1f}", file=sys.__stdout__)


if __name__ == "__main__":
    run()
