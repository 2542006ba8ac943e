"""`supervise check` over group sessions: each peer's copies, by the year they took place."""

from __future__ import annotations

from pathlib import Path

from ..domain.groups import GroupSession, group_problem
from .check import CheckReport, _check_filed, _load, _table
from .layout import PEOPLE


def check_groups(base: Path, peer_id: str, parsed, people, report: CheckReport) -> None:
    """Each copy of a group session: the right shape and the group rules, filed under its
    peer (one of the peers present, holding only their own words) and year, naming only
    people in the roster."""
    for rel, data in parsed.items():
        if rel.parent != base or not rel.name.startswith("groups-"):
            continue
        year = rel.stem.removeprefix("groups-")
        for doc_id, doc in _table(data, "groups", str(rel), report).items():
            where = f"{rel} group session {doc_id}"
            group = _load(GroupSession, doc, where, report)
            if group is None:
                continue
            _check_filed(group, doc_id, peer_id, year, where, report)
            problem = group_problem(group)
            if problem is not None:
                report.problems.append(f"{where}: invalid ({problem.field})")
            if any(person_id not in people for person_id in group.present):
                report.problems.append(f"{where}: refers to a person who is not in {PEOPLE}")
            report.groups += 1
