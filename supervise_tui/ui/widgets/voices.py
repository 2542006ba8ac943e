"""Two voices for a step: the peer's own words and the supervisor's notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from .fields import Field, text_area


class VoicesBox(Vertical):
    DEFAULT_CSS = """
    VoicesBox { height: auto; margin-top: 1; }
    VoicesBox TextArea { height: 4; }
    """

    def __init__(
        self,
        section: str,
        peer_name: str,
        peer_text: str,
        sup_text: str,
        *,
        peer_label: str | None = None,
        sup_label: str | None = None,
        peer_note: str = "",
        sup_note: str = "",
    ) -> None:
        super().__init__()
        self.section = section
        self.peer_name = peer_name
        self.peer_text = peer_text
        self.sup_text = sup_text
        self.peer_label = peer_label or f"In {peer_name}'s own words"
        self.sup_label = sup_label or "Supervisor's notes"
        self.peer_note = peer_note
        self.sup_note = sup_note

    def compose(self) -> ComposeResult:
        peer_path = f"voices.{self.section}.peer"
        sup_path = f"voices.{self.section}.supervisor"
        yield Field(
            self.peer_label, text_area(peer_path, self.peer_text), peer_path, self.peer_note
        )
        yield Field(self.sup_label, text_area(sup_path, self.sup_text), sup_path, self.sup_note)
