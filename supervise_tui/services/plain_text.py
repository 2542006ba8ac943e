"""Markdown made by this app (:mod:`.summary`) as plain text, for a screen reader, a
braille display or a plain terminal: no markup characters, tables as labelled lines,
short lines, read top to bottom."""

from __future__ import annotations

import re
import textwrap

WIDTH = 72

_MARKUP = re.compile(r"\\(.)|\*+")  # an escaped character, or emphasis to drop


def unmark(line: str) -> str:
    """One line without emphasis, with what people typed (escaped) as they typed it."""
    return _MARKUP.sub(lambda m: m.group(1) or "", line).rstrip()


def _cells(line: str) -> list[str]:
    """The cells of a table row ``| a | b |`` (escaped pipes stay inside a cell)."""
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [unmark(cell.strip()) for cell in cells]


def _table(lines: list[str]) -> list[str]:
    """A Markdown table as one line a row: the first cell, then each other heading with
    its value ("Role clarity: Rating (1–5) 4, Note clearer"); empty cells left out."""
    headings = _cells(lines[0])
    out = []
    for row in lines[2:]:
        cells = _cells(row)
        pairs = zip(headings[1:], cells[1:], strict=False)
        said = [f"{h} {c}" for h, c in pairs if c not in ("", "—")]
        out.append(f"- {cells[0]}: {', '.join(said)}" if said else f"- {cells[0]}")
    return out


def _wrap(line: str, width: int) -> list[str]:
    if len(line) <= width:
        return [line]
    indent = re.match(r"^(\s*(?:- )?)", line).group(1)
    return textwrap.wrap(
        line, width, subsequent_indent=" " * len(indent), break_long_words=False
    ) or [line]


def plain_text(markdown: str, width: int = WIDTH) -> str:
    """The document as plain lines of at most ``width`` characters (a longer word is
    left whole): headings on a line of their own, quoted words indented."""
    out: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            for row in _table(block):
                out += _wrap(row, width)
            continue
        i += 1
        heading = re.match(r"^#+\s+(.*)$", line)
        if heading:
            out.append(unmark(heading.group(1)))
            continue
        quoted = re.match(r"^>\s?(.*)$", line)
        text = "  " + unmark(quoted.group(1)) if quoted else unmark(line)
        if text.strip():
            out += _wrap(text, width)
        elif not _between_items(lines, i - 1):
            out.append("")
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _between_items(lines: list[str], at: int) -> bool:
    """Whether the blank line ``at`` only parts one item of a list from the next."""
    before = next((n for n in reversed(lines[:at]) if n.strip()), "")
    after = next((n for n in lines[at + 1 :] if n.strip()), "")
    return before.startswith(("- ", "  ")) and after.startswith("- ")
