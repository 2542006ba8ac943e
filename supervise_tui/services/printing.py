"""Records on paper: one self-contained HTML page that prints cleanly from any browser.

The page is made from the same Markdown as the readable exports (where every word a
person typed is already escaped), rendered by markdown-it with raw HTML turned off. It
asks for nothing outside itself: no fonts, scripts, images or links, and its
Content-Security-Policy forbids them, so opening or printing it sends nothing anywhere.
A page ends with lines for wet signatures when it is a record people sign.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

# System fonts only; A4 and Letter both fit; a heading never ends a page; a table row or a
# signature line is never split; a rule (between peers) starts a new page.
CSS = """
@page { margin: 18mm 16mm; }
html { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; color: #000;
  background: #fff; line-height: 1.4; }
body { max-width: 48em; margin: 0 auto; padding: 1em; }
h1 { font-size: 1.5em; margin: 0 0 0.5em; }
h2 { font-size: 1.2em; margin: 1.2em 0 0.4em; border-bottom: 1px solid #888; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
blockquote { margin: 0.3em 0 0.6em 1em; padding-left: 0.8em; border-left: 3px solid #888; }
table { border-collapse: collapse; margin: 0.4em 0; }
th, td { border: 1px solid #888; padding: 0.15em 0.5em; text-align: left;
  vertical-align: top; }
tr, li, .signature { break-inside: avoid; page-break-inside: avoid; }
hr { break-after: page; page-break-after: always; border: 0; height: 0; margin: 0; }
.signatures { margin-top: 2em; break-inside: avoid; page-break-inside: avoid; }
.signature { display: flex; gap: 1.5em; margin: 2.2em 0 0; align-items: flex-end; }
.signature .who { flex: 0 0 14em; }
.signature .line { flex: 1; border-bottom: 1px solid #000; }
.signature .date { flex: 0 0 9em; border-bottom: 1px solid #000; }
.signature small { display: block; color: #444; }
.printed { margin-top: 2em; color: #444; font-size: 0.85em; }
"""

POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def printable_page(
    title: str, markdown: str, *, signers: list[str] | None = None, printed: str = ""
) -> str:
    """One HTML page from ``markdown`` (already escaped), with a wet-signature line for
    each of ``signers`` (names) and a last line saying when it was printed."""
    body = _MARKDOWN.render(markdown)
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        body,
    ]
    if signers:
        parts.append('<section class="signatures"><h2>Signatures</h2>')
        for name in signers:
            parts.append(
                '<div class="signature">'
                f'<span class="who">{escape(name)}</span>'
                '<span class="line"><small>signature</small></span>'
                '<span class="date"><small>date</small></span>'
                "</div>"
            )
        parts.append("</section>")
    if printed:
        parts.append(f'<p class="printed">{escape(printed)}</p>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def session_page(session, people, tracks, printed_at) -> str:
    """A session's summary to print: both voices, the items, the sign-off stamps and
    comments, and a line for each participant's wet signature."""
    from ..domain.dates import human_date, human_datetime
    from .summary import session_markdown

    peer = people.get(session.peer_id)
    title = f"Supervision session — {peer.name if peer else 'peer'}, {human_date(session.day)}"
    signers = [people[p].name if p in people else "—" for p in session.participants]
    printed = f"Printed {human_datetime(printed_at.astimezone())} by supervise."
    return printable_page(
        title, session_markdown(session, people, tracks), signers=signers, printed=printed
    )


def hours_page(lines, targets, period_label: str, printed_at) -> str:
    """The hours report to print: each peer's time by kind, who is below target, and a
    line for the supervisor to sign."""
    from ..domain.dates import human_datetime
    from .hours import KINDS, add_up, as_hours
    from .summary import inline

    heads = ["Peer", *[k.capitalize() for k in KINDS], "Total", "Held", "No length", "Contacts"]
    rows = [
        [inline(h.name), *[as_hours(h.minutes[k]) for k in KINDS], as_hours(h.total)]
        + [str(h.sessions), str(h.unknown), str(h.contacts)]
        for h in [*lines, add_up("All peers", lines)]
    ]
    table = "\n".join(
        ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        + ["| " + " | ".join(row) + " |" for row in rows]
    )
    said = "; ".join(t.describe() for t in targets) or "none set"
    parts = [f"# Supervision hours — {period_label}", f"**Targets:** {said}", table]
    if targets:
        below = [f"- {inline(h.name)}: {inline(w)}" for h in lines for w in h.below]
        parts += ["## Below target so far", "\n".join(below) or "*Nobody is below target.*"]
    printed = f"Printed {human_datetime(printed_at.astimezone())} by supervise."
    return printable_page(
        f"Supervision hours — {period_label}",
        "\n\n".join(parts),
        signers=["Supervisor"],
        printed=printed,
    )
