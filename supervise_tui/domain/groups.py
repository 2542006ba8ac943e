"""Group sessions: group supervision and community-of-practice calls, several peers at once.

A group session has a facilitator (a peer, or a supervisor), the peers who attended (at
least two) and any supervisors present (none when peers meet among themselves). What the
group shares — the case brought and by whom, one practice to try, a note, the actions
agreed — is the same for all; each peer's own words ("what I learned") are theirs.

Each attending peer keeps a **copy** (``peer_id`` is whose): the shared fields, the names
of those present, and only that peer's own words. So a peer's records stay theirs, sealed
with their key, and another attendee's words are never in their copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from .dates import human_date, in_range
from .enums import GroupKind, Role
from .errors import ValidationError
from .models import MAX_MINUTES, Person, Withdrawal
from .stamps import _id, _stamp
from .text import NOTE_MAX, SHORT_MAX, check_text

AHEAD = timedelta(minutes=5)  # recorded once it has happened (a slow clock aside)
SHARED = ("case", "practice", "note")  # the shared fields a pack words


@dataclass(slots=True)
class GroupAction:
    text: str
    owner: str  # the person id of someone present
    due: date | None = None
    id: str = _id()


@dataclass(slots=True)
class GroupSession:
    kind: GroupKind
    when: datetime  # local wall-clock time it began
    minutes: int
    facilitator_id: str  # a peer who attended, or a supervisor present
    attendee_ids: list[str]  # the peers who attended (at least two)
    supervisor_ids: list[str] = field(default_factory=list)  # may be empty
    site: str = ""
    pack_id: str = ""
    case: str = ""  # the case or situation brought (never a client's name)
    case_by: str = ""  # who brought it (someone present)
    practice: str = ""  # one practice to try before the next
    note: str = ""  # a shared note
    actions: list[GroupAction] = field(default_factory=list)
    words: dict[str, dict[str, str]] = field(default_factory=dict)  # peer -> question -> words
    peer_id: str = ""  # whose copy this is ("" while the whole record is being made)
    removed: Withdrawal | None = None  # recorded by mistake: kept, counts nowhere
    id: str = _id()
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()
    revisions: list[datetime] = field(default_factory=list)  # see Person.revisions

    @property
    def day(self) -> date:
        return self.when.date()

    @property
    def present(self) -> list[str]:
        """Everyone there: the peers, then the supervisors."""
        return [*self.attendee_ids, *self.supervisor_ids]

    def own_words(self) -> dict[str, str]:
        """This copy's peer's own words (empty for a peer who wrote none)."""
        return self.words.get(self.peer_id, {})


def copies_of(group: GroupSession) -> list[GroupSession]:
    """One copy per attending peer: the shared fields and only that peer's own words."""
    return [
        replace(
            group,
            peer_id=peer,
            words={peer: dict(group.words[peer])} if group.words.get(peer) else {},
            attendee_ids=list(group.attendee_ids),
            supervisor_ids=list(group.supervisor_ids),
            actions=list(group.actions),
            revisions=list(group.revisions),
        )
        for peer in group.attendee_ids
    ]


def _fail(message: str, where: str) -> None:
    raise ValidationError(message, where)


def _check_shape(group: GroupSession) -> None:
    """The rules a group session keeps by itself, whoever recorded it."""
    if not isinstance(group.kind, GroupKind):
        kinds = ", ".join(k.value for k in GroupKind)
        _fail(f"The kind of group session is one of: {kinds}.", "kind")
    if type(group.minutes) is not int or not 0 < group.minutes <= MAX_MINUTES:
        _fail(f"The minutes must be a whole number from 1 to {MAX_MINUTES} (12 hours).", "minutes")
    in_range(group.when.date(), "when")
    peers, supervisors = group.attendee_ids, group.supervisor_ids
    if len(set(peers)) != len(peers) or len(set(supervisors)) != len(supervisors):
        _fail("Each person is named once.", "attendee_ids")
    if set(peers) & set(supervisors):
        _fail("Someone cannot attend both as a peer and as a supervisor.", "supervisor_ids")
    if len(peers) < 2:
        _fail("A group session needs at least two peers present.", "attendee_ids")
    present = set(group.present)
    if not group.facilitator_id:
        _fail("Please say who facilitated.", "facilitator_id")
    if group.facilitator_id not in present:
        _fail("The facilitator must be one of those present.", "facilitator_id")
    check_text(group.case, "case", limit=NOTE_MAX, required=True, label="case brought")
    if group.case_by not in present:
        _fail("The case was brought by someone present; please say who.", "case_by")
    check_text(group.practice, "practice", limit=SHORT_MAX, label="practice to try")
    check_text(group.note, "note", limit=NOTE_MAX)
    for i, action in enumerate(group.actions):
        check_text(
            action.text, f"actions[{i}].text", limit=SHORT_MAX, required=True, label="action"
        )
        if action.owner not in present:
            _fail("Each action's owner must be someone present.", f"actions[{i}].owner")
        if action.due is not None:
            in_range(action.due, f"actions[{i}].due")
    for peer, answers in group.words.items():
        if peer not in peers:
            _fail("Own words are kept only for the peers present.", "words")
        for key, text in answers.items():
            check_text(text, f"words.{key}", label="own words")
    if group.peer_id and (group.peer_id not in peers or set(group.words) - {group.peer_id}):
        _fail("A peer's copy holds only that peer's own words.", "words")


