"""Format 2: light session rows, open and settled items, and saves that stay small."""

from __future__ import annotations

import dataclasses
import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from supervise_tui.domain.enums import (
    ConcernCategory,
    ConcernStatus,
    FeedbackKey,
    Fit,
    GoalArea,
    GoalStatus,
    RatingKey,
    Role,
    SessionStatus,
)
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import (
    Action,
    ActionUpdate,
    Concern,
    ConcernUpdate,
    Goal,
    GoalUpdate,
    Rating,
    RoleItem,
    Strength,
)
from supervise_tui.domain.rows import row_of, row_to_data, tracks_from_rows
from supervise_tui.domain.tracks import fold_sessions
from supervise_tui.store import journal
from supervise_tui.store.check import check
from supervise_tui.store.errors import DamagedFile
from supervise_tui.store.folder import open_folder
from supervise_tui.store.layout import copy_file
from supervise_tui.store.rows import decode_rows, row_from_doc
from supervise_tui.usecases.maintenance import repair
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.sessions import (
    awaiting_signoff,
    finish_session,
    review_for,
    sign_session,
)

from ..conftest import fixed_clock, keep_sessions, make_session, on_both_backends


def rich_session(team, when=datetime(2026, 11, 17, 10, 0)):
    s = make_session(team, when=when)
    s.checkin.ratings[RatingKey.ROLE_CLARITY] = Rating(4, "clear this week")
    s.checkin.ratings[RatingKey.WORKLOAD] = Rating(None)
    s.feedback.ratings[FeedbackKey.FOLLOWED_UP] = 5
    s.role_items += [
        RoleItem("  Driving   residents to appointments ", fit=Fit.DRIFTING),
        RoleItem("Sharing my story at group", fit=Fit.IN_ROLE),
    ]
    s.strengths.append(Strength("  Calm  listening ", "stayed with a resident"))
    s.concerns.append(Concern("rota clash", ConcernCategory.WORKLOAD, status=ConcernStatus.OPEN))
    s.goals.append(Goal("Co-lead a group", GoalArea.TRAINING, progress=20))
    s.actions.append(Action("Book training", team["peer"].id, due=date(2026, 11, 30)))
    return s


def test_light_row_round_trips_through_json(team):
    s = rich_session(team)
    facts = row_of(s)
    stored = orjson.loads(orjson.dumps(row_to_data(facts)))
    assert row_from_doc(s.id, stored) == facts
    (decoded,) = decode_rows(orjson.dumps({"sessions": {s.id: row_to_data(facts)}}))
    assert decoded == facts and decoded.id == s.id and decoded.day == s.day
    assert facts.fits[0] == (Fit.DRIFTING, "Driving residents to appointments")
    assert facts.fits[1] == (Fit.IN_ROLE, "")  # only a drifting activity's words are kept
    assert facts.strengths == ["Calm listening"]
    assert "rota clash" not in orjson.dumps(row_to_data(facts)).decode()  # no concern text


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d.pop("when"),
        lambda d: d.update(when=12),
        lambda d: d.update(kind="tea"),
        lambda d: d.update(ratings={"role_clarity": "four"}),
        lambda d: d.update(ratings={"mood": 3}),
        lambda d: d.update(new_concerns=[["id", "workload"]]),
        lambda d: d.update(new_actions=[["id", "owner", "soon", None]]),
        lambda d: d.update(goal_updates=[["id", True, "active"]]),
        lambda d: d.update(strengths=[3]),
        lambda d: d.update(fits=[["drifting", "A private sentence"], ["sideways", "x"]]),
    ],
)
def test_a_damaged_light_row_is_refused_with_its_place(team, spoil):
    data = orjson.loads(orjson.dumps(row_to_data(row_of(rich_session(team)))))
    spoil(data)
    with pytest.raises(ValidationError) as caught:
        row_from_doc("row-1", data)
    assert caught.value.field == "index.row-1"
    with pytest.raises(ValidationError) as caught:
        decode_rows(orjson.dumps({"sessions": {"row-1": data}}))
    assert "$" in caught.value.field  # the place in the file
    for value in ("four", "A private sentence", "soon", "tea", "sideways"):
        assert value not in caught.value.message  # never a record's contents


