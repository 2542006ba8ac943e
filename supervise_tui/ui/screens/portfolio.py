"""The peer's portfolio, in their own view: goals completed, strengths named, the feedback
they gave. Concerns only when they choose (c); x writes it to a file to take along."""

from __future__ import annotations

from ...domain.models import Person
from ...services.portfolio import Portfolio, portfolio_markdown
from ...store.errors import StoreError
from ...usecases.portfolio import portfolio_of
from ..keys import binder
from .base import DocumentScreen

bind = binder("portfolio")


class PortfolioScreen(DocumentScreen):
    NAME = "portfolio"
    CSS_PATH = "lookback.tcss"
    BINDINGS = [
        bind("c", "concerns", "Concerns", "Include the concerns raised, or leave them out"),
        bind("x", "export", "Export", "Write the portfolio to a file"),
        bind("escape", "back", "Back"),
    ]

    def __init__(self, peer: Person) -> None:
        super().__init__()
        self.peer = peer
        self.with_concerns = False
        self.folio: Portfolio | None = None

    def on_mount(self) -> None:
        self.sub_title = f"Portfolio — {self.peer.name}"
        self.refetch()

    def fetch(self) -> Portfolio:
        return portfolio_of(self.app.store, self.peer, with_concerns=self.with_concerns)

    def fetched(self, note, result: Portfolio) -> None:
        self.folio = result
        which = "concerns included" if self.with_concerns else "concerns left out"
        note_text = f"Yours to take along · {which} (c) · x writes it to a file"
        self.show(note_text, portfolio_markdown(self.folio))

    def action_concerns(self) -> None:
        self.with_concerns = not self.with_concerns
        self.refetch()

    def action_export(self) -> None:
        from ..dialogs.export import ExportDialog, slug

        formats = [
            ("Markdown — readable, to keep and share", "md"),
            ("Printable page — HTML for a browser's Print", "html"),
        ]
        stem = f"portfolio-{slug(self.peer.name)}"
        self.app.push_screen(ExportDialog("your portfolio", stem, formats=formats), self._export)

    def _export(self, choice) -> None:
        if choice is None or self.folio is None:
            return
        from ...usecases.export import write_export
        from ...usecases.portfolio import portfolio_text

        fmt, path = choice
        text = portfolio_text(self.folio, fmt, self.app.local_now())
        try:
            write_export(path, text.encode("utf-8"), force=False, store=self.app.store)
        except StoreError as error:
            self.notify(str(error), title="Not written", severity="error")
            return
        self.notify(f"Written to {path} (readable only by you).", title="Portfolio")
