"""The app's actions, in one registry: what the command palette lists, named once.

Each entry names a binding id (so its key is the binding's, and a user keymap that
moves it moves it here too), the screen it acts on, its palette title and help, and
whether it changes records (then read-only mode leaves it out). The palette
(:mod:`.commands`) is built from this list and nothing else; a test holds every entry
to a binding that exists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    id: str  # the binding id, "<where>.<action>"
    title: str  # as the palette lists it: "what: verb"
    help: str
    writes: bool = False  # changes records: not offered read-only
    signed_in: bool = False  # only when someone has signed in (encrypted records)
    plain: bool = False  # only while the records are not encrypted

    @property
    def where(self) -> str:
        """The screen it runs on: "home", "peer" (a peer's own view) or "app"."""
        return self.id.split(".", 1)[0]

    @property
    def action(self) -> str:
        return self.id.split(".", 1)[1]


ACTIONS: tuple[Action, ...] = (
    Action("home.history", "history: open", "The highlighted peer's sessions"),
    Action("home.team", "team: open", "All peers side by side"),
    Action("home.hours", "hours: open", "Supervision time per peer, against the targets"),
    Action("home.new_session", "session: start", "Start a supervision session", writes=True),
    Action("home.resume", "session: resume", "Resume an unfinished session", writes=True),
    Action(
        "home.signoff",
        "session: sign off",
        "Open the highlighted peer's session awaiting sign-off",
        writes=True,
    ),
    Action("home.add_person", "person: add", "Add a peer specialist or a supervisor", writes=True),
    Action("home.people", "people: open", "Add, edit or deactivate people"),
    Action(
        "home.import",
        "bundle: import",
        "Bring in records exported at another site (checked in full first)",
        writes=True,
    ),
    Action("peer.history", "history: open", "Your sessions"),
    Action("peer.trends", "trends: open", "Your trends over time"),
    Action("peer.add_item", "agenda: add a topic", "A topic for your next session", writes=True),
    Action("app.help", "help: this screen", "What this screen is for, and its keys"),
    Action(
        "app.change_passphrase",
        "passphrase: change mine",
        "Choose a new passphrase (you type the one you have first)",
        writes=True,
        signed_in=True,
    ),
    Action("app.lock", "lock: now", "Clear the screen and put the keys away", signed_in=True),
    Action(
        "app.encrypt",
        "records: encrypt",
        "Each person then signs in with a passphrase and sees only what is theirs",
        writes=True,
        plain=True,
    ),
    Action("app.privacy", "privacy: hide the screen", "Blank the screen now (F12)"),
    Action(
        "app.next_theme",
        "theme: next",
        "High contrast, your terminal's own colours …; remembered for you (Ctrl+T)",
    ),
)


def offered(
    mode: str, *, read_only: bool, signed_in: bool = False, encrypted: bool = False
) -> list[Action]:
    """The actions the palette offers in ``mode`` ("home" or "peer")."""
    return [
        a
        for a in ACTIONS
        if a.where in (mode, "app")
        and not (read_only and a.writes)
        and (signed_in or not a.signed_in)
        and not (encrypted and a.plain)
    ]