def _check_people(group: GroupSession, people: Mapping[str, Person]) -> None:
    """The people named are in the records, in their roles, and (recording) active."""
    for peer_id in group.attendee_ids:
        peer = people.get(peer_id)
        if peer is None:
            _fail("One of the peers is not in the records.", "attendee_ids")
        if peer.role != Role.PEER:
            _fail(f"{peer.name} is not a peer specialist.", "attendee_ids")
        if not peer.active:
            _fail(f"{peer.name} is marked inactive and cannot attend.", "attendee_ids")
    for supervisor_id in group.supervisor_ids:
        supervisor = people.get(supervisor_id)
        if supervisor is None or supervisor.role != Role.SUPERVISOR:
            _fail("Each supervisor present must be a supervisor in the records.", "supervisor_ids")


def group_problem(
    group: GroupSession, people: Mapping[str, Person] | None = None
) -> ValidationError | None:
    """What is wrong with a group session, or None: its message is one plain sentence,
    its ``field`` where. With ``people``, the people named are checked too (as when it
    is recorded)."""
    try:
        _check_shape(group)
        if people is not None:
            _check_people(group, people)
    except ValidationError as error:
        return error
    return None


def check_group(group: GroupSession, people: Mapping[str, Person], now: datetime) -> GroupSession:
    """``group`` with its texts cleaned, or a ValidationError in one plain sentence."""
    problem = group_problem(group, people)
    if problem is not None:
        raise problem
    if group.when > now.replace(tzinfo=None) + AHEAD:
        _fail("That time is still ahead; a group session is recorded once it has happened.", "when")
    return replace(
        group,
        case=check_text(group.case, "case").strip(),
        practice=" ".join(check_text(group.practice, "practice").split()),
        note=check_text(group.note, "note").strip(),
        actions=[replace(a, text=" ".join(a.text.split())) for a in group.actions],
        words={
            peer: {k: check_text(v, "words").strip() for k, v in answers.items() if v.strip()}
            for peer, answers in group.words.items()
            if any(v.strip() for v in answers.values())
        },
    )


def group_line(group: GroupSession, names: Mapping[str, str]) -> str:
    """One plain line: when, which kind, how long, who led it — never what was said."""
    led = names.get(group.facilitator_id, "someone present")
    peers = len(group.attendee_ids)
    return (
        f"{human_date(group.day)} {group.when:%H:%M} · {group.kind.label}, "
        f"{group.minutes} min, {peers} peers, led by {led}"
    )


def own_lines(group: GroupSession, questions: Mapping[str, str] | None = None) -> list[str]:
    """This copy's peer's own words, one line a question ("What I learned: …")."""
    asked = questions or {}
    return [
        f"{asked.get(key, key.replace('-', ' ').capitalize())}: {' '.join(text.split())}"
        for key, text in group.own_words().items()
    ]


def peer_group_lines(
    groups: list[GroupSession], names: Mapping[str, str], questions: Mapping[str, str]
) -> list[str]:
    """A peer's own group sessions, newest first: each one's line, the practice the group
    chose, and that peer's own words (their copy holds no one else's)."""
    lines = []
    for group in sorted(groups, key=lambda g: (g.when, g.id), reverse=True):
        lines.append(group_line(group, names))
        if group.practice:
            lines.append(f"  Practice to try: {group.practice}")
        lines += [f"  {line}" for line in own_lines(group, questions)]
    return lines
