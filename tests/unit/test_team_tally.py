"""The team view's kept tally: kept up to date by every save, equal to what the records
say, checked and rebuilt by `supervise check`, and giving the same team rows."""

from __future__ import annotations

import random
from datetime import date, datetime

import orjson
import pytest

from supervise_tui.domain.derived import history_of
from supervise_tui.domain.enums import Fit, RatingKey, SessionStatus
from supervise_tui.domain.models import Rating, RoleItem
from supervise_tui.domain.rows import tracks_from_rows
from supervise_tui.domain.team_tally import team_tally_of
from supervise_tui.services.periods import parse_period
from supervise_tui.services.team import kept_raised, kept_team_row, raised_in, team_row
from supervise_tui.store.check import check
from supervise_tui.store.layout import TEAM, peer_file
from supervise_tui.usecases import lookback
from supervise_tui.usecases.corrections import (
    begin_correction,
    finish_correction,
    withdraw_session,
)
from supervise_tui.usecases.maintenance import repair
from supervise_tui.usecases.sessions import finish_session

from ..conftest import fixed_clock, make_session
from .test_layout import random_history

TODAY = date(2026, 11, 22)


def _history(team, seed: int, n: int = 30):
    rng = random.Random(seed)
    sessions = random_history(team, rng, n=n)
    for s in sessions:
        s.checkin.ratings[RatingKey.ROLE_CLARITY] = Rating(rng.choice([None, 1, 2, 3, 4, 5]))
        s.role_items.append(RoleItem("x", fit=rng.choice(list(Fit))))
        s.supervisor_ids = rng.choice([[team["sup"].id], [team["sup"].id, team["sup2"].id]])
        s.status = SessionStatus.DRAFT
        for update in s.concern_updates:
            update.note = "talked it through"  # a resolution says how
    return sessions


def _from_scratch(repo, peer_id):
    """The tally worked out from every light row, as a rebuild would."""
    counted = [r for r in repo.rows(peer_id) if r.status != SessionStatus.WITHDRAWN]
    return team_tally_of(peer_id, counted, tracks_from_rows(peer_id, counted))


@pytest.mark.parametrize("seed", range(4))
def test_every_save_keeps_the_tally_equal_to_one_worked_out_from_scratch(repo, team, seed):
    peer_id = team["peer"].id
    rng = random.Random(seed)
    for s in _history(team, seed):
        finish_session(repo, s, clock=repo.clock)
        assert repo.team_tally(peer_id) == _from_scratch(repo, peer_id)
    held = repo.rows(peer_id)
    # a session typed up afterwards, dated between others
    late = make_session(team, when=datetime.combine(held[3].day, datetime.min.time()))
    late.checkin.ratings[RatingKey.ROLE_CLARITY] = Rating(4)
    finish_session(repo, late, clock=repo.clock)
    assert repo.team_tally(peer_id) == _from_scratch(repo, peer_id)
    # corrections (moved to another day) and withdrawals take their share away again
    for row in rng.sample(held, 4):
        draft, _ = begin_correction(repo, peer_id, row.id, team["sup"].id, "typo")
        draft.checkin.ratings[RatingKey.ROLE_CLARITY] = Rating(rng.choice([1, 5]))
        draft.role_items = [RoleItem("y", fit=Fit.DRIFTING)]
        finish_correction(repo, draft, clock=repo.clock)
        assert repo.team_tally(peer_id) == _from_scratch(repo, peer_id)
    for row in rng.sample(repo.rows(peer_id), 3):
        try:
            withdraw_session(repo, peer_id, row.id, team["sup"].id, "by mistake", clock=fixed_clock)
        except Exception:  # noqa: BLE001 - a session whose items others update stays
            continue
        assert repo.team_tally(peer_id) == _from_scratch(repo, peer_id)
    assert repo.team_tally(peer_id) == history_of(peer_id, repo.sessions(peer_id)).team
    assert check(repo.root).ok


@pytest.mark.parametrize("seed", range(4))
def test_the_kept_team_row_equals_the_one_from_every_row(repo, team, seed):
    peer = team["peer"]
    for s in _history(team, seed, n=40):
        finish_session(repo, s, clock=repo.clock)
    rows = [r for r in repo.rows(peer.id) if r.status != SessionStatus.WITHDRAWN]
    tracks = tracks_from_rows(peer.id, rows)
    for today in (TODAY, date(2030, 1, 1)):
        period = parse_period("all", today)
        tally = repo.team_tally(peer.id)
        kept = kept_team_row(peer, tally, period, today)
        assert kept == team_row(peer, rows, tracks, period, today)
        assert kept_raised(tally) == raised_in(tracks, period)


PERIODS = ["last 30 days", "last 90 days", "this year", "last 12 months", "2024", "2025"]


