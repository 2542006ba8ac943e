"""The pack's prompts for the current step; each can be ticked as discussed."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from ...store.packs import Prompt
from .checklist import CheckList


class PromptsPanel(Vertical):
    DEFAULT_CSS = """
    PromptsPanel { height: auto; max-height: 100%; border-left: vkey $panel-lighten-2; }
    PromptsPanel > #prompts-title { color: $text-muted; padding: 0 1; height: 1; }
    PromptsPanel > CheckList { height: auto; max-height: 100%; border: none; }
    """

    @dataclass
    class Ticked(Message):
        step: str
        prompt_ids: list[str]

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.step = ""
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Static("Prompts — tick with space", id="prompts-title")
        yield CheckList(id="prompts-list")

    def show(self, step: str, prompts: tuple[Prompt, ...], ticked: list[str]) -> None:
        self.step = step
        checklist = self.query_one("#prompts-list", CheckList)
        self._loading = True
        checklist.set_items([(p.text, p.id) for p in prompts], ticked)
        self._loading = False
        title = self.query_one("#prompts-title", Static)
        title.update("Prompts — tick with space")
        self.display = bool(prompts) and not self.hidden_by_user

    hidden_by_user = False

    def on_check_list_changed(self, event: CheckList.Changed) -> None:
        event.stop()
        if not self._loading:
            self.post_message(self.Ticked(self.step, list(event.checklist.selected)))
