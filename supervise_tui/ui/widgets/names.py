"""Names suggested as a person's name is typed."""

from __future__ import annotations

from textual.suggester import SuggestFromList


def name_suggester(app) -> SuggestFromList | None:
    """The names of the people in the records (those the person at the keyboard may see),
    suggested as a name is typed (→ takes one); none while the records are locked:
    before anyone signs in, nobody's name is shown."""
    from ...store.errors import StoreError
    from ...usecases.people import visible_people

    store = getattr(app, "store", None)
    if store is None or store.locked:
        return None
    try:
        names = sorted({person.name for person in visible_people(store)})
    except StoreError:
        return None
    return SuggestFromList(names, case_sensitive=False) if names else None