@pytest.mark.parametrize("seed", range(4))
def test_a_period_read_from_its_first_year_on_equals_one_from_every_row(
    repo, team, seed, monkeypatch
):
    """Over a period, the team view reads a peer's rows from the period's first year on,
    the items they touch and the open ones (when that reads less than every row): each
    row is equal to the one worked out from the whole history."""
    rng = random.Random(seed)
    sessions = _history(team, seed, n=70)
    for s in sessions:
        finish_session(repo, s, clock=repo.clock)
    for row in rng.sample(repo.rows(team["peer"].id), 3):
        try:
            withdraw_session(
                repo, team["peer"].id, row.id, team["sup"].id, "by mistake", clock=fixed_clock
            )
        except Exception:  # noqa: BLE001 - a session whose items others update stays
            continue
    members = [team["peer"]]
    kept, from_year_on, read = lookback.kept_tally, lookback._from_year, []

    def counted(store, person, first):
        read.append(first)
        return from_year_on(store, person, first)

    monkeypatch.setattr(lookback, "_from_year", counted)
    for today in (date(2025, 3, 1), date(2025, 12, 31), date(2026, 2, 10), TODAY):
        for text in PERIODS:
            period = parse_period(text, today)
            monkeypatch.setattr(lookback, "OPEN_ITEM_ROWS", -1000)  # always from the year
            monkeypatch.setattr(lookback, "kept_tally", kept)
            from_year = lookback.team_for(repo, members, period, today)
            monkeypatch.setattr(lookback, "kept_tally", lambda store, peer_id: None)
            every_row = lookback.team_for(repo, members, period, today)
            assert from_year == every_row, (today, text)
    assert len(read) >= 12  # (the periods that start after the history began)


def test_the_team_view_reads_no_row_over_all_time(repo, team, monkeypatch):
    for s in _history(team, 1, n=12):
        finish_session(repo, s, clock=repo.clock)
    period = parse_period("all", TODAY)
    expected = lookback.team_for(repo, [team["peer"]], parse_period("2020..2026", TODAY), TODAY)

    def no_rows(peer_id, **kwargs):
        if peer_id == team["peer"].id:
            raise AssertionError("the team view over all time read the rows")
        return []  # the other peer has no records, and so no tally

    monkeypatch.setattr(repo, "rows", no_rows)
    team_view = lookback.team_for(repo, [team["peer"]], period, TODAY)
    assert [team_view.peers[0].sessions] == [expected.peers[0].sessions]
    assert team_view.recurring_categories == expected.recurring_categories
    assert lookback.team_members(repo, supervisor=team["sup"]) == [team["peer"]]


def _edit_peer_json(repo, peer_id, edit) -> None:
    path = repo.root / peer_file(peer_id)
    data = orjson.loads(path.read_bytes())
    edit(data)
    path.write_bytes(orjson.dumps(data))
    repo._dbs.clear()


def test_check_finds_a_wrong_team_tally_and_repair_rebuilds_it(repo, team):
    peer_id = team["peer"].id
    for s in _history(team, 2, n=10):
        finish_session(repo, s, clock=repo.clock)
    right = repo.team_tally(peer_id)

    def damage(data):
        data[TEAM][TEAM]["days"] = data[TEAM][TEAM]["days"][1:]
        data[TEAM][TEAM]["fits"] += 3

    _edit_peer_json(repo, peer_id, damage)
    report = check(repo.root)
    assert peer_id in report.repairable and not report.ok
    repair(repo, report.repairable)
    assert repo.team_tally(peer_id) == right
    assert check(repo.root).ok


def test_a_tally_of_the_wrong_shape_is_a_damaged_file(repo, team):
    from supervise_tui.store.errors import DamagedFile

    peer_id = team["peer"].id
    finish_session(repo, make_session(team), clock=repo.clock)
    _edit_peer_json(repo, peer_id, lambda data: data[TEAM][TEAM].update(days=["x"]))
    with pytest.raises(DamagedFile):
        repo.team_tally(peer_id)
    assert not check(repo.root).ok


def test_damaged_text_elsewhere_in_peer_json_keeps_the_team_figures_and_check_names_it(repo, team):
    """The team view reads only the team tally of peer.json (store/peek.py): a damaged
    character in an open item's text does not hide the peer's figures; `supervise check`
    and the read of the open items still name the file."""
    from supervise_tui.store.errors import DamagedFile

    peer_id = team["peer"].id
    for s in _history(team, 5, n=8):
        finish_session(repo, s, clock=repo.clock)
    period = parse_period("all", TODAY)
    before = lookback.team_for(repo, [team["peer"]], period, TODAY).peers[0]
    path = repo.root / peer_file(peer_id)
    data = orjson.loads(path.read_bytes())
    assert data["goals"], "the history leaves an open goal"
    data["goals"][next(iter(data["goals"]))]["text"] = "MARK"
    path.write_bytes(orjson.dumps(data).replace(b"MARK", b"caf\xe9"))  # not UTF-8
    repo._dbs.clear()
    assert lookback.team_for(repo, [team["peer"]], period, TODAY).peers[0] == before
    report = check(repo.root)
    assert not report.ok and any(peer_file(peer_id) in problem for problem in report.problems)
    with pytest.raises(DamagedFile, match="peer.json"):
        repo.open_tracks(peer_id)


def test_records_kept_before_the_tally_are_counted_from_the_rows_then_kept(repo, team):
    peer_id = team["peer"].id
    sessions = _history(team, 3, n=12)
    for s in sessions[:-1]:
        finish_session(repo, s, clock=repo.clock)
    _edit_peer_json(repo, peer_id, lambda data: data.pop(TEAM))
    assert repo.team_tally(peer_id) is None
    assert check(repo.root).ok  # not kept yet is not a fault
    period = parse_period("all", TODAY)
    view = lookback.team_for(repo, [team["peer"]], period, TODAY)
    assert view.peers[0].sessions == 11
    finish_session(repo, sessions[-1], clock=repo.clock)  # the next save keeps it
    assert repo.team_tally(peer_id) == _from_scratch(repo, peer_id)
    assert lookback.team_for(repo, [team["peer"]], period, TODAY).peers[0].sessions == 12
