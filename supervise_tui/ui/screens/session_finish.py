"""Finishing a session (a part of :class:`~.session.SessionScreen`): asked once, then
one use-case call in a worker; a rule it breaks takes the person to the field."""

from __future__ import annotations

import copy

from textual import work
from textual.message import Message
from textual.widgets import Static

from ...domain.errors import ValidationError
from ...domain.models import Session
from ...services.draft_edit import error_path, step_of
from ...services.draft_steps import is_blank, not_visited
from ...store.errors import StoreError
from ...usecases.sessions import finish_session
from ..widgets.fields import control_id, error_id, path_of
from ..widgets.step_bar import STEPS, step_title

STEP_KEYS = [key for key, _ in STEPS]


class Finishing:
    """Mixed into the session screen: ``self`` is the :class:`~.session.SessionScreen`."""

    _asking = False

    async def action_finish(self) -> None:
        """F6 (or F8 on the last step): asked once, naming the steps not visited; then in
        one straight descent a worker hands the draft to the use case, which validates it
        once and keeps it (dropping the draft) in one commit. Until that succeeds the
        draft stays here and autosave goes on."""
        if self._finishing or self._asking:
            return
        from ..dialogs.confirm import ConfirmDialog

        self._asking = True
        self.app.push_screen(ConfirmDialog(self._finish_question(), yes="Finish"), self._answer)

    def _finish_question(self) -> str:
        if self.draft.correcting is not None:
            return (
                "Keep this correction? The session is then kept as corrected, and anyone "
                "who signed it already is asked to sign again. (n goes back to it.)"
            )
        if is_blank(self.draft, STEP_KEYS):
            return (
                "Nothing has been written in this session yet. Finish it anyway? It would "
                "be kept as held, awaiting sign-off. (n goes back to the session.)"
            )
        missing = [step_title(k) for k in not_visited(self.draft, STEP_KEYS, self.current)]
        if missing:
            return (
                f"Finish this session? Not visited yet: {', '.join(missing)}. It is then kept "
                "as completed, awaiting both signatures. (n goes back to the session.)"
            )
        return "Finish this session? It is then kept as completed, awaiting both signatures."

    def _answer(self, yes: bool | None) -> None:
        self._asking = False
        if yes and not self._finishing:
            self._finishing = True
            self.finish(copy.deepcopy(self.draft))

    @work(thread=True, exclusive=True, group="finish")
    def finish(self, snapshot: Session) -> None:
        try:
            done = finish_session(self.app.store, snapshot, clock=self.app.clock)
        except ValidationError as error:
            self.post_message(self.Invalid(error.message, error.field))
            return
        except StoreError as error:
            self.post_message(self.Invalid(str(error), None))
            return
        self.post_message(self.Finished(done))

    async def on_session_screen_invalid(self, message: Message) -> None:
        self._finishing = False
        if message.field:
            await self._jump_to(error_path(self.draft, message.field), message.message)
        else:
            self.notify(message.message, title="Could not finish", severity="error", timeout=15)

    async def _jump_to(self, path: str, message: str) -> None:
        step = step_of(path)
        if step in STEP_KEYS and step != self.current:
            await self.goto(step)
        self.notify(message, title="Please check this", severity="warning", timeout=10)
        self.call_after_refresh(self._focus_path, path, message)

    def _focus_path(self, path: str, message: str) -> None:
        wid = control_id(path)
        matches = [
            w
            for w in self.query("Input, TextArea, Select")
            if w.id and (w.id == wid or w.id.startswith(wid + "__"))
        ]
        if not matches:
            return
        target = matches[0]
        target.focus()
        target.scroll_visible()
        target_path = path_of(target.id)
        if target_path:
            try:
                line = self.query_one(f"#{error_id(target_path)}", Static)
            except Exception:
                return
            line.update(message)
            line.add_class("-error")
            line.display = True

    def on_session_screen_finished(self, message: Message) -> None:
        from .summary import SummaryScreen

        self._dirty = False
        correcting = self.draft.correcting
        self.app.switch_screen(SummaryScreen(message.session, self.ctx.people, self.ctx.tracks))
        if correcting is not None and message.session.updated_at == correcting.of:
            self.app.notify("Nothing was changed, so the session stays as it was.")
        elif correcting is not None:
            self.app.notify("Correction kept. Everyone signs the session again.")
