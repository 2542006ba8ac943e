"""`supervise check` over group sessions (each peer's copies, by the year they took place),
and the walk over a peer's yearly files of records kept as they came (contacts too)."""

from __future__ import annotations

from pathlib import Path

from ..domain.groups import GroupSession, group_problem
from .check import CheckReport, _check_filed, _load, _table
from .layout import PEOPLE


def check_groups(base: Path, peer_id: str, parsed, people, report: CheckReport) -> None:
    """Each copy of a group session: the right shape and the group rules, filed under its
    peer (one of the peers present, holding only their own words) and year, naming only
    people in the roster."""
    kind = ("groups", GroupSession, "group session")
    for where, group in filed(base, peer_id, kind, parsed, report):
        problem = group_problem(group)
        if problem is not None:
            report.problems.append(f"{where}: invalid ({problem.field})")
        if any(person_id not in people for person_id in group.present):
            report.problems.append(f"{where}: refers to a person who is not in {PEOPLE}")
        report.groups += 1


def filed(base: Path, peer_id: str, kind: tuple[str, type, str], parsed, report):
    """(where, record) of each record that loads in a peer's ``<table>-YYYY.json`` files
    (``kind``: the table, the record's type, its name in a message), checked to be filed
    under its own id, its peer and its year."""
    table, cls, noun = kind
    for rel, data in parsed.items():
        if rel.parent != base or not rel.name.startswith(f"{table}-"):
            continue
        year = rel.stem.removeprefix(f"{table}-")
        for doc_id, doc in _table(data, table, str(rel), report).items():
            where = f"{rel} {noun} {doc_id}"
            record = _load(cls, doc, where, report)
            if record is not None:
                _check_filed(record, doc_id, peer_id, year, where, report)
                yield where, record
