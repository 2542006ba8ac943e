"""`supervise calendar`: each peer's next session due, as events any calendar reads, with
nothing from the records but names."""

from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar

from supervise_tui.cli import main
from supervise_tui.domain.enums import Role
from supervise_tui.services.calendar import calendar_bytes
from supervise_tui.usecases.calendar import sessions_due
from supervise_tui.usecases.sessions import finish_session
from tests.conftest import FIXED_NOW, fixed_clock, full_session, make_session, on_both_backends

TODAY = FIXED_NOW.date()  # Sunday 22 Nov 2026


def events(raw: bytes) -> list:
    return [c for c in Calendar.from_ical(raw).walk() if c.name == "VEVENT"]


@on_both_backends
def test_each_active_peer_has_one_event_on_the_day_due(repo, team):
    finish_session(repo, full_session(team), clock=fixed_clock)  # Jordan, Tue 17 Nov
    due = {d.peer: d for d in sessions_due(repo, TODAY)}
    assert due["Jordan Ellery"].on == date(2026, 11, 24)  # a week on, his usual Tuesday
    assert not due["Jordan Ellery"].overdue
    assert due["Jordan Ellery"].supervisors == ["Dana Whitfield"]
    assert due["Robin Takahashi"].on == TODAY  # never met: due now
    found = events(calendar_bytes(list(due.values()), FIXED_NOW))
    assert [str(e["summary"]) for e in found] == [
        "Supervision with Robin Takahashi",
        "Supervision with Jordan Ellery",
    ]
    assert found[1].decoded("dtstart") == date(2026, 11, 24)
    assert found[1].decoded("dtend") == date(2026, 11, 25)


@on_both_backends
def test_an_overdue_session_lands_today_and_says_so(repo, team):
    finish_session(repo, make_session(team, when=datetime(2026, 11, 3, 10, 0)), clock=fixed_clock)
    (jordan,) = [d for d in sessions_due(repo, TODAY) if d.peer == "Jordan Ellery"]
    assert jordan.on == TODAY and jordan.overdue
    (event,) = [
        e for e in events(calendar_bytes([jordan], FIXED_NOW)) if "Jordan" in str(e["summary"])
    ]
    assert "overdue" in str(event["description"])


@on_both_backends
def test_no_record_text_leaves_in_a_calendar_and_the_same_day_keeps_its_event(repo, team):
    finish_session(repo, full_session(team), clock=fixed_clock)
    first = calendar_bytes(sessions_due(repo, TODAY), FIXED_NOW)
    text = first.decode()
    for words in ("Too many forms", "Lead a call", "Ask for admin help", "Listening"):
        assert words not in text
    again = calendar_bytes(sessions_due(repo, TODAY), FIXED_NOW)
    assert [e["uid"] for e in events(first)] == [e["uid"] for e in events(again)]


@on_both_backends
def test_one_supervisors_calendar_holds_only_their_peers(repo, team):
    finish_session(repo, full_session(team), clock=fixed_clock)
    dana = next(p for p in repo.people(role=Role.SUPERVISOR) if p.name == "Dana Whitfield")
    marcus = next(p for p in repo.people(role=Role.SUPERVISOR) if p.name != "Dana Whitfield")
    assert [d.peer for d in sessions_due(repo, TODAY, dana)] == ["Jordan Ellery"]
    assert sessions_due(repo, TODAY, marcus) == []


def test_the_command_writes_a_private_file_and_refuses_bad_places(
    repo, team, data_dir, tmp_path, capsys
):
    finish_session(repo, full_session(team), clock=fixed_clock)
    repo.close()
    out = tmp_path / "due.ics"
    base = ["calendar", "--data-dir", str(data_dir)]
    assert main([*base, "-o", str(out)], clock=fixed_clock) == 0
    assert out.stat().st_mode & 0o777 == 0o600 and len(events(out.read_bytes())) == 2
    assert main([*base, "-o", str(out)], clock=fixed_clock) == 1  # exists: not replaced
    assert main([*base, "-o", str(tmp_path / "no" / "due.ics")], clock=fixed_clock) == 1
    assert main([*base, "--supervisor", "Nobody Here"], clock=fixed_clock) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "does not exist" in err and "no supervisor" in err
    assert main([*base, "--supervisor", "Dana Whitfield"], clock=fixed_clock) == 0
    assert len(events(capsys.readouterr().out.encode())) == 1
