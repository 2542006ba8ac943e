"""The parts of the group-session form that follow who is there: each peer's own words
(the pack's own questions, one field each) and the actions agreed, each with an owner."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from ...domain.groups import GroupAction
from ...domain.models import Person
from .controls import TextInput

ACTION_ROWS = 3  # blank rows are left out


class OwnWords(Vertical):
    """One field per peer present and per own question; what was typed is kept while
    peers are ticked and unticked."""

    DEFAULT_CSS = "OwnWords { height: auto; }"

    def __init__(self, questions: list[tuple[str, str]], **kw) -> None:
        super().__init__(**kw)
        self.questions = questions  # (id, text)
        self.typed: dict[tuple[str, str], str] = {}
        self.peers: list[Person] = []

    def _keep_typed(self) -> None:
        for field in self.query(Input):
            peer_id, qid = field.name.split("|")
            self.typed[(peer_id, qid)] = field.value

    async def show(self, peers: list[Person]) -> None:
        self._keep_typed()
        self.peers = peers
        await self.remove_children()
        widgets = []
        for i, peer in enumerate(peers):
            for j, (qid, text) in enumerate(self.questions):
                widgets.append(Label(f"{peer.name} — {text}", markup=False))
                widgets.append(
                    TextInput(
                        self.typed.get((peer.id, qid), ""),
                        name=f"{peer.id}|{qid}",
                        id=f"words-{i}-{j}",
                        compact=True,
                        placeholder="in their own words (may be left blank)",
                    )
                )
        if not peers:
            widgets.append(Label("Tick the peers present to write their own words."))
        await self.mount_all(widgets)

    def words(self) -> dict[str, dict[str, str]]:
        self._keep_typed()
        present = {p.id for p in self.peers}
        found: dict[str, dict[str, str]] = {}
        for (peer_id, qid), text in self.typed.items():
            if peer_id in present and text.strip():
                found.setdefault(peer_id, {})[qid] = text
        return found


class Actions(Vertical):
    """A few rows of an action and its owner (someone present)."""

    DEFAULT_CSS = "Actions { height: auto; }"

    def __init__(self, people: list[Person], **kw) -> None:
        super().__init__(**kw)
        self.people = people
        self.rows: list[int] = []  # the row of each action last read (blank rows left out)

    def compose(self) -> ComposeResult:
        owners = [(Text(p.name), p.id) for p in self.people]
        for i in range(ACTION_ROWS):
            yield TextInput(
                id=f"action-{i}", compact=True, placeholder=f"Action {i + 1} (may be left blank)"
            )
            yield Select(owners, id=f"owner-{i}", compact=True, prompt="Who does it")

    def actions(self) -> list[GroupAction]:
        found, self.rows = [], []
        for i in range(ACTION_ROWS):
            text = self.query_one(f"#action-{i}", Input).value
            owner = self.query_one(f"#owner-{i}", Select).value
            if text.strip() or owner is not Select.NULL:
                found.append(GroupAction(text, "" if owner is Select.NULL else str(owner)))
                self.rows.append(i)
        return found
