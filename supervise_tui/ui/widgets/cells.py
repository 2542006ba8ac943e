"""Table cells shown exactly as typed.

DataTable reads a plain string cell as Rich markup, so a name such as
"Sam [/b] Lee" would be restyled, or stop the app. Every cell that can hold
something a person typed goes through :func:`plain`. (It is also quicker: the
table measures every cell, and markup would be parsed for each.)
"""

from __future__ import annotations

from rich.text import Text


def plain(*cells: object) -> list[Text]:
    return [cell if isinstance(cell, Text) else Text(str(cell), end="") for cell in cells]
