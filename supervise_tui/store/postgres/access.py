"""Who is connected, and what they may see: each person is their own database login.

There is no sign-in inside the app on a server: the login a person connects with is
theirs (``supervise db add-login``), and the server's row-level policies
(:mod:`.policies`) keep them to their records. The passphrase methods of the Backend
protocol are for encrypted folders; here they are refused with a sentence saying so.
"""

from __future__ import annotations

from ...domain.enums import Role
from ..errors import NoAccess, Refused
from .base import ServerBase

_LOGINS = "On a server, each person has their own database login: `supervise db add-login NAME`."


class AccessRoom(ServerBase):
    def who_am_i(self) -> None:
        """Find the person this login is, and whether it sees everything (the owner of
        the schema, a superuser, or a lead); a login tied to nobody is refused."""
        owner, login = self._one(
            "SELECT pg_has_role(session_user, n.nspowner, 'USAGE') "
            "OR (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user), "
            "session_user FROM pg_namespace n WHERE n.nspname = 'supervise'"
        )
        found = self._one(
            "SELECT l.person_id, p.role = 'supervisor' AND p.admin AND p.active "
            "FROM logins l JOIN people p ON p.id = l.person_id WHERE l.login = session_user"
        )
        self.me = found[0] if found else None
        self.everything = bool(owner or (found and found[1]))
        if not owner and found is None:
            raise NoAccess(
                f"The login {login} is not given to anyone in the records on {self.where}; "
                "ask the agency's IT to run `supervise db add-login` for you."
            )

    def readable_peers(self) -> set[str] | None:
        if self.everything:
            return None
        found = self._all(
            "SELECT id FROM people WHERE role = %s AND may_see(id)", (Role.PEER.value,)
        )
        return {i for (i,) in found}

    def unlock(self, name: str, secret: str) -> tuple[str, bool]:
        raise Refused(_LOGINS)

    def vouches(self, person_id: str, secret: str) -> bool:
        return False

    def lock(self) -> None:
        return None  # nothing is held in memory to forget

    def set_readers(self, peer_id: str, readers: set[str]) -> None:
        return None  # the policies follow each peer's supervisors and the leads

    def set_secret(self, person_id: str, name: str, secret: str, *, setup: bool = False) -> None:
        raise Refused(_LOGINS)

    def change_secret(self, old: str, new: str) -> None:
        raise Refused("On a server, a login's password is changed by the agency's IT.")

    def remove_secret(self, person_id: str) -> None:
        raise Refused(_LOGINS)

    def rename_login(self, person_id: str, name: str) -> None:
        return None  # a login's name is the server's, not the person's

    def has_secret(self, person_id: str) -> bool:
        return self._one("SELECT 1 FROM logins WHERE person_id = %s", (person_id,)) is not None
