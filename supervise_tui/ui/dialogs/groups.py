"""A peer's group sessions and community-of-practice calls in a period, newest first,
with their own words; x sets aside one recorded by mistake (who and why asked first)."""

from __future__ import annotations

import dataclasses

from rich.markup import escape
from textual.binding import Binding

from ...domain.groups import GroupSession, group_line, own_lines
from .pick import ReadList
from .reason import ReasonDialog, Why

WHY = Why(
    "[b]Remove this group session[/b]\nRecorded by mistake: it is kept, marked removed, in "
    "every peer's record, and counts nowhere.",
    "Remove",
    True,
    "Recorded twice",
)


class GroupsDialog(ReadList):
    """Returns whether any was removed (the screen behind then reloads)."""

    REMOVE_HINT = "x removes one recorded by mistake"

    BINDINGS = [Binding("x,delete", "remove", "Remove", id="groups.remove")]

    def __init__(
        self,
        groups: list[GroupSession],
        names: dict[str, str],
        title: str,
        *,
        removers: list[tuple[str, str]],
        asked: dict[str, str],
    ) -> None:
        self.groups = sorted(groups, key=lambda g: (g.when, g.id), reverse=True)
        self.names, self.asked = names, asked
        self.removers = removers  # (name, id) of who may remove one (none: a peer's view)
        super().__init__(self._options(), title, may_remove=bool(removers))

    def _options(self) -> list[tuple[str, str]]:
        options = []
        for g in self.groups:
            lines = [group_line(g, self.names)]
            peers = ", ".join(self.names.get(p, "?") for p in g.attendee_ids)
            lines.append(f"  Peers: {peers}")
            if g.supervisor_ids:
                sups = ", ".join(self.names.get(p, "?") for p in g.supervisor_ids)
                lines.append(f"  Supervisors: {sups}")
            lines += [f"  Practice to try: {g.practice}"] if g.practice else []
            lines += [f"  {line}" for line in own_lines(g, self.asked)]
            options.append(("\n".join(lines), g.id))
        return options or [("No group sessions in this period.", "")]

    def action_remove(self) -> None:
        group = self.highlighted_of(self.groups)
        if group is not None:
            which = dataclasses.replace(
                WHY, heading=f"{WHY.heading}\n{escape(group_line(group, self.names))}"
            )
            self.app.push_screen(
                ReasonDialog(self.removers, which),
                lambda result: result and self._remove(group, *result),
            )

    def _remove(self, group: GroupSession, by: str, reason: str) -> None:
        from ...usecases.groups import remove_group

        store, clock = self.app.store, self.app.clock
        self.take_out(
            self.groups,
            group,
            lambda: remove_group(store, group.id, reason, clock=clock, by=by),
            "The group session was removed.",
        )


def groups_dialog(app, peer, groups: list[GroupSession], period, people: dict) -> GroupsDialog:
    """A peer's group sessions in ``period``, as History shows them: a supervisor may
    remove one (the one signed in, or any active supervisor on a shared folder); a
    peer's own view only reads them."""
    from ...domain.enums import GroupKind, Role

    me = getattr(app, "person", None)
    if app.peer_mode or (me is not None and me.role != Role.SUPERVISOR):
        removers = []
    elif me is not None:
        removers = [(me.name, me.id)]
    else:
        sups = [p for p in people.values() if p.role == Role.SUPERVISOR and p.active]
        removers = [(p.name, p.id) for p in sorted(sups, key=lambda p: p.name.casefold())]
    pack = app.library.for_group(GroupKind.COP)
    asked = {q.id: q.text for q in pack.own} if pack else {}
    shown = [g for g in groups if period.contains(g.day)]
    title = f"Group sessions with {peer.name}, {period.label}"
    names = {pid: p.name for pid, p in people.items()}
    return GroupsDialog(shown, names, title, removers=removers, asked=asked)
