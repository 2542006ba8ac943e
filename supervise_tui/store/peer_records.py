"""Peer records: records kept per peer (in a folder, per year too), merged by id and
guarded by revision (``updated_at``) — informal contacts and group sessions' copies.

They are records, not derived: nothing rebuilds them, a session's save never touches
them, and they do not raise the peer's revision. Each kind is told by a
:class:`PeerRecords`; :class:`PeerRecordsRooms` gives the Backend's methods for every kind
once, over the two each backend's room provides (``_records`` and ``_put_records``:
:mod:`.folder.peer_records`, :mod:`.postgres.peer_records`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..domain.contacts import Contact
    from ..domain.groups import GroupSession


@dataclass(frozen=True)
class PeerRecords:
    """A kind of peer record: its type, its table (in a folder also its files' stem,
    ``peers/<peer-id>/<table>-YYYY.json``), and what a person calls one."""

    type_of: Callable[[], type]  # its type, imported when first read (not to start)
    table: str
    noun: str

    @property
    def cls(self) -> type:
        return self.type_of()


def _contact() -> type:
    from ..domain.contacts import Contact

    return Contact


def _group() -> type:
    from ..domain.groups import GroupSession

    return GroupSession


CONTACTS = PeerRecords(_contact, "contacts", "contact")
GROUPS = PeerRecords(_group, "groups", "group session")


class PeerRecordsRooms:
    """The Backend's methods for contacts and group sessions, over a backend's room."""

    def _records(
        self, kind: PeerRecords, peer_id: str, start: date | None, end: date | None
    ) -> list[Any]:
        raise NotImplementedError

    def _put_records(self, kind: PeerRecords, records: list, replaces: datetime | None) -> None:
        """Keep ``records`` in one commit, if each still has the revision ``replaces``."""
        raise NotImplementedError

    def contacts(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Contact]:
        return self._records(CONTACTS, peer_id, start, end)

    def put_contact(self, contact: Contact, *, replaces: datetime | None) -> None:
        self._put_records(CONTACTS, [contact], replaces)

    def groups(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[GroupSession]:
        """Each attending peer keeps a copy; saving one writes every copy in one commit."""
        return self._records(GROUPS, peer_id, start, end)

    def put_group(self, copies: list[GroupSession], *, replaces: datetime | None) -> None:
        self._put_records(GROUPS, copies, replaces)
