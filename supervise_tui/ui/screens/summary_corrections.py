"""Putting a finished session right, from its summary (a part of
:class:`~.summary.SummaryScreen`): correct it (an amendment once everyone signed), read
the version signed before an amendment, or withdraw it. The rules are the use cases'."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.screen import Screen

from ...domain.corrections import who_may_correct, who_may_withdraw
from ...domain.enums import SessionStatus
from ...domain.errors import ValidationError
from ...store.errors import StoreError
from ...usecases.corrections import begin_correction, withdraw_session
from ...usecases.ideas import ideas_named
from ..dialogs.reason import Why
from ..outcome import outcome, show_made

CORRECT_EXAMPLE = "e.g. The goal's target date was misheard"
WITHDRAW_EXAMPLE = "e.g. Started for the wrong peer"
WITHDRAW_HEADING = (
    "[b]Withdraw this session?[/b]\nFor a session made by mistake. It is kept, "
    "readable and marked withdrawn, but counts in no figure, and what it raised "
    "is no longer followed up. This cannot be undone."
)


class Correcting:
    """Mixed into the summary screen: ``self`` is the :class:`~.summary.SummaryScreen`."""

    @dataclass
    class Reopened(Message):
        screen: Screen | None
        error: str | None = None
        field: str | None = None

    def _who_may(self, ids: list[str]) -> list[tuple[str, str]]:
        """Who, of ``ids``, may act here: the person signed in (if among them); nobody in
        a peer's own view at a shared folder; else any of them."""
        me = getattr(self.app, "person", None)
        if me is not None:
            ids = [i for i in ids if i == me.id]
        elif self.app.peer_mode:
            ids = []
        return [(self._person_name(i), i) for i in ids]

    def correctable(self) -> bool:
        return self._may(who_may_correct(self.session))

    def withdrawable(self) -> bool:
        return self._may(who_may_withdraw(self.session))

    def _may(self, ids: list[str]) -> bool:
        writable = not self.kept_version and not self.app.store.read_only
        return writable and bool(self._who_may(ids))

    def _ask_why(self, why: Why, may: list[str], then) -> None:
        """Who (of those who ``may``) is doing it and why, then ``then(who, reason)``."""
        from ..dialogs.reason import ReasonDialog

        dialog = ReasonDialog(self._who_may(may), why)
        self.app.push_screen(dialog, lambda result: result and then(*result))

    def action_correct(self) -> None:
        if not self.correctable():
            return
        signed = self.session.status == SessionStatus.ACKNOWLEDGED
        heading = "[b]Correct this session[/b]\n" + (
            "Everyone signed it, so the correction is kept as an amendment: the signed "
            "version stays readable beside it, and everyone signs again."
            if signed
            else "It opens again to edit, step by step. F6 keeps the correction; anyone "
            "who signed already is asked to sign again."
        )
        why = Why(heading, "Correct", signed, CORRECT_EXAMPLE)
        self._ask_why(why, who_may_correct(self.session), self.reopen)

    @work(thread=True, exclusive=True, group="summary-correct")
    def reopen(self, by: str, reason: str) -> None:
        from ..widgets.steps import SessionContext
        from .session import SessionScreen

        store, s = self.app.store, self.session

        def reopened() -> SessionScreen:
            draft, tracks = begin_correction(store, s.peer_id, s.id, by, reason)
            today = self.app.local_now().date()
            pack = self.app.library.get(s.pack_id)
            named = ideas_named(store, draft, tracks)
            return SessionScreen(SessionContext(draft, tracks, self.people, today, pack, named))

        self.post_message(outcome(self.Reopened, reopened))

    def on_correcting_reopened(self, message: Reopened) -> None:
        show_made(self, message, switch=True, severity="error", timeout=12)

    def action_withdraw(self) -> None:
        if not self.withdrawable():
            return
        why = Why(WITHDRAW_HEADING, "Withdraw", True, WITHDRAW_EXAMPLE)
        self._ask_why(why, who_may_withdraw(self.session), self.withdraw)

    @work(thread=True, exclusive=True, group="summary-correct")
    def withdraw(self, by: str, reason: str) -> None:
        s = self.session
        try:
            done = withdraw_session(
                self.app.store, s.peer_id, s.id, by, reason, clock=self.app.clock
            )
        except (ValidationError, StoreError) as error:
            self.post_message(self.Signed(None, str(error)))
            return
        self.post_message(self.Signed(done, notice="Withdrawn. It is kept, out of the figures."))

    def action_original(self) -> None:
        """The version everyone signed before the latest amendment, to read."""
        if not self.session.amendments:
            return
        amendment = self.session.amendments[-1]
        screen = type(self)(amendment.previous, self.people, None, kept_version=True)
        self.app.push_screen(screen)
