"""Command palette entries (ctrl+p) for the main actions."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class SuperviseCommands(Provider):
    """Main actions by name: 'session: start', 'person: add', …"""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        from .screens.home import HomeScreen

        def on_home(action: str) -> None:
            home = next((s for s in app.screen_stack if isinstance(s, HomeScreen)), None)
            if home is None:
                return
            while app.screen is not home:
                app.pop_screen()
            app.call_later(home.run_action, action)

        if getattr(app, "peer_mode", False):
            from .screens.peer_view import PeerViewScreen

            def on_peer(action: str) -> None:
                view = next((s for s in app.screen_stack if isinstance(s, PeerViewScreen)), None)
                if view is None:
                    return
                while app.screen is not view:
                    app.pop_screen()
                app.call_later(view.run_action, action)

            return [
                ("history: open", "Your sessions", partial(on_peer, "history")),
                ("trends: open", "Your trends over time", partial(on_peer, "trends")),
                (
                    "agenda: add a topic",
                    "A topic for your next session",
                    partial(on_peer, "add_item"),
                ),
                ("help: this screen", "What this screen is for, and its keys", app.action_help),
                ("privacy: hide the screen", "Blank the screen now (F12)", app.action_privacy),
            ]
        entries = [
            ("history: open", "The highlighted peer's sessions", partial(on_home, "history")),
            ("team: open", "All peers side by side", partial(on_home, "team")),
            ("session: start", "Start a supervision session", partial(on_home, "new_session")),
            ("session: resume", "Resume an unfinished session", partial(on_home, "resume")),
            (
                "session: sign off",
                "Open the highlighted peer's session awaiting sign-off",
                partial(on_home, "signoff"),
            ),
            (
                "person: add",
                "Add a peer specialist or a supervisor",
                partial(on_home, "add_person"),
            ),
            ("people: open", "Add, edit or deactivate people", partial(on_home, "people")),
            ("help: this screen", "What this screen is for, and its keys", app.action_help),
            ("privacy: hide the screen", "Blank the screen now (F12)", app.action_privacy),
        ]
        if app.store.read_only:
            entries = [e for e in entries if not e[0].startswith(("session", "person"))]
        return entries

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
