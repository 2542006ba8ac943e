"""History's table of one peer's sessions, newest first: when, with whom, the check-in
ratings at a glance, concerns raised and resolved, and whether both have signed. On a
wide terminal it adds the kind of session."""

from __future__ import annotations

from textual.widgets import DataTable

from ...services.report import HistoryRow
from .cells import plain, reset_table


def session_cells(row: HistoryRow, wide: bool) -> list[str]:
    ratings = " ".join("–" if v is None else str(v) for v in row.ratings.values())
    signed = row.signoff
    with_whom = row.supervisors[0] if row.supervisors else "—"
    if len(row.supervisors) > 1:
        with_whom += f" +{len(row.supervisors) - 1}"
    return (
        [f"{row.when:%d %b %Y}"]
        + ([row.kind] if wide else [])
        + [with_whom, ratings, str(row.concerns_opened), str(row.concerns_resolved), signed]
    )


class SessionTable(DataTable):
    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def fill(self, rows: list[HistoryRow], *, wide: bool) -> None:
        labels = ["Date", *(["Kind"] if wide else []), "With", "Check-in"]
        labels += ["New concerns", "Resolved", "Sign-off"]
        cells = [plain(*session_cells(row, wide)) for row in rows]
        reset_table(self, labels, cells)
        for row, row_cells in zip(rows, cells, strict=True):
            self.add_row(*row_cells, key=row.session_id)
