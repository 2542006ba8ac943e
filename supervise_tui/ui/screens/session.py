"""The walk-through: one step per section, two voices, autosaved as they type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Header,
)

from ...domain.dates import human_datetime
from ...domain.models import Session
from ...services.draft_steps import has_content
from ..keys import binder
from ..widgets.checklist import CheckList
from ..widgets.prompts_panel import PromptsPanel
from ..widgets.step_bar import STEPS, StepBar, step_title
from ..widgets.steps import PANES, SessionContext, StepPane
from .session_autosave import Autosaving
from .session_finish import Finishing
from .session_items import Items

bind = binder("session")

STEP_KEYS = [key for key, _ in STEPS]


class SessionScreen(Autosaving, Finishing, Items, Screen):
    CSS_PATH = "session.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    HELP_TITLE = "The session walk-through"
    BINDINGS = [
        bind("f7", "back", "Back", "Previous step. Nothing typed is lost.", priority=True),
        bind("f8", "next", "Next", "Next step. Nothing typed is lost.", priority=True),
        bind("f2", "add", "Add", "Add an item to this step", show=False, priority=True),
        bind("f4", "remove", "Remove", "Remove the item you are in", show=False, priority=True),
        bind(
            "f5",
            "prompts",
            "Prompts",
            "Show or hide the prompts for this step",
            show=False,
            priority=True,
        ),
        bind(
            "f9",
            "skip",
            "Skip",
            "Skip this step (you can come back to it)",
            show=False,
            priority=True,
        ),
        bind("f6", "finish", "Finish", "Go to the summary and sign-off", priority=True),
        bind("escape", "home", "Home", "Back to Home. The draft is kept."),
        # Read in turn with the keys after them (priority), so that in a fast burst or a
        # paste the keys after a Tab land in the next field, not the one it left.
        bind(
            "tab",
            "app.focus_next",
            "",
            "Next field",
            show=False,
            priority=True,
            name="focus_next",
        ),
        bind(
            "shift+tab",
            "app.focus_previous",
            "",
            "Previous field",
            show=False,
            priority=True,
            name="focus_previous",
        ),
    ]

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
        pane = await self.ensure_pane(step)
        refresh = getattr(pane, "refresh_offers", None)  # the Strengths step's
        if refresh is not None and step != previous:  # Review may have adopted an idea since
            await refresh()
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

    @on(Button.Pressed, ".add-button")  # here: Textual finds @on handlers on the screen
    async def _add_pressed(self) -> None:
        await self.action_add()

    @on(Button.Pressed, ".idea-strength")
    async def _idea_strength_pressed(self, event: Button.Pressed) -> None:
        await self.name_idea_as_strength(event.button)

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

    # -- leaving -------------------------------------------------------------

    def action_home(self) -> None:
        if not self.flush():
            return
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.flush()
