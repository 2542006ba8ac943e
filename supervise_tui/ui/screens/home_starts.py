"""What Home starts (a part of :class:`~.home.HomeScreen`): a session, or the one in
progress; a sign-off; the first people, at the first start; the screens it opens (the
team, the hours, the people)."""

from __future__ import annotations

from textual import work
from textual.message import Message

from ...domain.enums import Role
from ...domain.errors import ValidationError
from ...domain.person import Person
from ...store.errors import StoreError


class Starting:
    """Mixed into Home: ``self`` is the :class:`~.home.HomeScreen`."""

    def action_team(self) -> None:
        from .team import TeamScreen

        self.app.push_screen(TeamScreen())

    def action_group(self) -> None:
        from .group_session import GroupSessionScreen

        self.app.push_screen(GroupSessionScreen(self.data.people))

    def action_import(self) -> None:
        from .import_bundle import ImportScreen

        self.app.push_screen(ImportScreen())

    def action_hours(self) -> None:
        from .hours import HoursScreen

        self.app.push_screen(HoursScreen())

    def action_mine(self) -> None:
        """The supervisor's own view: the one signed in, else the only or first one."""
        from .mine import MineScreen

        sups = [p for p in self.data.people if p.role == Role.SUPERVISOR and p.active]
        me = next((p for p in sups if p.id == self.app.store.signed_in), None)
        if me is None and sups:
            me = sups[0] if len(sups) == 1 else None
        if me is not None:
            self.app.push_screen(MineScreen(me))
            return
        from ..dialogs.pick import PickOne

        def chosen(person_id: str | None) -> None:
            person = next((p for p in sups if p.id == person_id), None)
            if person is not None:
                self.app.push_screen(MineScreen(person))

        options = [(p.display, p.id) for p in sups]
        self.app.push_screen(PickOne(options, title="Whose view?"), chosen)

    def action_people(self) -> None:
        from .people import PeopleScreen

        self.app.push_screen(PeopleScreen())

    def action_new_session(self) -> None:
        """A new session; when the peer has one unfinished, resuming it is offered first."""
        from .start_session import StartSessionScreen

        row = self.selected_row()
        open_ones = [d for d in self.data.drafts if row and d.peer_id == row.person.id]
        if not open_ones:
            self.app.push_screen(
                StartSessionScreen(self.data.people, row.person.id if row else None)
            )
            return
        from ..dialogs.drafts import NEW, DraftsDialog

        def chosen(value: str | None) -> None:
            if value == NEW:
                self.app.push_screen(StartSessionScreen(self.data.people, row.person.id))
            elif value:
                self.open_draft(value)
            else:
                self.refresh_data()

        self.app.push_screen(
            DraftsDialog(
                open_ones,
                {p.id: p for p in self.data.people},
                self._local,
                title=f"{row.person.name} has a session in progress",
                offer_new=True,
            ),
            chosen,
        )

    def _local(self, stamp):
        return stamp.astimezone().replace(tzinfo=None)

    def action_add_person(self) -> None:
        from ..dialogs.person import PersonForm

        has_sup = any(p.role == Role.SUPERVISOR for p in self.data.people)
        if not has_sup and not self.app.store.encrypted:
            from ..dialogs.first_run import FirstRunDialog

            self.app.push_screen(FirstRunDialog(), self._first_run_done)
            return
        if not has_sup:
            form = PersonForm(role=Role.SUPERVISOR, heading="Add yourself (as a supervisor)")
        else:
            form = PersonForm(role=Role.PEER, heading="Add a peer specialist")
        self.app.push_screen(form, self._person_added)

    def _first_run_done(self, result) -> None:
        """The first supervisor leads encrypted records: their recovery key, shown once,
        then their first peer."""
        if result is None:
            return
        from ..dialogs.recovery_key import RecoveryKeyDialog

        person, code = result
        self.app.person = person
        self.app.push_screen(RecoveryKeyDialog(code), lambda _: self._person_added(person))

    def _person_added(self, person: Person | None) -> None:
        if person is None:
            return
        self.notify(f"Added {person.name}.")
        if self.app.store.signed_in and person.id != self.app.store.signed_in:
            from ..dialogs.access import give_access

            give_access(self.app, person)
        has_peer = any(p.role == Role.PEER for p in self.data.people)
        if person.role == Role.SUPERVISOR and not has_peer:
            from ..dialogs.person import PersonForm

            self.app.push_screen(
                PersonForm(role=Role.PEER, heading="Now add your first peer specialist"),
                self._person_added,
            )
        self.refresh_data()

    def action_resume(self) -> None:
        drafts = self.data.drafts
        if not drafts:
            return
        from ..dialogs.drafts import DraftsDialog

        people = {p.id: p for p in self.data.people}
        title = "Resume which session?" if len(drafts) > 1 else "Resume this session?"
        self.app.push_screen(DraftsDialog(drafts, people, self._local, title=title), self._picked)

    def _picked(self, session_id: str | None) -> None:
        if session_id:
            self.open_draft(session_id)
        else:
            self.refresh_data()  # one may have been discarded

    @work(thread=True, exclusive=True, group="home-open")
    def open_draft(self, session_id: str) -> None:
        from ...usecases.corrections import tracks_for_draft
        from ...usecases.ideas import ideas_named
        from ..widgets.steps import SessionContext
        from .session import SessionScreen

        repo = self.app.store
        try:
            draft = next(d for d in repo.drafts() if d.id == session_id)
            people = {p.id: p for p in repo.people()}
            tracks = tracks_for_draft(repo, draft)
            named = ideas_named(repo, draft, tracks)
        except StopIteration:
            self.post_message(self.Opened(None, "That draft is no longer there."))
            return
        except (StoreError, ValidationError) as error:
            self.post_message(self.Opened(None, str(error)))
            return
        ctx = SessionContext(
            draft,
            tracks,
            people,
            self.app.local_now().date(),
            self.app.library.get(draft.pack_id),
            named,
        )
        self.post_message(self.Opened(SessionScreen(ctx)))

    def action_signoff(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_awaiting(row.person.id)

    @work(thread=True, exclusive=True, group="home-open")
    def open_awaiting(self, peer_id: str) -> None:
        from ...usecases.sessions import awaiting_signoff
        from .summary import SummaryScreen

        repo = self.app.store
        try:
            refs = awaiting_signoff(repo, peer_id)
            if not refs:
                self.post_message(self.Opened(None, "Nothing is waiting for sign-off."))
                return
            session = repo.session(peer_id, refs[-1].id, refs[-1].when.year)
            people = {p.id: p for p in repo.people()}
            tracks = repo.tracks(peer_id)
        except StoreError as error:
            self.post_message(self.Opened(None, str(error)))
            return
        self.post_message(self.Opened(SummaryScreen(session, people, tracks)))

    def on_home_screen_opened(self, message: Message) -> None:
        if message.screen is None:
            self.notify(message.error or "Could not open it.", severity="warning", timeout=10)
            return
        self.app.push_screen(message.screen)
