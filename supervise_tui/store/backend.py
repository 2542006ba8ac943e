"""The Backend: everything the use cases and screens may ask of a store.

A backend keeps records and what is derived from them (:mod:`..domain.derived`). It
applies no business rules: the use cases decide what changes (validated, stamped, with
every derived figure worked out) and a backend persists it, all or nothing. Nothing here
names a file: the first backend is a folder of TinyDB files (:mod:`.folder`); another
could be a database server.

Rules every backend keeps:

- **All or nothing.** Each write method is one commit; inside :meth:`Backend.transaction`
  everything is one commit.
- **No lost update.** A write that replaces a record says which version it was made from
  (``replaces``: that version's ``updated_at``); if the stored one is another, the write
  is refused with :class:`~.errors.ChangedElsewhere` and nothing changes.
- **Thread-safe.** Every method may be called from any thread; calls do not interleave.
- **Plain errors.** Failures are :class:`~.errors.StoreError` with one sentence for a
  person, naming places and ids, never a record's contents.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # names for the annotations only: the start imports none of the history
    from ..domain.contacts import Contact
    from ..domain.derived import PeerHistory
    from ..domain.enums import Role
    from ..domain.groups import GroupSession
    from ..domain.models import PeerInput, Person, Session
    from ..domain.rows import SessionRow
    from ..domain.tallies import PeerTally, YearCount
    from ..domain.team_tally import TeamTally
    from ..domain.tracks import ActionTrack, ConcernTrack, GoalTrack, Tracks

    Track = ConcernTrack | GoalTrack | ActionTrack


@dataclass
class SessionChange:
    """Everything one save of a held session changes, worked out by the use case."""

    session: Session  # the record as it is to be kept (status completed or acknowledged)
    replaces: datetime | None  # updated_at of the stored version it was made from (None: new)
    filed_year: int | None  # the year it is filed under now (None: new); it may move
    tracks: dict[str, tuple[Track | None, Track | None]]  # id -> (before, after); None: none
    counts: dict[int, YearCount | None]  # the years whose counts change; None: no session left
    tally: PeerTally
    peer_input: PeerInput | None = None  # the peer's agenda after this session (None: as is)
    drop_draft: bool = False  # the session was a draft until now: its draft goes
    team: TeamTally | None = None  # the team view's tally after it (a backend keeping one)


@dataclass
class Conflict:
    """A record changed both here and in a bundle: the other version, kept aside."""

    id: str  # "session-<id>" or "person-<id>"
    kind: str  # "session" or "person"
    record_id: str
    found_at: datetime
    incoming: dict = field(repr=False)  # the other version, as stored data


@runtime_checkable
class Backend(Protocol):
    read_only: bool
    clock: Callable[[], datetime]
    notices: list[str]  # said once to the person who opened it (an interrupted save, …)

    @property
    def where(self) -> str:
        """Where the records are, for messages (a folder, a server)."""

    def holds_path(self, path: Path) -> bool:
        """Whether a file written at ``path`` would land among the stored records (an
        export must never)."""

    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """Everything written inside is one commit."""

    def backup(self, label: str) -> str | None:
        """Keep a copy of everything as it is now, before a large change (an import);
        returns its name, or None for a store that keeps its own (a server)."""

    def upkeep(self) -> list[str]:
        """Background work once the first screen shows (a look over the stored data, a
        backup when one is due); returns what to tell the person. Raises DamagedFile."""

    # -- signing in (a store that keeps each person's records apart) -------------------

    @property
    def locked(self) -> bool:
        """Nobody is signed in to a store that needs it (an encrypted folder, a server)."""

    signed_in: str | None  # the person whose keys are held (None: no sign-in in this store)
    encrypted: bool  # each person's records are kept apart by key (a sign-in is needed)
    is_demo: bool  # the fictional demo (never offered encryption)

    def unlock(self, name: str, secret: str) -> tuple[str, bool]:
        """Sign in; returns the person's id and whether they must now choose a passphrase
        (they signed in with a one-time setup code). NoAccess when they do not match."""

    def vouches(self, person_id: str, secret: str) -> bool:
        """Whether ``secret`` is this person's own passphrase (signing beside the person
        signed in); changes nothing."""

    def lock(self) -> None:
        """Forget every key and every record read (idle lock, sign-out)."""

    def readable_peers(self) -> set[str] | None:
        """The peers whose records the signed-in person can read (None: everyone's)."""

    def set_readers(self, peer_id: str, readers: set[str]) -> None:
        """Exactly these people (and the recovery key) may read the peer's records."""

    def set_secret(self, person_id: str, name: str, secret: str, *, setup: bool = False) -> None:
        """Give someone a passphrase (or a one-time setup code) to sign in with."""

    def change_secret(self, old: str, new: str) -> None:
        """The signed-in person's own passphrase."""

    def remove_secret(self, person_id: str) -> None:
        """Someone leaves: they can no longer sign in or read anything."""

    def rename_login(self, person_id: str, name: str) -> None: ...

    def has_secret(self, person_id: str) -> bool: ...

    # -- people ---------------------------------------------------------------------

    def people(self, *, include_inactive: bool = True, role: Role | None = None) -> list[Person]:
        """Everyone, sorted by name then site."""

    def person(self, person_id: str) -> Person:
        """One person; NotFound when there is none."""

    def put_person(self, person: Person, *, replaces: datetime | None) -> None: ...

    def remove_person(self, person_id: str) -> None:
        """Forget someone (and their tally); the use case checks they have no records."""

    def tallies(self) -> dict[str, PeerTally]: ...

    def has_records(self, person_id: str) -> bool:
        """Whether anyone's sessions or drafts name this person."""

    # -- drafts ---------------------------------------------------------------------

    def drafts(self) -> list[Session]:
        """Unfinished sessions, most recently changed first."""

    def save_draft(self, draft: Session) -> bool:
        """Keep a draft as it is (autosave); False when the session is already held
        (a late autosave must not bring a finished session back as a draft)."""

    def discard_draft(self, session_id: str) -> None: ...

    # -- history ----------------------------------------------------------------------

    def rows(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[SessionRow]:
        """The light rows of a peer's held sessions between two days, oldest first."""

    def years(self, peer_id: str) -> dict[int, YearCount]: ...

    def sessions(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Session]:
        """A peer's held sessions (completed or acknowledged), oldest first."""

    def session(self, peer_id: str, session_id: str, year: int | None = None) -> Session:
        """One held session (``year`` when known saves looking); NotFound otherwise."""

    def filed_row(
        self, peer_id: str, session_id: str, year: int | None, *, anywhere: bool
    ) -> SessionRow | None:
        """A held session's light row (its year is where it is filed), or None when it is
        not held. Looks in ``year`` first, and in the other years only when ``anywhere``."""

    def open_tracks(self, peer_id: str) -> Tracks:
        """Open concerns, active or paused goals, unfinished actions."""

    def tracks(self, peer_id: str) -> Tracks:
        """All of a peer's tracks, open and settled."""

    def tracks_for(self, peer_id: str, ids: set[str]) -> Tracks:
        """The open tracks, and the settled ones among ``ids``."""

    def peer_input(self, peer_id: str) -> PeerInput: ...

    def peers_with_records(self) -> list[str]: ...

    def session_owners(self) -> dict[str, str]:
        """Every held session's id, with the peer it is filed under."""

    # -- writing history ------------------------------------------------------------------

    def store_session(self, change: SessionChange) -> None: ...

    def save_peer_input(self, peer_id: str, peer_input: PeerInput) -> None: ...

    def replace_history(self, history: PeerHistory, sessions: list[Session]) -> None:
        """Keep ``sessions`` as the peer's whole held history, with what they say (an
        import, a repair); sessions kept before and not among them are removed."""

    # -- informal contacts --------------------------------------------------------------

    def contacts(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Contact]:
        """A peer's informal contacts between two days, oldest first."""

    def put_contact(self, contact: Contact, *, replaces: datetime | None) -> None:
        """Keep a contact (``replaces``: the version it was made from; None: new)."""

    # -- group sessions -----------------------------------------------------------------

    def groups(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[GroupSession]:
        """A peer's copies of the group sessions they attended between two days, oldest
        first (each holding the shared fields and only that peer's own words)."""

    def put_group(self, copies: list[GroupSession], *, replaces: datetime | None) -> None:
        """Keep every attending peer's copy of one group session, in one commit
        (``replaces``: the version they were made from, the same for every copy; None:
        new)."""

    # -- conflicts ----------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]: ...

    def put_conflicts(self, conflicts: list[Conflict]) -> None: ...

    def drop_conflict(self, conflict_id: str) -> None: ...
