"""Shared fixtures: a fixed clock, a fresh data folder, people and a finished session."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from supervise_tui.domain.derived import history_of
from supervise_tui.domain.enums import Role, SessionKind
from supervise_tui.domain.models import Person, Session
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.usecases.people import save_person

FIXED_NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write a real user's folders during tests."""
    monkeypatch.setenv("SUPERVISE_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("SUPERVISE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "records"


@pytest.fixture
def repo(data_dir: Path):
    repository = open_folder(data_dir, clock=fixed_clock)
    yield repository
    repository.close()


@pytest.fixture
def team(repo: FolderBackend) -> dict[str, Person]:
    """One supervisor pair and two peers (all fictional)."""
    return {
        "sup": save_person(
            repo, Person("Dana Whitfield", Role.SUPERVISOR, "Maple Court"), clock=repo.clock
        ),
        "sup2": save_person(
            repo, Person("Marcus Oyelaran", Role.SUPERVISOR, "Harbor House"), clock=repo.clock
        ),
        "peer": save_person(
            repo, Person("Jordan Ellery", Role.PEER, "Maple Court", weekday=1), clock=repo.clock
        ),
        "peer2": save_person(
            repo, Person("Robin Takahashi", Role.PEER, "Harbor House"), clock=repo.clock
        ),
    }


def make_session(team, when=datetime(2026, 11, 17, 10, 0), **kwargs) -> Session:
    return Session(team["peer"].id, [team["sup"].id], SessionKind.WEEKLY, when, **kwargs)


def keep_sessions(store, peer_id: str, sessions: list[Session]) -> None:
    """Put held sessions straight into a peer's history (with all that follows from it),
    as an import would: for building long histories quickly."""
    held = {s.id: s for s in store.sessions(peer_id)}
    held.update((s.id, s) for s in sessions)
    store.replace_history(history_of(peer_id, list(held.values())), list(held.values()))
