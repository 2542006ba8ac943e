"""The check's reading of the data files, one at a time (see :mod:`.check`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import backups
from .crypto.names import MAGIC, KeyringError, SealError
from .errors import DamagedFile
from .files import parse_json
from .layout import COPY_FILES
from .records import file_problem, kind_of

if TYPE_CHECKING:
    from .check import CheckReport


class FileReader:
    """Reads one data file at a time for the check: unsealed, parsed, its shape checked;
    a damaged file reported (and left out), a sealed one without a key counted."""

    def __init__(self, root: Path, codec, report: CheckReport) -> None:
        self.root, self.codec, self.report = root, codec, report
        self.sealed_unread = 0
        self.hidden: set[str] = set()  # peers whose records this person cannot read

    def sealed(self, rels: list[Path]) -> bool:
        """Whether any of ``rels`` is sealed (read without a codec: its first bytes)."""
        for rel in rels:
            try:
                with open(self.root / rel, "rb") as file:
                    if file.read(len(MAGIC[:4])) == MAGIC[:4]:
                        return True
            except OSError:
                continue
        return False

    def read_all(self, rels: list[Path], into: dict[Path, dict]) -> None:
        for rel in rels:
            self.read(rel, into)

    def read(self, rel: Path, into: dict[Path, dict]) -> None:
        root, codec, report = self.root, self.codec, self.report
        try:
            raw = (root / rel).read_bytes()
            if raw.startswith(MAGIC[:4]) or codec is not None:
                if codec is None:
                    self.sealed_unread += 1
                    return
                try:
                    raw = codec.decode(rel.as_posix(), raw)
                except SealError as error:
                    damaged(root, rel, error.reason, report, codec)
                    return
                except KeyringError:
                    report.unreadable += 1
                    if rel.parts[0] == "peers" and len(rel.parts) >= 3:
                        self.hidden.add(rel.parts[1])
                    return
            data = parse_json(root / rel, raw)
        except OSError as error:
            damaged(root, rel, f"it cannot be read: {error.strerror or error}", report, codec)
            return
        except DamagedFile as error:
            damaged(root, rel, error.reason, report, codec)
            return
        if not isinstance(data, dict):
            damaged(root, rel, "it does not have the expected shape", report)
            return
        if kind_of(rel) in ("peer", "index", "closed", "conflicts", "keys"):
            # the full records, people and drafts are checked record by record below
            problem = file_problem(rel, raw)
            if problem:
                damaged(root, rel, problem, report, codec)
                if kind_of(rel) != "peer":
                    return
        into[rel] = data


def damaged(root: Path, rel: Path, reason: str, report: CheckReport, codec=None) -> None:
    if rel.as_posix() in COPY_FILES:  # derived: nothing is lost, and the repair rebuilds it
        report.problems.append(
            f"{rel}: damaged ({reason}); it only holds a copy of the peers' Home figures, "
            "and `supervise check --repair` rebuilds it from their records"
        )
        return
    good = backups.newest_good(root, rel, codec)
    hint = f"; newest good backup: {good}" if good else "; no backup holds a good copy"
    report.problems.append(f"{rel}: damaged ({reason}){hint}")
