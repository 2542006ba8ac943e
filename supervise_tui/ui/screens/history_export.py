"""Exporting one peer's record from History (a part of :class:`~.history.HistoryScreen`):
the format and file asked in a dialog, a passphrase for a sealed bundle, the file written
in a worker."""

from __future__ import annotations

from textual import work

from ...domain.errors import ValidationError
from ...store.errors import StoreError


class Exporting:
    """Mixed into History: ``self`` is the :class:`~.history.HistoryScreen`."""

    def action_export(self) -> None:
        from ..dialogs.export import ExportDialog, slug

        today = self.app.local_now().date()
        stem = f"supervision-{slug(self.peer.name)}-{today.isoformat()}"
        self.app.push_screen(ExportDialog(f"{self.peer.name}'s record", stem), self._export)

    def _export(self, choice) -> None:
        if choice is None:
            return
        fmt, path = choice
        period = self.query_one("#period").value
        if fmt != "sealed":
            self.write_export(fmt, path, period)
            return
        from ..dialogs.passphrase import PassphraseDialog

        self.app.push_screen(
            PassphraseDialog(
                "A passphrase for the sealed bundle",
                "The people at the other site type it to import the bundle: tell it to them "
                "another way than the file.",
            ),
            lambda typed: typed and self.write_export("json", path, period, typed),
        )

    @work(thread=True, exclusive=True, group="history-export")
    def write_export(self, fmt: str, path, period_text: str, sealing=None) -> None:
        from ...usecases.export import export_bytes, seal_export, write_export

        self.app.call_from_thread(self.notify, "Exporting…", timeout=2)
        try:
            data, count = export_bytes(
                self.app.store,
                fmt,
                peer=None,
                site=None,
                period_text=period_text,
                today=self.app.local_now().date(),
                now=self.app.clock(),
                only=[self.peer],
            )
            if sealing is not None:
                data = seal_export(data, *sealing)
            write_export(path, data, force=False, store=self.app.store)
        except (StoreError, ValidationError) as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Not exported", severity="error", timeout=15
            )
            return
        self.app.call_from_thread(
            self.notify, f"{count} session(s) written to {path}", title="Exported", timeout=15
        )