def random_history(team, rng: random.Random, n: int = 40):
    sessions, open_concerns, open_goals, open_actions = [], [], [], []
    when = datetime(2024, 1, 2, 10)
    for w in range(n):
        when += timedelta(days=rng.choice([3, 7, 7, 14, 30]))
        s = make_session(team, when=when)
        s.id = f"s{w:03d}"
        s.status = SessionStatus.ACKNOWLEDGED
        if open_concerns and rng.random() < 0.5:
            status = rng.choice([ConcernStatus.RESOLVED, ConcernStatus.IN_PROGRESS])
            s.concern_updates.append(ConcernUpdate(rng.choice(open_concerns), status))
        if rng.random() < 0.5:
            c = Concern("c", rng.choice(list(ConcernCategory)), status=ConcernStatus.OPEN)
            s.concerns.append(c)
            open_concerns.append(c.id)
        if open_goals and rng.random() < 0.5:
            s.goal_updates.append(
                GoalUpdate(
                    rng.choice(open_goals), rng.randint(0, 100), rng.choice(list(GoalStatus))
                )
            )
        if rng.random() < 0.3:
            g = Goal(f"goal {w}", GoalArea.TRAINING, progress=rng.randint(0, 50))
            s.goals.append(g)
            open_goals.append(g.id)
        if open_actions and rng.random() < 0.6:
            done = s.day if rng.random() < 0.8 else None
            s.action_updates.append(ActionUpdate(rng.choice(open_actions), done_on=done))
        if rng.random() < 0.5:
            a = Action("a", rng.choice([team["peer"].id, team["sup"].id]), due=s.day + timedelta(7))
            s.actions.append(a)
            open_actions.append(a.id)
        sessions.append(s)
    return sessions


@pytest.mark.parametrize("seed", range(8))
def test_items_folded_from_light_rows_match_the_full_fold(team, seed):
    sessions = random_history(team, random.Random(seed))
    rng = random.Random(seed)
    shuffled = sessions[:]
    rng.shuffle(shuffled)
    full = fold_sessions(shuffled)
    light = tracks_from_rows(team["peer"].id, [row_of(s) for s in shuffled])
    assert full.concerns.keys() == light.concerns.keys()
    for cid, track in full.concerns.items():
        other = light.concerns[cid]
        assert (track.raised_on, track.base.category, track.resolved_on, track.is_open) == (
            other.raised_on,
            other.base.category,
            other.resolved_on,
            other.is_open,
        )
        assert [(g.on, g.session_id, g.update.status) for g in track.updates] == [
            (g.on, g.session_id, g.update.status) for g in other.updates
        ]
    for gid, track in full.goals.items():
        a, b = track.current, light.goals[gid].current
        assert (a.text, a.status, a.progress) == (b.text, b.status, b.progress)
    for aid, track in full.actions.items():
        a, b = track.current, light.actions[aid].current
        assert (a.owner, a.due, a.done_on) == (b.owner, b.due, b.done_on)


def test_a_save_rewrites_only_the_files_of_its_year(repo, team, data_dir, monkeypatch):
    sessions = random_history(team, random.Random(1), n=60)  # 2024 to 2026
    keep_sessions(repo, team["peer"].id, sessions)
    report = check(data_dir)
    assert report.ok, report.problems
    written = []
    real = journal.stage_bytes

    def spy(root, rel, data, before, *flusher):
        written.append(rel)
        return real(root, rel, data, before, *flusher)

    monkeypatch.setattr(journal, "stage_bytes", spy)
    s = rich_session(team, when=datetime(2026, 11, 20, 9))
    finish_session(repo, s, clock=repo.clock)
    peer = f"peers/{team['peer'].id}"
    assert sorted(written) == sorted(  # and Home's copy of its tally, in the same commit
        [
            f"{peer}/peer.json",
            f"{peer}/index-2026.json",
            f"{peer}/sessions-2026.json",
            copy_file(team["peer"].id),  # one of the copy's 16 files, small
        ]
    )
    assert check(data_dir).ok


