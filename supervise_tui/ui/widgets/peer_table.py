"""Home's table of peers: one row each, with when the next session is due and what is
open. On a wide terminal it adds the site and the last session; a long team's rows past
the first screenful are added straight after the first paint."""

from __future__ import annotations

from collections import Counter
from datetime import date

from textual.geometry import Size
from textual.widgets import DataTable

from ...services.home import HomeRow
from .cells import plain, reset_table

NARROW = ["Peer", "Next session", "Concerns", "Goals", "Actions", "Sign-off"]
WIDE = ["Peer", "Site", "Last met", *NARROW[1:]]


def peer_cells(row: HomeRow, names: Counter[str], wide: bool, today: date) -> list[str]:
    """One row's cells; ``names`` (how many rows have each casefolded name) tells a
    shared name apart."""
    s = row.summary
    person = row.person
    duplicate = names[person.name.casefold()] > 1
    label = person.display if (duplicate and not wide) else person.name
    when = row.due.describe(today)
    if wide:  # short dates: the box below the table gives them in full
        when = f"{row.due.on:%d %b} — {when}"
    signoff = f"{s.awaiting_signoff} to sign" if s.awaiting_signoff else "—"
    cells = [label]
    if wide:
        last = f"{s.last_session:%d %b %Y}" if s.last_session else "never"
        cells += [person.site or "—", last]
    cells += [when, str(s.open_concerns), str(s.active_goals), str(s.open_actions), signoff]
    return cells


class PeerTable(DataTable):
    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._generation = 0

    def fill(self, rows: list[HomeRow], *, wide: bool, today: date, first: int) -> None:
        """Show ``rows``: the ``first`` ones now, the rest after the next paint, CHUNK at a
        time (each takes a while to add). The cursor stays on the same line."""
        keep = self.cursor_row
        names = Counter(r.person.name.casefold() for r in rows)  # (counted once, not per row)
        cells = [(r.person.id, peer_cells(r, names, wide, today)) for r in rows]
        reset_table(self, list(WIDE if wide else NARROW), [c for _, c in cells])
        self._generation += 1
        for key, row_cells in cells[:first]:
            self.add_row(*plain(*row_cells), key=key)
        if len(cells) > first:
            self.call_after_refresh(self._add_rows, self._generation, cells[first:], keep)
        if rows:
            self.move_cursor(row=max(0, min(keep, self.row_count - 1)))

    CHUNK = 200  # rows added at a time after the first paint: keys are not held up long

    def _add_rows(self, generation: int, cells: list, keep: int) -> None:
        if generation != self._generation:
            return  # the table was filled again meanwhile
        now, rest = cells[: self.CHUNK], cells[self.CHUNK :]
        for key, row_cells in now:
            self.add_row(*plain(*row_cells), key=key)
        if rest:
            self.call_after_refresh(self._add_rows, generation, rest, keep)
        if keep > self.cursor_row and (keep < self.row_count or not rest):
            self.move_cursor(row=min(keep, self.row_count - 1))

    def _update_dimensions(self, new_rows) -> None:
        """Every column's width is set when the table is filled (``reset_table``) and no
        row has a label or a height of its own, so Textual's measuring of every new cell
        (4,000 at 678 peers) would change nothing: only the table's size is worked out."""
        rows = [self.rows[key] for key in new_rows if key in self.rows]
        if any(column.auto_width for column in self.columns.values()) or any(
            row.label is not None or row.auto_height for row in rows
        ):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )
