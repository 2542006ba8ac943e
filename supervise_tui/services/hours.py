"""Supervision time: how many minutes of each kind, per person and period, against the
targets an agency sets.

Each held session counts by its kind: weekly sessions and joint calls are *formal*,
monthly sessions with the housing agency are *agency*, informal check-ins are
*informal*, and so are the informal contacts between sessions (a call, a text, a
drop-in: :mod:`..domain.contacts`); *group* is group supervision and community-of-practice
calls (:mod:`..domain.groups`), for each peer and supervisor present. A session whose
length is not known (older and imported records) is counted as unknown, never as zero
minutes. A withdrawn session counts nowhere.

Targets are read from the ``[hours]`` table of the settings file, one per kind (or
``all``), in words: ``formal = "1 hour per month"``, ``all = "90 minutes a week"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.enums import SessionKind, SessionStatus
from ..domain.errors import ValidationError

if TYPE_CHECKING:  # (Home reads the targets at start: the history's types wait)
    from ..domain.contacts import Contact
    from ..domain.groups import GroupSession
    from ..domain.rows import SessionRow
    from .periods import Period

KINDS = ("formal", "informal", "group", "agency")
KIND_OF = {
    SessionKind.WEEKLY: "formal",
    SessionKind.JOINT_CALL: "formal",
    SessionKind.MONTHLY_AGENCY: "agency",
    SessionKind.INFORMAL: "informal",
}
UNITS = ("week", "month", "quarter")


@dataclass
class Hours:
    """One person's (or a team's) supervision time in a period."""

    name: str
    minutes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    sessions: int = 0
    unknown: int = 0  # held sessions whose length is not known
    contacts: int = 0  # informal contacts (each with its minutes)
    groups: int = 0  # group sessions and community-of-practice calls attended
    below: list[str] = field(default_factory=list)  # targets not met, in words

    @property
    def total(self) -> int:
        return sum(self.minutes.values())

    def add(self, row: SessionRow) -> None:
        if row.status in (SessionStatus.DRAFT, SessionStatus.WITHDRAWN):
            return
        self.sessions += 1
        if row.minutes is None:
            self.unknown += 1
        else:
            self.minutes[KIND_OF.get(row.kind, "formal")] += row.minutes

    def add_contact(self, contact: Contact) -> None:
        self.contacts += 1
        self.minutes["informal"] += contact.minutes

    def add_group(self, group: GroupSession) -> None:
        if group.removed is None:
            self.groups += 1
            self.minutes["group"] += group.minutes


def hours_of(
    name: str,
    rows: list[SessionRow],
    period: Period,
    contacts: Iterable[Contact] = (),
    groups: Iterable[GroupSession] = (),
) -> Hours:
    hours = Hours(name)
    for row in rows:
        if period.contains(row.when.date()):
            hours.add(row)
    for contact in contacts:
        if period.contains(contact.day):
            hours.add_contact(contact)
    for group in groups:
        if period.contains(group.day):
            hours.add_group(group)
    return hours


def add_up(name: str, parts: list[Hours]) -> Hours:
    total = Hours(name)
    for part in parts:
        for kind in KINDS:
            total.minutes[kind] += part.minutes[kind]
        total.sessions += part.sessions
        total.unknown += part.unknown
        total.contacts += part.contacts
        total.groups += part.groups
    return total


def as_hours(minutes: int) -> str:
    """Minutes as people read a duration: 1 h 05, 45 min, 0."""
    if minutes == 0:
        return "0"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if hours else f"{rest} min"


# -- targets -------------------------------------------------------------------------

_TARGET = re.compile(
    r"^(\d{1,4}(?:\.\d{1,2})?)\s*(h|hr|hrs|hour|hours|m|min|mins|minute|minutes)\s+"
    r"(?:per|a|an|each|every)\s+(week|month|quarter)$"
)


@dataclass(frozen=True)
class Target:
    kind: str  # one of KINDS, or "all"
    minutes: int
    per: str  # week, month or quarter
    text: str  # as written

    def describe(self) -> str:
        what = "in all" if self.kind == "all" else self.kind
        return f"{as_hours(self.minutes)} {what} per {self.per}"


def parse_targets(table: object) -> list[Target]:
    """The ``[hours]`` settings as targets; a ValidationError names the first one that
    cannot be read (and says how to write it)."""
    if table is None:
        return []
    if not isinstance(table, dict):
        raise ValidationError("[hours] in the settings file must be a table of targets.", "hours")
    targets = []
    for kind, text in table.items():
        where = f"[hours] {kind}"
        if kind not in (*KINDS, "all"):
            raise ValidationError(
                f"{where}: the kinds of supervision time are {', '.join(KINDS)} and all.", kind
            )
        found = (
            _TARGET.match(" ".join(str(text).split()).lower()) if isinstance(text, str) else None
        )
        if found is None:
            raise ValidationError(
                f'{where} is not a target I can read; write it like "1 hour per month" '
                'or "90 minutes a week".',
                kind,
            )
        amount, unit, per = found.groups()
        minutes = round(float(amount) * (60 if unit.startswith("h") else 1))
        if not 0 < minutes <= 24 * 60 * 31:
            raise ValidationError(f"{where} must be more than nothing and less than a month.", kind)
        targets.append(Target(kind, minutes, per, text))
    return targets


def unit_so_far(per: str, today: date) -> Period:
    """This week (from Monday), month or quarter, up to today."""
    from .periods import Period

    if per == "week":
        start = today - timedelta(days=today.weekday())
    elif per == "month":
        start = today.replace(day=1)
    else:
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return Period(start, today, f"this {per}")


def check_targets(
    hours_rows: list[SessionRow],
    targets: list[Target],
    today: date,
    contacts: Iterable[Contact] = (),
    groups: Iterable[GroupSession] = (),
) -> list[str]:
    """The targets not met so far in the current week, month or quarter, in words."""
    below = []
    contacts, groups = list(contacts), list(groups)
    for target in targets:
        so_far = hours_of("", hours_rows, unit_so_far(target.per, today), contacts, groups)
        done = so_far.total if target.kind == "all" else so_far.minutes[target.kind]
        if done < target.minutes:
            below.append(f"{as_hours(done)} of {target.describe()} so far this {target.per}")
    return below