def test_settled_items_move_aside_and_come_back_when_reopened(repo, team, data_dir):
    peer = data_dir / "peers" / team["peer"].id
    first = rich_session(team, when=datetime(2025, 6, 3, 10))
    finish_session(repo, first, clock=repo.clock)
    concern_id = first.concerns[0].id

    def where() -> list[str]:
        found = []
        for path in sorted(peer.glob("*.json")):
            if concern_id in orjson.loads(path.read_bytes()).get("concerns", {}):
                found.append(path.name)
        return found

    assert where() == ["peer.json"]
    resolve = make_session(team, when=datetime(2026, 1, 13, 10))
    resolve.concern_updates.append(ConcernUpdate(concern_id, ConcernStatus.RESOLVED, "sorted"))
    finish_session(repo, resolve, clock=repo.clock)
    assert where() == ["closed-2025.json"]  # by the year it was raised
    assert repo.tallies()[team["peer"].id].open_concerns == 0
    assert concern_id not in review_for(repo, team["peer"].id).concerns
    assert repo.tracks(team["peer"].id).concerns[concern_id].resolved_on == date(2026, 1, 13)
    assert check(data_dir).ok
    # Signing the session that raised it leaves the settled item where it is, whole.
    sign_session(repo, first, team["sup"].id, clock=repo.clock)
    assert where() == ["closed-2025.json"]
    assert len(repo.tracks(team["peer"].id).concerns[concern_id].updates) == 1
    assert check(data_dir).ok
    reopen = make_session(team, when=datetime(2026, 11, 17, 10))
    reopen.concern_updates.append(ConcernUpdate(concern_id, ConcernStatus.OPEN, "back again"))
    finish_session(repo, reopen, clock=repo.clock)
    assert where() == ["peer.json"]
    assert repo.tallies()[team["peer"].id].open_concerns == 1
    assert check(data_dir).ok
    # Signing the old session re-files it without disturbing its items.
    sign_session(repo, first, team["peer"].id, clock=repo.clock)
    assert where() == ["peer.json"]
    assert check(data_dir).ok


@on_both_backends
def test_history_rows_and_counts_come_from_the_light_rows(repo, team):
    finish_session(repo, rich_session(team, when=datetime(2024, 3, 5, 10)), clock=repo.clock)
    finish_session(repo, rich_session(team, when=datetime(2026, 3, 3, 10)), clock=repo.clock)
    peer_id = team["peer"].id
    assert sorted(repo.years(peer_id)) == [2024, 2026]
    assert [f.when.year for f in repo.rows(peer_id, start=date(2025, 1, 1))] == [2026]
    assert repo.tallies()[peer_id].sessions == 2
    assert len(awaiting_signoff(repo, peer_id)) == 2


def test_a_stray_or_tampered_light_row_is_found_and_repaired(repo, team, data_dir):
    s = finish_session(repo, rich_session(team), clock=repo.clock)
    index = data_dir / "peers" / team["peer"].id / "index-2026.json"
    data = orjson.loads(index.read_bytes())
    data["sessions"][s.id]["ratings"]["role_clarity"] = 1
    index.write_bytes(orjson.dumps(data))
    repo.close()
    report = check(data_dir)
    assert not report.ok and report.repairable == [team["peer"].id]
    assert "index-2026.json" in report.problems[0]
    with open_folder(data_dir, clock=fixed_clock) as again:
        repair(again, report.repairable)
    assert check(data_dir).ok


def test_a_light_row_of_the_wrong_shape_is_named_as_damage(repo, team, data_dir):
    s = finish_session(repo, rich_session(team), clock=repo.clock)
    index = data_dir / "peers" / team["peer"].id / "index-2026.json"
    data = orjson.loads(index.read_bytes())
    data["sessions"][s.id]["when"] = "someday"
    index.write_bytes(orjson.dumps(data))
    repo.close()
    again = open_folder(data_dir, read_only=True, clock=fixed_clock)
    with pytest.raises(DamagedFile) as caught:
        again.rows(team["peer"].id)
    again.close()
    assert "index-2026.json" in str(caught.value)
    assert "someday" not in str(caught.value)


def test_people_are_parsed_once_per_version_and_cannot_be_changed_in_place(repo, team):
    first = repo.people()
    with pytest.raises(dataclasses.FrozenInstanceError):
        first[0].name = "Changed by a screen"  # so sharing them is safe
    assert repo.people()[0] is first[0]
    renamed = dataclasses.replace(repo.person(team["peer2"].id), name="Robin Okafor")
    save_person(repo, renamed, clock=repo.clock)
    assert "Robin Okafor" in [p.name for p in repo.people()]
    assert [p.name for p in repo.people(role=Role.SUPERVISOR)] == [
        "Dana Whitfield",
        "Marcus Oyelaran",
    ]


