"""What a worker says back to its screen: the result of a use case, or why there is none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

from ..domain.errors import ValidationError
from ..store.errors import StoreError


@dataclass
class Outcome(Message):
    """What a worker brought back: its result; or none, the sentence why (and the field)."""

    result: object = None
    error: str | None = None
    field: str | None = None


def outcome(message: Callable[..., Message], work: Callable[[], object]) -> Message:
    """Run ``work`` (in a worker thread) and say how it went: ``message(result)``; or,
    when it is refused, ``message(None, the sentence, the field at fault)``, and when the
    records could not be read or written, ``message(None, the sentence)``."""
    try:
        result = work()
    except ValidationError as error:
        return message(None, error.message, error.field)
    except StoreError as error:
        return message(None, str(error))
    return message(result)


def show_made(screen, message: Message, *, switch=False, severity="warning", timeout=10) -> None:
    """The screen a worker made (``message.screen``) shown over ``screen``, or in its
    place (``switch``); when it made none, why not (``message.error``)."""
    if message.screen is None:
        screen.notify(message.error or "Could not open it.", severity=severity, timeout=timeout)
        return
    (screen.app.switch_screen if switch else screen.app.push_screen)(message.screen)


def keep(
    node, message: Callable[..., Message], use_case: Callable, record, group: str, **options
) -> None:
    """Keep ``record`` (``use_case(store, record, clock=…, **options)``) in a worker thread
    of ``node``'s (one at a time in ``group``); ``message`` then says how it went."""
    store, clock = node.app.store, node.app.clock
    work = lambda: use_case(store, record, clock=clock, **options)  # noqa: E731
    node.run_worker(
        lambda: node.post_message(outcome(message, work)), thread=True, exclusive=True, group=group
    )
