"""The server backend: the same records on an agency's PostgreSQL server.

:class:`ServerBackend` is the :class:`~..backend.Backend` of a database, built from
rooms named for what they hold like the folder's: the connection and revisions
(:mod:`.base`), who is connected (:mod:`.access`), people (:mod:`.people`), drafts
(:mod:`.drafts`), reading history (:mod:`.history`) and writing it (:mod:`.writing`),
informal contacts and group sessions (:mod:`.peer_records`).
The tables and their versions are in :mod:`.schema`, the row-level policies in
:mod:`.policies`, setting a server up in :mod:`.admin`. Only this package (and
:mod:`.connect`, which imports it when first asked) touches psycopg.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import datetime

from ..backend import Backend
from .connect import parse, said_plainly

__all__ = ["open_server"]

_WRITES = {
    "put_person", "remove_person", "save_draft", "discard_draft", "store_session",
    "save_peer_input", "replace_history", "put_conflicts", "drop_conflict", "put_contact",
    "put_group",
}  # fmt: skip


def _synchronized(cls):
    """Wrap each method the Backend protocol names in the instance's mutex, with the
    server's errors said as the store's."""
    for name, _ in inspect.getmembers(Backend, inspect.isfunction):
        if name.startswith("_") or name in ("transaction", "close"):
            continue
        method = getattr(cls, name)

        @functools.wraps(method)
        def locked(self, *args, __method=method, __writing=name in _WRITES, **kwargs):
            with self._mutex, said_plainly(self.where, __writing):
                return __method(self, *args, **kwargs)

        setattr(cls, name, locked)
    return cls


@functools.cache
def _backend_class():
    from .access import AccessRoom
    from .drafts import DraftsRoom
    from .history import HistoryRoom
    from .peer_records import PeerRecordsRoom
    from .people import PeopleRoom
    from .writing import WritingRoom

    @_synchronized
    class ServerBackend(
        AccessRoom, PeopleRoom, DraftsRoom, HistoryRoom, WritingRoom, PeerRecordsRoom
    ):
        pass

    return ServerBackend


def open_server(url: str, *, clock: Callable[[], datetime], read_only: bool = False):
    """Connect to the records on a server: its schema must be this app's version (an
    older one is upgraded by `supervise db migrate`, a newer one needs a newer app)."""
    from .admin import check_version

    parse(url)  # the missing extra or a wrong address said before the rooms import psycopg
    store = _backend_class()(url, clock=clock, read_only=read_only)
    try:
        with said_plainly(store.where, False):
            check_version(store._conn, store.where)
            store.who_am_i()
    except BaseException:
        store.close()
        raise
    return store
