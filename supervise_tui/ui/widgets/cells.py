"""Table cells shown exactly as typed, and the row a person has highlighted.

DataTable reads a plain string cell as Rich markup, so a name such as
"Sam [/b] Lee" would be restyled, or stop the app. Every cell that can hold
something a person typed goes through :func:`plain`. (It is also quicker: the
table measures every cell, and markup would be parsed for each.)
"""

from __future__ import annotations

from rich.text import Text


def plain(*cells: object) -> list[Text]:
    return [cell if isinstance(cell, Text) else Text(str(cell), end="") for cell in cells]


def reset_table(table, labels: list[str], rows: list[list], keys: list[str] | None = None) -> None:
    """Empty ``table`` and make its columns (``labels``, with ``keys`` if given) exactly as
    wide as the widest of their heading and the cells of ``rows`` to come. Fixed widths,
    not Textual's own measuring: that runs when the table is next idle, and a table
    filled twice before then (a screen coming back into view) kept cells cut short."""
    from rich.cells import cell_len

    widths = [cell_len(label) for label in labels]
    for row in rows:
        for i, cell in enumerate(row[: len(widths)]):
            text = str(cell.plain if hasattr(cell, "plain") else cell)
            # (plain ASCII is one cell a character: 4,000 cells at 678 peers are measured
            # before Home's first paint, and Rich's measure took 2 ms of it)
            width = len(text) if text.isascii() and text.isprintable() else cell_len(text)
            if width > widths[i]:
                widths[i] = width
    table.clear(columns=True)
    for i, label in enumerate(labels):
        # (a heading as Text: a string would be parsed as markup, and that loads
        # Rich's table of emoji names, 2 ms of the start)
        table.add_column(Text(label), width=widths[i], key=keys[i] if keys else None)


def highlighted(table, rows: list):
    """The one of ``rows`` (shown in ``table`` in that order) on the highlighted row, or
    None when there are none or nothing is highlighted."""
    if not rows or table.cursor_row < 0:
        return None
    return rows[min(table.cursor_row, len(rows) - 1)]
