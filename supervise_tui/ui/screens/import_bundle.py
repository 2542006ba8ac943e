"""Import a bundle (records exported at another site or computer): the file named, checked
in full first (what would be added, updated, in conflict), then imported as one commit,
with a bar showing how far each goes."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, ProgressBar, Static

from ...services.merge import report_lines
from ...usecases.bundle_import import import_bundle
from ...usecases.imports import is_sealed, read_bundle, unseal
from ..keys import binder
from ..outcome import Outcome, outcome
from ..widgets.controls import TextInput

bind = binder("import")

INTRO = (
    "Bring in records exported at another site or computer (a JSON or sealed bundle). "
    "Enter (or F5) checks the whole file first and says what it would change; nothing is written "
    "until you press F2. The records are backed up before anything changes."
)


class ImportScreen(Screen):
    CSS_PATH = "forms.tcss"
    BINDINGS = [
        bind("f5", "check", "Check", "Check the file named (Enter in its field does too)"),
        bind("f2", "import", "Import", "Import the checked bundle"),
        bind("escape", "back", "Back", "Back to Home"),
    ]

    class Read(Outcome):
        """The file's bytes (``result``), or why it could not be read."""

    class Checked(Outcome):
        """The merge the bundle would make (``result``), or why it cannot be imported."""

    class Imported(Outcome):
        """(the merge made, the backup taken), or why nothing was imported."""

    def __init__(self) -> None:
        super().__init__()
        self.raw: bytes | None = None  # the bundle as read (and opened, when sealed)
        self.checked: str | None = None  # the file whose check passed
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            yield Static(INTRO, markup=False, classes="note-line")
            yield Label("The bundle file")
            yield TextInput(
                id="path", compact=True, placeholder="e.g. ~/supervision-2026-11-30.json"
            )
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="report", markup=False, classes="note-line")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Import a bundle"
        self.query_one("#progress").display = False
        self.query_one("#path").focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.checked is not None and event.value.strip() != self.checked:
            self.checked = None  # another file: checked afresh before it is imported
            self.say("")
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_check()

    def action_check(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if self.busy:
            return
        if not path:
            self.say("Type where the bundle file is, then press Enter.", error=True)
            return
        self.begin("Reading the file…")
        self.read(Path(path).expanduser())

    # -- reading, opening and checking the file ------------------------------

    @work(thread=True, exclusive=True, group="import-read")
    def read(self, path: Path) -> None:
        self.post_message(outcome(self.Read, lambda: read_bundle(path)))

    def on_import_screen_read(self, message: Read) -> None:
        if message.result is None:
            self.end(message.error, error=True)
            return
        raw = message.result
        if not is_sealed(raw):
            self.check(raw)
            return
        from ..dialogs.unseal import UnsealDialog

        name = Path(self.query_one("#path", Input).value.strip()).name
        self.app.push_screen(UnsealDialog(name), lambda typed: self.opened(raw, typed))

    def opened(self, raw: bytes, typed: str | None) -> None:
        if typed is None:
            self.end("Not opened: nothing was checked or changed.")
            return
        self.begin("Opening the sealed bundle…")
        self.open_sealed(raw, typed)

    @work(thread=True, exclusive=True, group="import-read")
    def open_sealed(self, raw: bytes, typed: str) -> None:
        self.post_message(outcome(self.Read, lambda: unseal(raw, typed)))

    def check(self, raw: bytes) -> None:
        self.begin("Checking every record in the bundle…")
        self.run_check(raw)

    @work(thread=True, exclusive=True, group="import-check")
    def run_check(self, raw: bytes) -> None:
        store, clock = self.app.store, self.app.clock

        def work() -> tuple[object, bytes]:
            plan, _ = import_bundle(
                store, raw, clock=clock, dry_run=True, progress=self.advance_from_thread
            )
            return plan, raw

        self.post_message(outcome(self.Checked, work))

    def on_import_screen_checked(self, message: Checked) -> None:
        if message.result is None:
            self.end(f"This bundle cannot be imported: {message.error}", error=True)
            return
        plan, self.raw = message.result
        self.checked = self.query_one("#path", Input).value.strip()
        lines = report_lines(plan, dry_run=True)[:-1]  # (its last line: "Dry run: …")
        if plan.changes_anything:
            lines.append("Press F2 to import it (the records are backed up first).")
        else:
            self.checked, self.raw = None, None
            lines.append("Nothing in it is new here: there is nothing to import.")
        self.end("\n".join(lines))

    # -- importing ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "import":
            return self.checked is not None and not self.busy and not self.app.store.read_only
        if action == "check":
            return not self.busy
        return True

    def action_import(self) -> None:
        if self.raw is None or self.checked is None or self.busy:
            return
        self.begin("Importing…")
        self.run_import(self.raw)

    @work(thread=True, exclusive=True, group="import-write")
    def run_import(self, raw: bytes) -> None:
        store, clock = self.app.store, self.app.clock
        work = lambda: import_bundle(store, raw, clock=clock, progress=self.advance_from_thread)  # noqa: E731
        self.post_message(outcome(self.Imported, work))

    def on_import_screen_imported(self, message: Imported) -> None:
        self.checked, self.raw = None, None
        if message.result is None:
            self.end(f"Nothing was imported: {message.error}", error=True)
            return
        plan, backup = message.result
        lines = report_lines(plan, dry_run=False)
        if backup:
            lines.append(f"Before importing, the records were backed up as {backup}.")
        self.end("Imported.\n" + "\n".join(lines))
        self.notify("The bundle was imported.", title="Import")

    # -- what the screen shows while it works --------------------------------

    def advance_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(
            self.query_one("#progress", ProgressBar).update, total=total, progress=done
        )

    def begin(self, doing: str) -> None:
        self.busy = True
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.say(doing)
        self.refresh_bindings()

    def end(self, text: str | None, *, error: bool = False) -> None:
        self.busy = False
        self.query_one("#progress").display = False
        self.say(text or "", error=error)
        self.refresh_bindings()

    def say(self, text: str, *, error: bool = False) -> None:
        report = self.query_one("#report", Static)
        report.update(text)
        report.set_class(error, "-error")

    def action_back(self) -> None:
        if self.busy:
            self.notify("Wait until this is done: it is not safe to stop half way.")
            return
        self.app.pop_screen()
