"""Who is at the keyboard, for encrypted records: signing in, the idle lock, changing a
passphrase, and encrypting plain records from the app (a part of :class:`SuperviseApp`)."""

from __future__ import annotations

from textual import events

from ..domain.person import Person
from .keys import say_key


class Signing:
    """Mixed into the app: ``self`` is the :class:`~.app.SuperviseApp`."""

    def signed_in(self, person: Person, must_choose: bool) -> None:
        """Someone signed in: their screen, after choosing a passphrase if they came with a
        setup code."""
        first = self.person is None
        self.person = person
        self._last_input = self.ticks()
        if first:
            self.set_timer(self.AFTER_START_SECONDS, self.after_start)
        if must_choose:
            from .dialogs.passphrase import PassphraseDialog

            def chosen(typed) -> None:
                if not typed:
                    self.signed_in(person, True)  # a passphrase is needed to go on
                    return
                self.run_worker(lambda: self._choose(person, typed), thread=True)

            self.push_screen(
                PassphraseDialog(
                    f"Welcome, {person.name}: choose your passphrase",
                    "The setup code worked once; from now on you sign in with this.",
                ),
                chosen,
            )
            return
        self.switch_screen(self._screen_for(person))

    def _choose(self, person: Person, typed) -> None:
        from ..domain.errors import ValidationError
        from ..store.errors import StoreError
        from ..usecases.security import choose_passphrase

        try:
            choose_passphrase(self.store, person, *typed)
        except (ValidationError, StoreError) as error:
            self.call_from_thread(self.notify, str(error), severity="error")
            self.call_from_thread(self.signed_in, person, True)
            return
        self.call_from_thread(self.signed_in, person, False)

    # -- the idle lock -------------------------------------------------------------------

    def on_event(self, event: events.Event):
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollUp):
            self._last_input = self.ticks()
        return super().on_event(event)

    def _check_idle(self) -> None:
        from .screens.lock import LockScreen

        idle = self.ticks() - self._last_input
        if self.person is None or self.store.locked or isinstance(self.screen, LockScreen):
            return
        if idle >= self.idle_seconds:
            minutes = f"{self.idle_seconds / 60:g}"
            self.lock_now(f"No key was pressed for {minutes} minute(s), so the screen was locked.")

    def action_lock(self) -> None:
        if self.person is not None and not self.store.locked:
            self.lock_now("Locked.")

    def action_command_palette(self) -> None:
        if not self.store.locked:  # nothing to offer before sign-in, or while locked
            super().action_command_palette()

    def action_change_passphrase(self) -> None:
        if self.person is None or self.store.read_only or self.store.locked:
            return
        from .dialogs.passphrase import PassphraseDialog

        def typed(values) -> None:
            if values:
                self.run_worker(lambda: self._change(*values), thread=True, group="passphrase")

        self.push_screen(PassphraseDialog("Change your passphrase", current=True), typed)

    def _change(self, old: str, new: str, again: str) -> None:
        from ..domain.errors import ValidationError
        from ..store.errors import StoreError
        from ..usecases.security import change_passphrase

        try:
            change_passphrase(self.store, old, new, again)
        except (ValidationError, StoreError) as error:
            self.call_from_thread(self.notify, str(error), severity="error", title="Not changed")
            return
        self.call_from_thread(self.notify, "Your passphrase is changed.", title="Passphrase")

    def lock_now(self, why: str) -> None:
        """Save what is typed, forget the keys, clear the screen; the passphrase of the
        same person brings it all back."""
        from .screens.lock import LockScreen

        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if flush is not None:
                flush()
        self.store.lock()
        self.push_screen(LockScreen(self.person, why))

    # -- encrypting plain records ----------------------------------------------------------

    def offer_encryption(self) -> None:
        """Plain records with people in them: say once, on open, that they can be made
        private (not for the fictional demo, nor read-only)."""
        store = self.store
        if not self.offer_plain or store.encrypted or store.read_only or store.is_demo:
            return
        if store.locked or not store.people():
            return  # an empty folder gets its passphrase at the first start
        key = say_key(self.keymap.get("app.encrypt", "ctrl+e"))
        self.notify(
            "These records are not encrypted: anyone at this computer can read them. "
            f"Press {key} to encrypt them; each person then signs in with their own "
            "passphrase.",
            title="Not encrypted",
            severity="warning",
            timeout=20,
        )

    def action_encrypt(self) -> None:
        store = self.store
        if store.encrypted or store.read_only or store.locked:
            return
        from ..domain.enums import Role
        from .dialogs.pick import PickOne

        leads = [p for p in store.people(role=Role.SUPERVISOR) if p.active]
        if not leads:
            self.notify("Add yourself as a supervisor first.", title="Not encrypted")
            return
        by_id = {p.id: p for p in leads}
        self.push_screen(
            PickOne(
                [(p.display, p.id) for p in leads],
                title="Encrypt the records: who will lead them (and see every peer)?",
            ),
            lambda chosen: chosen and self._encrypt_passphrase(by_id[chosen]),
        )

    def _encrypt_passphrase(self, lead: Person) -> None:
        from .dialogs.passphrase import PassphraseDialog

        self.push_screen(
            PassphraseDialog(
                f"{lead.name}'s passphrase",
                "A backup is taken first, then every record is encrypted and checked. "
                "Everyone else then gets a passphrase or a setup code from People (k).",
            ),
            lambda typed: (
                typed
                and self.run_worker(
                    lambda: self._encrypt(lead, typed), thread=True, group="encrypt"
                )
            ),
        )

    def _encrypt(self, lead: Person, typed) -> None:
        from ..domain.errors import ValidationError
        from ..store.errors import StoreError
        from ..usecases.security import encrypt_folder

        try:
            code = encrypt_folder(self.store, lead, *typed, clock=self.clock)
        except (ValidationError, StoreError) as error:
            self.call_from_thread(self.notify, str(error), severity="error", title="Not encrypted")
            return
        self.call_from_thread(self._encrypted, self.store.person(lead.id), code)

    def _encrypted(self, lead: Person, code: str) -> None:
        from .dialogs.recovery_key import RecoveryKeyDialog

        self.person = lead
        self.clear_notifications()  # the "not encrypted" notice, among others
        self.notify(
            "The records are encrypted. Give each person a passphrase or a setup code "
            "from People (k); until then only you can sign in.",
            title="Encrypted",
            timeout=20,
        )
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()
        self.push_screen(RecoveryKeyDialog(code))
