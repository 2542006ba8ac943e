"""Summary and sign-off: the whole session, readable; each participant acknowledges it."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Markdown, Static

from ...domain.enums import Role, SessionStatus
from ...domain.errors import ValidationError
from ...domain.models import Person, Session
from ...domain.tracks import Tracks
from ...services.summary import session_markdown
from ...store.errors import StoreError
from ...usecases.sessions import sign_session
from .base import ViewScreen
from .summary_corrections import Correcting


class SummaryScreen(Correcting, ViewScreen):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding(
            "s",
            "sign",
            "Sign off",
            tooltip="Acknowledge this summary (with a comment)",
            id="summary.sign",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Write this session to a Markdown file",
            id="summary.export",
        ),
        Binding(
            "c",
            "correct",
            "Correct",
            tooltip="Put right a mistake in this session",
            id="summary.correct",
        ),
        Binding(
            "o",
            "original",
            "Signed version",
            tooltip="Read the version everyone signed before the amendment",
            id="summary.original",
        ),
        Binding(
            "w",
            "withdraw",
            "Withdraw",
            show=False,
            tooltip="Withdraw a session made by mistake (kept, out of the figures)",
            id="summary.withdraw",
        ),
        Binding("escape,h", "home", "Back", tooltip="Back", id="summary.home"),
    ]

    class Signed(Message):
        def __init__(
            self, session: Session | None, error: str | None = None, notice: str = "Signed."
        ) -> None:
            super().__init__()
            self.session = session
            self.error = error
            self.notice = notice

    def __init__(
        self,
        session: Session,
        people: dict[str, Person],
        tracks: Tracks | None,
        *,
        kept_version: bool = False,
    ) -> None:
        super().__init__()
        self.kept_version = kept_version  # a version kept by an amendment: to read only
        self.session = session
        self.people = people
        self.tracks = tracks

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="signoff-state", markup=False)
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(session_markdown(self.session, self.people, self.tracks), id="summary")
        yield Footer()

    def on_mount(self) -> None:
        peer = self.people.get(self.session.peer_id)
        self.sub_title = f"Summary — {peer.name if peer else 'session'}"
        if self.kept_version:
            self.sub_title = "The version signed before the amendment"
        self._paint_state()
        self.query_one("#summary-scroll").focus()

    def _unsigned(self) -> list[str]:
        return [p for p in self.session.participants if self.session.signed_by(p) is None]

    def _paint_state(self) -> None:
        state = self.query_one("#signoff-state", Static)
        if self.kept_version:
            state.update("The version everyone signed before it was amended. Escape goes back.")
            state.set_class(True, "-done")
            return
        if self.session.status == SessionStatus.WITHDRAWN:
            state.update("Withdrawn: kept as it was, and counted in no figure.")
            state.set_class(True, "-done")
            return
        if self.session.status == SessionStatus.ACKNOWLEDGED:
            state.update(
                "✓ Signed off by everyone. This session is acknowledged. Escape goes back."
            )
            state.set_class(True, "-done")
            return
        names = ", ".join(self._person_name(p) for p in self._unsigned())
        if self.app.store.read_only:
            how = "Open the records without --read-only to sign."
        elif self._signable():
            how = "Press s to sign."
        else:
            how = "Each signs for themselves, in their own view."
        state.update(f"Awaiting sign-off from: {names}. {how}")
        state.set_class(False, "-done")

    def _person_name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else "someone no longer listed"

    def _signable(self) -> list[str]:
        """Who may sign here: only oneself when signed in; only the peer in their own
        view; anyone who has not yet at a shared plain folder."""
        if self.kept_version or self.session.status == SessionStatus.WITHDRAWN:
            return []
        unsigned = self._unsigned()
        me = getattr(self.app, "person", None)
        if me is not None and me.role == Role.PEER:
            return [p for p in unsigned if p == me.id]
        if me is not None:  # others beside the supervisor type their own passphrase
            return sorted(unsigned, key=lambda p: p != me.id)
        if self.app.peer_mode:
            return [p for p in unsigned if p == self.session.peer_id]
        return unsigned

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "sign":
            if self.app.store.read_only:
                return False
            return bool(self._signable())
        if action == "correct":
            return self.correctable()
        if action == "withdraw":
            return self.withdrawable()
        if action == "original":
            return bool(self.session.amendments) and not self.kept_version
        return True

    def action_sign(self) -> None:
        from ..dialogs.signoff import SignOffDialog

        unsigned = self._signable()
        if not unsigned:
            return
        options = [(self._person_name(p), p) for p in unsigned]
        me = getattr(self.app, "person", None)
        self.app.push_screen(SignOffDialog(options, me.id if me else None), self._signed)

    def _signed(self, result: tuple[str, str, str] | None) -> None:
        if result is None:
            return
        self.sign(*result)

    @work(thread=True, exclusive=True, group="sign")
    def sign(self, person_id: str, comment: str, passphrase: str = "") -> None:
        try:
            done = sign_session(
                self.app.store,
                self.session,
                person_id,
                comment,
                clock=self.app.clock,
                passphrase=passphrase or None,
            )
        except (ValidationError, StoreError) as error:
            self.post_message(self.Signed(None, str(error)))
            return
        self.post_message(self.Signed(done))

    def on_summary_screen_signed(self, message: Signed) -> None:
        if message.session is None:
            self.notify(message.error or "Could not sign.", severity="error", timeout=12)
            return
        self.session = message.session
        self.query_one("#summary", Markdown).update(
            session_markdown(self.session, self.people, self.tracks)
        )
        self._paint_state()
        self.refresh_bindings()
        self.notify(message.notice)

    def action_export(self) -> None:
        from ..dialogs.export import ExportDialog, slug

        peer = self.people.get(self.session.peer_id)
        stem = f"session-{slug(peer.name if peer else 'peer')}-{self.session.day.isoformat()}"
        formats = [
            ("Markdown — readable, to print and file", "md"),
            ("Printable page — HTML for a browser's Print, with lines to sign", "html"),
        ]
        self.app.push_screen(ExportDialog("this session", stem, formats=formats), self._export)

    def _export(self, choice) -> None:
        if choice is None:
            return
        from ..dialogs.export import write_page

        fmt, path = choice
        text = session_markdown(self.session, self.people, self.tracks)
        if fmt == "html":
            from ...services.printing import session_page

            text = session_page(self.session, self.people, self.tracks, self.app.clock())
        write_page(self, path, text, written="Exported", failed="Not exported")

    def action_home(self) -> None:
        self.app.pop_screen()
