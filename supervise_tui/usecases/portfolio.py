"""The peer's portfolio, theirs to take to a review or a next job (:mod:`..services.portfolio`)."""

from __future__ import annotations

from datetime import datetime

from ..domain.enums import Role
from ..domain.models import Person
from ..services.portfolio import Portfolio, build_portfolio, portfolio_markdown
from ..services.printing import printable_page
from ..store.backend import Backend
from ..store.errors import Refused


def portfolio_of(store: Backend, person: Person, *, with_concerns: bool = False) -> Portfolio:
    """A peer's portfolio from their held sessions; Refused for anyone who is not a peer."""
    if person.role != Role.PEER:
        raise Refused(f"A portfolio is a peer specialist's own; {person.name} is a supervisor.")
    from .groups import groups_of

    return build_portfolio(
        person,
        store.sessions(person.id),
        store.tracks(person.id),
        with_concerns=with_concerns,
        groups=groups_of(store, person.id),
    )


def portfolio_text(folio: Portfolio, fmt: str, printed: datetime) -> str:
    """The portfolio as Markdown ("md") or as one page to print ("html")."""
    text = portfolio_markdown(folio)
    if fmt != "html":
        return text
    from ..domain.dates import human_datetime

    title = f"Portfolio — {folio.peer.name}"
    return printable_page(title, text, printed=f"Printed {human_datetime(printed)}.")
