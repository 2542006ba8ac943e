"""The command palette (ctrl+p), built from the registry of actions (:mod:`.actions`)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .actions import Action, offered


class SuperviseCommands(Provider):
    """Main actions by name: 'session: start', 'person: add', …"""

    def _run(self, entry: Action) -> None:
        app = self.app
        if entry.where == "app":
            app.call_later(app.run_action, entry.action)
            return
        from .screens.home import HomeScreen
        from .screens.peer_view import PeerViewScreen

        kind = HomeScreen if entry.where == "home" else PeerViewScreen
        target = next((s for s in app.screen_stack if isinstance(s, kind)), None)
        if target is None:
            return
        while app.screen is not target:
            app.pop_screen()
        app.call_later(target.run_action, entry.action)

    def _entries(self) -> list[Action]:
        mode = "peer" if getattr(self.app, "peer_mode", False) else "home"
        store = self.app.store
        return offered(
            mode,
            read_only=store.read_only,
            signed_in=store.signed_in is not None,
            encrypted=store.encrypted,
        )

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(entry.title, partial(self._run, entry), help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(entry.title),
                    partial(self._run, entry),
                    help=entry.help,
                )
