"""`supervise check` over group sessions: each peer's copies, by the year they took place."""

from __future__ import annotations

from pathlib import Path

from ..domain.groups import GroupSession, group_problem
from .check import CheckReport, filed
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
