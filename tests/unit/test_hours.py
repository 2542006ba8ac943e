"""Supervision hours: minutes by kind of session, unknown lengths never counted as zero,
withdrawn sessions nowhere, targets from the settings file, the command's sums."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from supervise_tui.cli import main
from supervise_tui.domain.enums import SessionKind
from supervise_tui.domain.errors import ValidationError
from supervise_tui.services.hours import (
    as_hours,
    check_targets,
    hours_of,
    parse_targets,
    unit_so_far,
)
from supervise_tui.services.periods import parse_period
from supervise_tui.usecases.corrections import withdraw_session
from supervise_tui.usecases.sessions import finish_session
from tests.conftest import FIXED_NOW, fixed_clock, make_session, on_both_backends

TODAY = FIXED_NOW.date()  # Sunday 22 Nov 2026


def held(repo, team, day: int, minutes: int | None, kind=SessionKind.WEEKLY, peer="peer"):
    when = datetime(2026, 11, day, 10, 0)
    session = make_session(team, when=when)
    session.kind, session.peer_id = kind, team[peer].id
    if minutes is not None:
        session.started, session.ended = when, when + timedelta(minutes=minutes)
    return finish_session(repo, session, clock=fixed_clock)


@on_both_backends
def test_minutes_add_up_by_kind_and_unknown_lengths_are_counted_apart(repo, team):
    held(repo, team, 3, 50)
    held(repo, team, 10, 65, SessionKind.MONTHLY_AGENCY)
    held(repo, team, 12, 15, SessionKind.INFORMAL)
    held(repo, team, 17, None)  # an older record: length not known
    out = hours_of("Jordan", repo.rows(team["peer"].id), parse_period("this month", TODAY))
    assert out.minutes == {"formal": 50, "informal": 15, "group": 0, "agency": 65}
    assert (out.total, out.sessions, out.unknown) == (130, 4, 1)
    assert as_hours(out.total) == "2 h 10" and as_hours(45) == "45 min" and as_hours(0) == "0"


@on_both_backends
def test_a_withdrawn_session_counts_nowhere(repo, team):
    mistake = held(repo, team, 3, 50)
    withdraw_session(repo, mistake.peer_id, mistake.id, team["sup"].id, "Twice", clock=fixed_clock)
    out = hours_of("Jordan", repo.rows(team["peer"].id), parse_period("all", TODAY))
    assert (out.total, out.sessions) == (0, 0)


@pytest.mark.parametrize(
    ("text", "minutes", "per"),
    [
        ("1 hour per month", 60, "month"),
        ("90 minutes a week", 90, "week"),
        ("1.5 h per quarter", 90, "quarter"),
        ("  2 Hours  EVERY month ", 120, "month"),
    ],
)
def test_targets_are_read_as_written(text, minutes, per):
    (target,) = parse_targets({"formal": text})
    assert (target.kind, target.minutes, target.per) == ("formal", minutes, per)


@pytest.mark.parametrize(
    "table",
    [
        {"formal": "lots"},
        {"formal": "0 hours per month"},
        {"weekly": "1 hour per month"},
        {"all": 3},
        "1 hour",
    ],
)
def test_a_target_that_cannot_be_read_is_named(table):
    with pytest.raises(ValidationError) as caught:
        parse_targets(table)
    assert "[hours]" in caught.value.message


@on_both_backends
def test_who_is_below_target_so_far_this_month(repo, team):
    held(repo, team, 3, 40)
    rows = repo.rows(team["peer"].id)
    targets = parse_targets({"formal": "1 hour per month", "agency": "30 minutes a quarter"})
    below = check_targets(rows, targets, TODAY)
    assert below == [
        "40 min of 1 h 00 formal per month so far this month",
        "0 of 30 min agency per quarter so far this quarter",
    ]
    held(repo, team, 5, 30)
    assert len(check_targets(repo.rows(team["peer"].id), targets, TODAY)) == 1
    assert unit_so_far("week", TODAY).start == date(2026, 11, 16)
    assert unit_so_far("quarter", TODAY).start == date(2026, 10, 1)


def test_the_command_adds_up_and_says_a_bad_target_plainly(
    repo, team, data_dir, tmp_path, capsys, monkeypatch
):
    held(repo, team, 3, 50)
    held(repo, team, 10, 65, SessionKind.MONTHLY_AGENCY)
    held(repo, team, 12, 30, peer="peer2")
    repo.close()
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[hours]\nformal = "1 hour per month"\n')
    monkeypatch.setenv("SUPERVISE_CONFIG_DIR", str(config))
    base = ["hours", "--data-dir", str(data_dir), "--period", "this month"]
    assert main([*base, "--json"], clock=fixed_clock) == 0
    data = json.loads(capsys.readouterr().out)
    per_peer = {p["peer"]: p for p in data["peers"]}
    assert per_peer["Jordan Ellery"]["minutes"]["agency"] == 65
    assert data["total"]["total_minutes"] == sum(p["total_minutes"] for p in data["peers"]) == 145
    assert per_peer["Jordan Ellery"]["below_target"] == [
        "50 min of 1 h 00 formal per month so far this month"
    ]
    assert main([*base, "--csv"], clock=fixed_clock) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("peer,formal_minutes")
    (config / "config.toml").write_text('[hours]\nformal = "plenty"\n')
    assert main(base, clock=fixed_clock) == 1
    assert "not a target I can read" in capsys.readouterr().err
    assert main([*base, "--peer", "Jordan Ellery", "--supervisor", "Dana Whitfield"]) == 2


@on_both_backends
def test_below_target_names_each_peer_and_what_is_missing(repo, team):
    from supervise_tui.usecases.hours import below_target

    held(repo, team, 3, 40)
    targets = parse_targets({"formal": "1 hour per month"})
    peers = [team["peer"], team["peer2"]]
    assert below_target(repo, peers, TODAY, targets) == [
        "Jordan Ellery: 40 min of 1 h 00 formal per month so far this month",
        "Robin Takahashi: 0 of 1 h 00 formal per month so far this month",
    ]
    assert below_target(repo, peers, TODAY, []) == []
