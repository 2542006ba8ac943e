"""The walk-through: one step per section, two voices, autosaved as they type."""

from __future__ import annotations

import copy
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Select,
    Static,
    TextArea,
)

from ...domain.dates import human_datetime
from ...domain.models import Session
from ...services.draft_edit import (
    apply_input,
    has_content,
    remove_item,
)
from ...store.errors import StoreError
from ...usecases.sessions import save_draft
from ..widgets.checklist import CheckList
from ..widgets.fields import control_id, error_id, path_of
from ..widgets.item_card import ItemCard
from ..widgets.prompts_panel import PromptsPanel
from ..widgets.step_bar import STEPS, StepBar, step_title
from ..widgets.steps import PANES, SessionContext, StepPane
from ..widgets.steps.base import date_note
from .session_finish import Finishing

STEP_KEYS = [key for key, _ in STEPS]


class SessionScreen(Finishing, Screen):
    CSS_PATH = "session.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    HELP_TITLE = "The session walk-through"
    BINDINGS = [
        Binding(
            "f7",
            "back",
            "Back",
            priority=True,
            tooltip="Previous step. Nothing typed is lost.",
            id="session.back",
        ),
        Binding(
            "f8",
            "next",
            "Next",
            priority=True,
            tooltip="Next step. Nothing typed is lost.",
            id="session.next",
        ),
        Binding(
            "f2",
            "add",
            "Add",
            priority=True,
            show=False,
            tooltip="Add an item to this step",
            id="session.add",
        ),
        Binding(
            "f4",
            "remove",
            "Remove",
            priority=True,
            show=False,
            tooltip="Remove the item you are in",
            id="session.remove",
        ),
        Binding(
            "f5",
            "prompts",
            "Prompts",
            priority=True,
            show=False,
            tooltip="Show or hide the prompts for this step",
            id="session.prompts",
        ),
        Binding(
            "f9",
            "skip",
            "Skip",
            priority=True,
            show=False,
            tooltip="Skip this step (you can come back to it)",
            id="session.skip",
        ),
        Binding(
            "f6",
            "finish",
            "Finish",
            priority=True,
            tooltip="Go to the summary and sign-off",
            id="session.finish",
        ),
        Binding(
            "escape", "home", "Home", tooltip="Back to Home. The draft is kept.", id="session.home"
        ),
        # Read in turn with the keys after them (priority), so that in a fast burst or a
        # paste the keys after a Tab land in the next field, not the one it left.
        Binding(
            "tab",
            "app.focus_next",
            show=False,
            priority=True,
            tooltip="Next field",
            id="session.focus_next",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            show=False,
            priority=True,
            tooltip="Previous field",
            id="session.focus_previous",
        ),
    ]

    class Saved(Message):
        def __init__(self, stamp: str) -> None:
            super().__init__()
            self.stamp = stamp

    class SaveFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class Finished(Message):
        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    class Invalid(Message):
        def __init__(self, message: str, field: str | None) -> None:
            super().__init__()
            self.message = message
            self.field = field

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._dirty = False
        self._dirty_since = 0.0
        self._changed_at = 0.0
        self._saving = False
        self._retry_after = 0.0
        self._warned = False
        self._finishing = False
        self._ready = False

    @property
    def draft(self) -> Session:
        return self.ctx.draft

    @property
    def HELP_TEXT(self) -> str:  # noqa: N802 - read by the help screen like a constant
        pane = self.current_pane()
        lines = [
            f"**{step_title(self.current)}.** {pane.HELP}" if pane else "",
            "",
            "Move freely between steps with **F7** and **F8**; skip one with **F9**. "
            "What you type is saved as you type (within about a second of a pause, every "
            "two seconds while typing on), so going back, skipping or quitting loses "
            "nothing, and a power cut at most the last second or two. The prompts beside "
            "each step come from the session's prompt pack: tick them as you discuss them "
            "(space).",
            "",
            "Two voices: the peer's own words go in the peer's box, in their words; the "
            "supervisor's notes go in the other. When you are done, **F6** shows the summary "
            "for both of you to sign off.",
        ]
        return "\n".join(lines)

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepBar(id="step-bar")
        with Horizontal(id="body"):
            # Panes are built the first time they are visited (see goto): the draft
            # holds everything typed, so a pane can always be built from it.
            yield ContentSwitcher(id="steps")
            yield PromptsPanel(id="prompts")
        yield Footer()

    async def on_mount(self) -> None:
        peer = self.ctx.peer_name
        self.sub_title = f"Session with {peer}"
        detail = f"{peer} · {human_datetime(self.draft.when)}"
        if self.draft.correcting is not None:
            self.sub_title = f"Correcting the session with {peer}"
            detail = f"Correction · {detail}"
        if self.ctx.pack:
            detail += f" · {self.ctx.pack.title}"
        self.query_one(StepBar).status(detail=detail, saved="Draft saved")
        start = self.draft.step if self.draft.step in STEP_KEYS else STEP_KEYS[0]
        self.current = start
        await self.goto(start, record_visit=False)
        self.set_interval(0.25, self._autosave_tick)
        self.call_after_refresh(self._became_ready)

    def _became_ready(self) -> None:
        self._ready = True

    def current_pane(self) -> StepPane | None:
        try:
            return self.query_one(f"#pane-{self.current}", StepPane)
        except Exception:
            return None

    # -- moving between steps ------------------------------------------------

    async def ensure_pane(self, step: str) -> StepPane:
        switcher = self.query_one("#steps", ContentSwitcher)
        try:
            return switcher.query_one(f"#pane-{step}", StepPane)
        except Exception:
            pane = PANES[step](self.ctx)
            await switcher.mount(pane)
            return pane

    async def goto(self, step: str, *, record_visit: bool = True) -> None:
        previous = getattr(self, "current", step)
        if record_visit and previous not in self.draft.visited:
            self.draft.visited.append(previous)
        await self.ensure_pane(step)
        self.current = step
        self.draft.step = step
        self.query_one("#steps", ContentSwitcher).current = f"pane-{step}"
        self._paint_steps()
        section_prompts = ()
        if self.ctx.pack is not None and step != "review":
            from ...domain.enums import Section

            section_prompts = self.ctx.pack.prompts(Section(step))
        self.query_one(PromptsPanel).show(step, section_prompts, self.draft.ticked.get(step, []))
        pane = self.current_pane()
        if pane is not None:
            pane.scroll_home(animate=False)
            first = pane.first_control()
            if first is not None:
                self.set_focus(first)  # at once: the next key typed lands here
        self.refresh_bindings()
        if record_visit:
            self._mark_dirty()

    def _paint_steps(self) -> None:
        done = {
            key
            for key in STEP_KEYS
            if key != self.current and (key in self.draft.visited or has_content(self.draft, key))
        }
        skipped = {k for k in self.draft.skipped if not has_content(self.draft, k)}
        self.query_one(StepBar).show(self.current, done - skipped, skipped)

    async def action_next(self) -> None:
        index = STEP_KEYS.index(self.current)
        if index == len(STEP_KEYS) - 1:
            await self.action_finish()
            return
        await self.goto(STEP_KEYS[index + 1])

    async def action_back(self) -> None:
        index = STEP_KEYS.index(self.current)
        if index > 0:
            await self.goto(STEP_KEYS[index - 1])

    async def action_skip(self) -> None:
        if self.current not in self.draft.skipped:
            self.draft.skipped.append(self.current)
        await self.action_next()

    async def action_goto(self, step: str) -> None:
        if step in STEP_KEYS:
            await self.goto(step)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("add", "remove"):
            pane = self.current_pane()
            return bool(pane and pane.LIST)
        return True

    # -- items ---------------------------------------------------------------

    async def action_add(self) -> None:
        pane = self.current_pane()
        if pane is None or not pane.LIST:
            return
        card = await pane.add()
        if card is not None:
            self._mark_dirty()
            self._focus_first_in(card)

    def _focus_first_in(self, card: ItemCard) -> None:
        """At once, not after the next refresh: keys typed straight after F2 (a fast
        typist, a paste) are read after this and land in the new item."""
        for widget in card.query("Input, TextArea, Select"):
            self.set_focus(widget)
            return

    @on(Button.Pressed, ".add-button")
    async def _add_pressed(self) -> None:
        await self.action_add()

    def action_remove(self) -> None:
        focused = self.focused
        card = None
        node = focused
        while node is not None:
            if isinstance(node, ItemCard):
                card = node
                break
            node = node.parent
        pane = self.current_pane()
        if card is None or pane is None or card.list_name != pane.LIST:
            self.notify(
                "Move into the item you want to remove, then press F4.", title="Nothing to remove"
            )
            return
        remove_item(self.draft, card.list_name, card.item_id)
        box = card.parent
        card.remove()
        if box is not None:
            noun = card.border_title.rsplit(" ", 1)[0] if card.border_title else "Item"
            remaining = [c for c in box.children if isinstance(c, ItemCard) and c is not card]
            for number, other in enumerate(remaining, 1):
                other.border_title = f"{noun} {number}"
        self.notify(f"{card.border_title or 'Item'} removed.")
        self._paint_steps()
        self._mark_dirty()

    # -- prompts -------------------------------------------------------------

    def action_prompts(self) -> None:
        panel = self.query_one(PromptsPanel)
        checklist = panel.query_one(CheckList)
        if panel.display and checklist.has_focus:
            panel.hidden_by_user = True
            panel.display = False
            pane = self.current_pane()
            first = pane.first_control() if pane else None
            if first is not None:
                first.focus()
        elif checklist.option_count:
            panel.hidden_by_user = False
            panel.display = True
            checklist.focus()
        else:
            self.notify("This step has no prompts in this session's pack.")

    def on_prompts_panel_ticked(self, message: PromptsPanel.Ticked) -> None:
        self.draft.ticked[message.step] = message.prompt_ids
        self._mark_dirty()

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
        line.update(text)
        line.set_class(bool(error), "-error")
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

    def on_session_screen_saved(self, message: Saved) -> None:
        self._saving = False
        self._warned = False
        self.query_one(StepBar).status(saved=f"Draft saved {message.stamp}")

    def on_session_screen_save_failed(self, message: SaveFailed) -> None:
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

    # -- leaving -------------------------------------------------------------

    def action_home(self) -> None:
        if not self.flush():
            return
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.flush()
