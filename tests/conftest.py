"""Shared fixtures: a fixed clock, a fresh data folder, people and a finished session."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from supervise_tui.domain.enums import Role, SessionKind
from supervise_tui.domain.models import Person, Session
from supervise_tui.store.repository import Repository

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
    repository = Repository.open(data_dir, clock=fixed_clock)
    yield repository
    repository.close()


@pytest.fixture
def team(repo: Repository) -> dict[str, Person]:
    """One supervisor pair and two peers (all fictional)."""
    return {
        "sup": repo.save_person(Person("Dana Whitfield", Role.SUPERVISOR, "Maple Court")),
        "sup2": repo.save_person(Person("Marcus Oyelaran", Role.SUPERVISOR, "Harbor House")),
        "peer": repo.save_person(Person("Jordan Ellery", Role.PEER, "Maple Court", weekday=1)),
        "peer2": repo.save_person(Person("Robin Takahashi", Role.PEER, "Harbor House")),
    }


def make_session(team, when=datetime(2026, 11, 17, 10, 0), **kwargs) -> Session:
    return Session(team["peer"].id, [team["sup"].id], SessionKind.WEEKLY, when, **kwargs)
