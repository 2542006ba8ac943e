"""Typing into a session (a part of :class:`~.session.SessionScreen`): each field change
goes into the draft at once (or is kept as typed, with a line saying why it is not
understood yet), and the draft is autosaved in a worker within about a second of a pause
and every two seconds while typing goes on; a save that fails is retried, and said."""

from __future__ import annotations

import copy
import time

from textual import work
from textual.message import Message
from textual.widgets import Input, Select, Static, TextArea

from ...domain.models import Session
from ...services.draft_edit import apply_input, field_text, field_warning
from ...store.errors import StoreError
from ...usecases.sessions import save_draft
from ..widgets.fields import control_id, error_id, path_of
from ..widgets.step_bar import StepBar
from ..widgets.steps.base import date_note


class Autosaving:
    """Mixed into the session screen: ``self`` is the :class:`~.session.SessionScreen`."""

    class Saved(Message):
        def __init__(self, stamp: str) -> None:
            super().__init__()
            self.stamp = stamp

    class SaveFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    # -- field changes -------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self._field_changed(event.input.id, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._field_changed(event.text_area.id, event.text_area.text)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = "" if event.value is Select.NULL else str(event.value)
        self._field_changed(event.select.id, value)

    def _field_changed(self, widget_id: str | None, raw: str) -> None:
        path = path_of(widget_id)
        if path is None:
            return
        before = self.draft.pending.get(path)
        error = apply_input(self.draft, path, raw, today=self.ctx.today, tracks=self.ctx.tracks)
        self._show_message(path, error)
        if self._ready or error or before is not None:
            self._mark_dirty()
        self._paint_steps()

    def _show_message(self, path: str, error: str | None) -> None:
        try:
            line = self.query_one(f"#{error_id(path)}", Static)
        except Exception:
            if error:
                self.notify(error, severity="error")
            return
        text = error or ""
        is_date = line.parent is not None and line.parent.has_class("date-field")
        if not error and is_date:
            control = self.query_one(f"#{control_id(path)}", Input)
            text = date_note(control.value, self.ctx.today, path)
        text_now = field_text(self.draft, path)
        warning = "" if error else field_warning(path, text_now, self.ctx.known, self.draft)
        text = text or warning
        line.update(text)
        line.set_class(bool(error), "-error")
        line.set_class(bool(warning), "-warning")
        line.display = bool(text)

    # -- autosave ------------------------------------------------------------

    def _mark_dirty(self) -> None:
        now = time.monotonic()
        if not self._dirty:
            self._dirty_since = now
        self._dirty = True
        self._changed_at = now

    def _autosave_tick(self) -> None:
        if not self._dirty or self._saving or self._finishing or self.app.store.read_only:
            return
        now = time.monotonic()
        if now < self._retry_after:
            return
        quiet = now - self._changed_at >= self.app.autosave_quiet
        overdue = now - self._dirty_since >= self.app.autosave_max
        if quiet or overdue:
            self._dirty = False
            self._saving = True
            self.save_snapshot(copy.deepcopy(self.draft))

    @work(thread=True, group="autosave")
    def save_snapshot(self, snapshot: Session) -> None:
        try:
            save_draft(self.app.store, snapshot, clock=self.app.clock)
        except StoreError as error:
            self.post_message(self.SaveFailed(str(error)))
            return
        self.post_message(self.Saved(f"{self.app.local_now():%H:%M}"))

    def on_autosaving_saved(self, message: Saved) -> None:
        self._saving = False
        self._warned = False
        self.query_one(StepBar).status(saved=f"Draft saved {message.stamp}")

    def on_autosaving_save_failed(self, message: SaveFailed) -> None:
        self._saving = False
        self._dirty = True
        self._retry_after = time.monotonic() + self.app.autosave_retry
        self.query_one(StepBar).status(saved="NOT SAVED YET — retrying")
        if not self._warned:
            self._warned = True
            self.notify(
                f"{message.reason} What you typed is kept here and will be saved as soon as "
                "the problem clears; it is retried every few seconds.",
                title="Not saved yet",
                severity="error",
                timeout=15,
            )

    def flush(self) -> bool:
        """Save now, in this thread (before leaving the screen or quitting)."""
        if self.app.store.read_only or (not self._dirty and not self._saving):
            return True
        if self._finishing:  # the finish carries the draft: saving it now would revive it
            return True
        try:
            save_draft(self.app.store, copy.deepcopy(self.draft), clock=self.app.clock)
        except StoreError as error:
            self.notify(f"{error}", title="Not saved yet", severity="error", timeout=15)
            return False
        self._dirty = False
        return True
