"""Using the agency's recovery key: someone whose passphrase is forgotten gets a new one."""

from __future__ import annotations

from ...domain.models import Person
from ...store.errors import StoreError


class RecoveryFlow:
    """Recovery key → whose passphrase → the new passphrase → signed out again."""

    def __init__(self, app) -> None:
        self.app = app

    def start(self) -> None:
        from .text import TextDialog

        self.app.push_screen(
            TextDialog(
                "The agency's recovery key",
                "Type the recovery key exactly as it was written down (dashes optional).",
                limit=80,
            ),
            self._key,
        )

    def _key(self, code: str | None) -> None:
        if code:
            self.app.run_worker(lambda: self._open(code), thread=True, group="recovery")

    def _open(self, code: str) -> None:
        try:
            self.app.store.unlock_recovery(code)
            people = [p for p in self.app.store.people() if p.active]
        except StoreError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._pick, people)

    def _pick(self, people: list[Person]) -> None:
        from .pick import PickOne

        options = [(f"{p.display} — {p.role.label.lower()}", p.id) for p in people]
        by_id = {p.id: p for p in people}
        self.app.push_screen(
            PickOne(options, title="Whose passphrase is forgotten?"),
            lambda chosen: self._passphrase(by_id[chosen]) if chosen else self._done(None),
        )

    def _passphrase(self, person: Person) -> None:
        from .passphrase import PassphraseDialog

        self.app.push_screen(
            PassphraseDialog(f"A new passphrase for {person.name}"),
            lambda typed: self.app.run_worker(
                lambda: self._set(person, typed), thread=True, group="recovery"
            ),
        )

    def _set(self, person: Person, typed) -> None:
        from ...domain.errors import ValidationError
        from ...usecases.security import choose_passphrase

        said = None
        if typed:
            try:
                choose_passphrase(self.app.store, person, *typed)
                said = f"{person.name} can sign in with the new passphrase now."
            except (StoreError, ValidationError) as error:
                said = str(error)
        self.app.call_from_thread(self._done, said)

    def _done(self, said: str | None) -> None:
        self.app.store.lock()  # the recovery key is not kept open
        if said:
            self.app.notify(said, title="Recovery")
