"""Export: choose the format and where the file goes."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Label, Select

from ..widgets.controls import TextInput
from .base import Dialog, Problem, bold

FORMATS = [
    ("Markdown — readable, to print and file", "md"),
    ("Printable page — HTML for a browser's Print, with lines to sign", "html"),
    ("CSV — one row per session, for a spreadsheet", "csv"),
    ("JSON bundle — to merge into another site's records", "json"),
    ("Sealed bundle — JSON locked with a passphrase, to carry to another site", "sealed"),
]
EXTENSION = {"md": "md", "html": "html", "csv": "csv", "json": "json", "sealed": "bundle"}


def slug(text: str) -> str:
    kept = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in kept.split("-") if part)[:40] or "export"


class ExportDialog(Dialog[tuple[str, Path]]):
    OK_LABEL = "Export"
    OK_TIP = "Write the file"
    WIDTH = 80

    def __init__(
        self, what: str, stem: str, *, formats=FORMATS, folder: Path | None = None
    ) -> None:
        super().__init__()
        self.what = what
        self.stem = stem
        self.formats = formats
        self.folder = folder or Path.home()

    def heading(self) -> str:
        return f"{bold('Export ' + self.what)}\nThe file is readable only by you. " + (
            "Markdown, a printable page, CSV and JSON are plain text: keep them somewhere "
            "safe. A sealed bundle opens only with its passphrase."
            if "sealed" in {value for _, value in self.formats}
            else "It is plain text: keep it somewhere safe."
        )

    def fields(self) -> ComposeResult:
        first = self.formats[0][1]
        yield Label("Format")
        yield Select(self.formats, value=first, allow_blank=False, id="format", compact=True)
        yield Label("File")
        yield TextInput(
            str(self.folder / f"{self.stem}.{EXTENSION[first]}"), id="path", compact=True
        )

    def first_focus(self) -> Widget:
        return self.query_one("#format")

    def on_select_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#path", TextInput)
        path = Path(path_input.value)
        if path.stem:
            path_input.value = str(path.with_suffix(f".{EXTENSION[str(event.value)]}"))

    def on_input_changed(self, event) -> None:
        """A file name typed with a known ending chooses that format."""
        super().on_input_changed(event)
        if event.input.id != "path":
            return
        ending = Path(event.value.strip()).suffix.lower().lstrip(".")
        chosen = {e: f for f, e in EXTENSION.items()}.get(ending)
        select = self.query_one("#format", Select)
        if chosen and chosen in {v for _, v in self.formats} and select.value != chosen:
            select.value = chosen

    def submit(self) -> tuple[str, Path]:
        raw = self.query_one("#path", TextInput).value.strip()
        if not raw:
            raise Problem("Please give the file a name.")
        path = Path(raw).expanduser()
        chosen = str(self.query_one("#format", Select).value)
        ending = path.suffix.lower().lstrip(".")
        if ending and ending != EXTENSION[chosen]:
            raise Problem(
                f"The file name ends in .{ending} but the format is {chosen.upper()}: "
                f"name it .{EXTENSION[chosen]}, or choose the format that fits."
            )
        if path.is_dir():
            raise Problem("That is a folder: add a file name.")
        if not path.parent.is_dir():
            raise Problem(f"The folder {path.parent} does not exist.")
        if path.exists():
            raise Problem(
                "A file with that name already exists: choose another name, so "
                "nothing is replaced by accident."
            )
        return str(self.query_one("#format", Select).value), path


def write_page(screen, path: Path, text: str, *, written: str, failed: str) -> None:
    """Write ``text`` to the file chosen in the dialog (readable only by its owner, never
    over another file) and say so on ``screen``: titled ``written``, or ``failed`` with
    why not."""
    from ...store.errors import StoreError
    from ...usecases.export import write_export

    try:
        write_export(path, text.encode("utf-8"), force=False, store=screen.app.store)
    except StoreError as error:
        screen.notify(str(error), title=failed, severity="error", timeout=15)
        return
    screen.notify(f"Written to {path}", title=written, timeout=15)
