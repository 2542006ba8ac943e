"""The agency's recovery key, shown once, with what it is for (and a file, if wanted)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from .base import Dialog

EXPLANATION = (
    "This is the agency's recovery key. It is shown this once.\n\n"
    "It is the only way back in if every passphrase is forgotten. Write it down or print "
    "it, and keep it somewhere safe away from this computer (a locked cabinet at the "
    "office). Anyone who has it can read every record, so never keep it beside the PC."
)


class RecoveryKeyDialog(Dialog[None]):
    DEFAULT_CSS = """
    RecoveryKeyDialog #code { text-style: bold; color: $warning; margin: 1 0; }
    """
    BINDINGS = [
        Binding("enter,f2", "ok", "I have kept it", priority=True, id="recovery.done"),
        Binding("w", "write", "Write to a file", id="recovery.write"),
    ]

    def __init__(self, code: str, folder: Path | None = None) -> None:
        super().__init__()
        self.code = code
        self.folder = folder or Path.home()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static("[b]The agency's recovery key[/b]")
            yield Static(self.code, id="code", markup=False)
            yield Static(EXPLANATION, markup=False)
            yield Static("", id="dialog-error", markup=False, classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button("I have kept it (Enter)", variant="primary", id="ok")
                yield Button("Write it to a file (w)", id="write")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "write":
            self.action_write()
        else:
            self.action_ok()

    def action_ok(self) -> None:
        self.dismiss(None)

    def action_write(self) -> None:
        from .text import TextDialog

        self.app.push_screen(
            TextDialog(
                "Write the recovery key to a file",
                "Choose a place away from the records (a USB stick kept in a safe place).",
                str(self.folder / "supervise-recovery-key.txt"),
            ),
            self._write,
        )

    def _write(self, path: str | None) -> None:
        if not path:
            return
        from ...store.errors import StoreError
        from ...usecases.export import write_export

        try:
            write_export(Path(path), (self.code + "\n").encode(), force=False, store=self.app.store)
        except StoreError as error:
            self.show_problem_text(str(error))
            return
        self.notify(f"Written to {path} (readable only by you).", title="Recovery key")

    def show_problem_text(self, message: str) -> None:
        from .base import Problem

        self.show_problem(Problem(message))
