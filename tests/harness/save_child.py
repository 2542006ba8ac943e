"""Save as the app does (an autosaved draft, then the finished session) into a data folder,
for the fault harness. Usage: python -m tests.harness.save_child DATA

Exit 0 when both saves returned; 1 with the store's own one sentence on stderr when the
store refused (a full or read-only disk); anything else is a traceback, which the harness
counts as a failure. A fixed clock: nothing here reads the wall clock."""

from __future__ import annotations

import itertools
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supervise_tui.domain.enums import ConcernCategory, GoalArea, Role, SessionKind
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import Action, Concern, Goal, Session
from supervise_tui.store.errors import StoreError
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.sessions import finish_session, save_draft

_ticks = itertools.count()


def clock() -> datetime:
    return datetime(2026, 6, 1, 12, 0, tzinfo=UTC) + timedelta(seconds=next(_ticks))


def main() -> int:
    data = Path(sys.argv[1])
    try:
        with open_folder(data, clock=clock) as repo:
            peer = repo.people(role=Role.PEER)[0]
            sup = repo.people(role=Role.SUPERVISOR)[0]
            session = Session(peer.id, [sup.id], SessionKind.INFORMAL, datetime(2026, 5, 30, 10))
            session.concerns.append(Concern("a fictional concern", ConcernCategory.WORKLOAD))
            session.goals.append(Goal("a fictional goal", GoalArea.TRAINING, progress=10))
            session.actions.append(Action("a fictional action", peer.id))
            session = save_draft(repo, session, clock=repo.clock)
            finish_session(repo, session, clock=repo.clock)
    except (StoreError, ValidationError) as error:
        print(f"save: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
