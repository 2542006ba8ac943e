"""The folder backend: the records in a folder of TinyDB files (the embedded default).

:class:`FolderBackend` is the :class:`~..backend.Backend` of a data folder, built from
rooms named for what they hold — opening and locking (:mod:`.opening`), the look over
every file and the hourly backup (:mod:`.upkeep`), the files and units of work they share
(:mod:`.base`), people (:mod:`.people`) and the copy of Home's tallies
(:mod:`.tally_copy`), drafts (:mod:`.drafts`), reading history (:mod:`.history`) and
writing it (:mod:`.writing`), informal contacts and group sessions (:mod:`.peer_records`),
and, for an encrypted folder, its keys (:mod:`.keys`, :mod:`.encrypting`).
Every method of the Backend protocol holds the folder's mutex, so the UI's workers can
call it from any thread without interleaving.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator
from contextlib import contextmanager

from ..backend import Backend
from .drafts import DraftsRoom
from .encrypting import EncryptingRoom
from .history import HistoryRoom
from .opening import OpeningRoom, opener
from .peer_records import PeerRecordsRoom
from .people import PeopleRoom
from .writing import WritingRoom

__all__ = ["FolderBackend", "lock_folder", "open_folder"]


# What the folder keeps beyond the protocol, for the use cases that ask for it: the team
# view's kept tally, stored sessions passed on as they are (an export), and the copy of
# Home's tallies made afresh (a repair).
KEPT_BEYOND = ("team_tally", "session_data", "rebuild_tally_copy")


def _synchronized(cls):
    """Wrap each method the Backend protocol names (and KEPT_BEYOND) in the mutex."""
    names = [name for name, _ in inspect.getmembers(Backend, inspect.isfunction)]
    for name in [*names, *KEPT_BEYOND]:
        if name.startswith("_") or name == "transaction":
            continue
        method = getattr(cls, name)

        @functools.wraps(method)
        def locked(self, *args, __method=method, **kwargs):
            with self._mutex:
                return __method(self, *args, **kwargs)

        setattr(cls, name, locked)
    return cls


@_synchronized
class FolderBackend(
    EncryptingRoom,
    OpeningRoom,
    PeopleRoom,
    DraftsRoom,
    PeerRecordsRoom,
    HistoryRoom,
    WritingRoom,
):
    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._work():
            yield


open_folder, lock_folder = opener(FolderBackend)
