"""Export: choose the format and where the file goes."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from ..widgets.controls import TextInput
from ..widgets.fields import say

FORMATS = [
    ("Markdown — readable, to print and file", "md"),
    ("CSV — one row per session, for a spreadsheet", "csv"),
    ("JSON bundle — to merge into another site's records", "json"),
]
EXTENSION = {"md": "md", "csv": "csv", "json": "json"}


def slug(text: str) -> str:
    kept = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in kept.split("-") if part)[:40] or "export"


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 80; max-width: 98%; height: auto; border: round $primary;
        background: $surface; padding: 0 1;
    }
    ExportDialog Vertical > Label { margin-top: 1; color: $text-muted; }
    ExportDialog .buttons { height: auto; margin-top: 1; }
    ExportDialog Button { margin-right: 2; }
    ExportDialog #export-error { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("f2", "ok", "Export", priority=True, tooltip="Write the file"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, what: str, stem: str, *, formats=FORMATS, folder: Path | None = None
    ) -> None:
        super().__init__()
        self.what = what
        self.stem = stem
        self.formats = formats
        self.folder = folder or Path.home()

    def compose(self) -> ComposeResult:
        first = self.formats[0][1]
        with Vertical():
            yield Static(
                f"[b]Export {escape(self.what)}[/b]\nThe file is readable only by you. "
                "Records are sensitive: keep exports somewhere safe."
            )
            yield Label("Format")
            yield Select(self.formats, value=first, allow_blank=False, id="format", compact=True)
            yield Label("File")
            yield TextInput(
                str(self.folder / f"{self.stem}.{EXTENSION[first]}"), id="path", compact=True
            )
            yield Static("", id="export-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Export (F2)", variant="primary", id="ok")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-error").display = False
        self.query_one("#format").focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#path", TextInput)
        path = Path(path_input.value)
        if path.stem:
            path_input.value = str(path.with_suffix(f".{EXTENSION[str(event.value)]}"))

    def on_input_submitted(self) -> None:
        self.action_ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        raw = self.query_one("#path", TextInput).value.strip()
        error = self.query_one("#export-error", Static)
        if not raw:
            say(error, "Please give the file a name.")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            say(error, "That is a folder: add a file name.")
            return
        if not path.parent.is_dir():
            say(error, f"The folder {path.parent} does not exist.")
            return
        if path.exists():
            say(
                error,
                "A file with that name already exists: choose another name, so "
                "nothing is replaced by accident.",
            )
            return
        self.dismiss((str(self.query_one("#format", Select).value), path))

    def action_cancel(self) -> None:
        self.dismiss(None)