def test_leftover_temp_files_are_removed_where_the_app_writes_and_backups_are_left(
    repo, team, data_dir
):
    finish_session(repo, make_session(team), clock=repo.clock)
    repo.close()
    peer = data_dir / "peers" / team["peer"].id
    (peer / "drafts").mkdir(exist_ok=True)
    (data_dir / "backups" / "keep").mkdir(parents=True, exist_ok=True)
    left = [data_dir / ".people.json.x1.tmp", peer / "drafts" / ".d.x2.tmp", peer / ".p.tmp"]
    kept = data_dir / "backups" / "keep" / ".b.tmp"
    for path in [*left, kept]:
        path.write_text("{half")
    open_folder(data_dir, clock=fixed_clock, backup=False).close()
    assert not any(path.exists() for path in left)
    assert kept.exists()


@pytest.mark.parametrize("seed", range(6))
def test_the_team_row_says_what_the_full_trends_say(team, seed):
    from supervise_tui.domain.enums import RatingKey as RK
    from supervise_tui.services.periods import parse_period
    from supervise_tui.services.team import team_row
    from supervise_tui.services.trends import peer_trends

    sessions = random_history(team, random.Random(seed), n=70)
    rng = random.Random(seed)
    for s in sessions:
        s.checkin.ratings[RK.ROLE_CLARITY] = Rating(rng.choice([None, 1, 2, 3, 4, 5]))
        s.role_items.append(RoleItem("x", fit=rng.choice(list(Fit))))
    facts = [row_of(s) for s in sessions]
    tracks = tracks_from_rows(team["peer"].id, facts)
    today = date(2026, 11, 22)
    for text in ("all", "last 90 days", "2025", "since March"):
        period = parse_period(text, today)
        full = peer_trends(team["peer"], facts, tracks, period, today)
        row = team_row(team["peer"], facts, tracks, period, today)
        assert row.cadence == full.cadence and row.sessions == full.sessions
        clarity = full.ratings[RK.ROLE_CLARITY]  # the team row has no points: only these
        assert row.role_clarity.points == []
        assert (row.role_clarity.direction, row.role_clarity.latest) == (
            clarity.direction,
            clarity.latest,
        )
        assert row.role_clarity.average == clarity.average
        assert row.open_concerns == full.concerns.still_open
        assert row.median_days_to_resolve == full.concerns.median_days_to_resolve
        assert row.drifting_share == full.role.drifting_share
        assert row.stalled_goals == full.goals.stalled
        assert row.supervisor_actions == full.actions["supervisor"]


FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_a_format_1_folder_is_upgraded_once_with_word_first(tmp_path):
    folder = tmp_path / "v1"
    shutil.copytree(FIXTURES / "v1-folder", folder)
    report = check(folder)
    assert not report.ok and "older format (1)" in report.problems[0]
    told: list[str] = []
    with open_folder(folder, clock=fixed_clock, on_upgrade=told.append) as repo:
        (peer,) = repo.people(role=Role.PEER)
        assert len(repo.rows(peer.id)) == len(repo.sessions(peer.id)) == 1
        peer_json = orjson.loads((folder / "peers" / peer.id / "peer.json").read_bytes())
        assert "sessions" not in peer_json and peer_json["years"]
    assert len(told) == 1 and "Upgrading" in told[0] and "backup" in told[0]
    assert check(folder).ok
    open_folder(folder, clock=fixed_clock, on_upgrade=told.append).close()
    assert len(told) == 1  # once


def test_a_damaged_record_stops_the_upgrade_with_the_file_named(tmp_path):
    from supervise_tui.store.errors import DamagedFile

    folder = tmp_path / "v1"
    shutil.copytree(FIXTURES / "v1-folder", folder)
    (shard,) = (folder / "peers").rglob("sessions-*.json")
    data = orjson.loads(shard.read_bytes())
    for doc in data["sessions"].values():
        doc["when"] = "a private sentence"
    shard.write_bytes(orjson.dumps(data))
    with pytest.raises(DamagedFile) as caught:
        open_folder(folder, clock=fixed_clock)
    assert shard.name in str(caught.value)
    assert "private" not in str(caught.value)
    meta = orjson.loads((folder / "meta.json").read_bytes())
    assert meta["schema_version"] == 1  # not marked upgraded: the next open tries again
