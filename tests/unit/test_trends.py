"""Trend figures against hand-made histories with known answers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from supervise_tui.domain.enums import (
    Cadence,
    ConcernCategory,
    ConcernStatus,
    FeedbackKey,
    Fit,
    GoalArea,
    GoalStatus,
    RatingKey,
    Role,
    SessionKind,
)
from supervise_tui.domain.models import (
    Action,
    ActionUpdate,
    Concern,
    ConcernUpdate,
    Goal,
    GoalUpdate,
    Person,
    Rating,
    RoleItem,
    Session,
    Strength,
)
from supervise_tui.domain.rows import row_of, tracks_from_rows
from supervise_tui.domain.tracks import Tracks, apply_session
from supervise_tui.services import trends
from supervise_tui.services.periods import parse_period
from supervise_tui.services.team import raised_in, team_row, team_trends
from supervise_tui.services.trends import direction

TODAY = date(2026, 11, 22)
PEER = Person(
    "Jordan Ellery",
    Role.PEER,
    "Maple Court",
    cadence=Cadence.WEEKLY,
    id="peer",
    created_at=datetime(2026, 1, 5, tzinfo=UTC),  # supervised all year
)
ALL = parse_period("all", TODAY)


def session(day: date, sid: str, **ratings) -> Session:
    s = Session("peer", ["sup"], SessionKind.WEEKLY, datetime.combine(day, datetime.min.time()))
    s.id = sid
    for key, value in ratings.items():
        s.checkin.ratings[RatingKey(key)] = Rating(value)
    return s


def peer_trends(person, sessions, tracks, period, today, **kwargs):
    """The figures from the sessions' light rows, as the app computes them, checked to
    equal the figures from the items folded from the light rows alone."""
    facts_list = [row_of(s) for s in sessions]
    result = trends.peer_trends(person, facts_list, tracks, period, today, **kwargs)
    light = tracks_from_rows(person.id, facts_list)
    assert trends.peer_trends(person, facts_list, light, period, today, **kwargs) == result
    # The team view's row says exactly what the full figures say.
    row = team_row(person, facts_list, light, period, today, **kwargs)
    clarity = dataclasses.replace(result.ratings[RatingKey.ROLE_CLARITY], points=[])
    assert (row.sessions, row.cadence, row.role_clarity) == (
        result.sessions,
        result.cadence,
        clarity,  # all but the points, which the team view does not show
    )
    assert (row.open_concerns, row.median_days_to_resolve) == (
        result.concerns.still_open,
        result.concerns.median_days_to_resolve,
    )
    assert (row.drifting_share, row.stalled_goals, row.supervisor_actions) == (
        result.role.drifting_share,
        result.goals.stalled,
        result.actions["supervisor"],
    )
    return result


def build(sessions: list[Session]):
    tracks = Tracks()
    for s in sorted(sessions, key=lambda s: s.when):
        apply_session(tracks, s)
    return tracks


def test_direction_rules():
    assert direction([]) == "not enough data"
    assert direction([3]) == "not enough data"
    assert direction([2, 3]) == "improving"
    assert direction([3, 3, 3]) == "steady"
    assert direction([4, 3, 3]) == "falling"
    assert direction([2, 2, 4, 4]) == "improving"
    assert direction([3, 3, 3, 4]) == "improving"  # halves 3.0 and 3.5: +0.5
    assert direction([3, 3, 3.5, 3.4]) == "steady"  # +0.45


def test_empty_history():
    t = peer_trends(PEER, [], Tracks(), ALL, TODAY)
    assert t.sessions == 0
    assert t.ratings[RatingKey.ROLE_CLARITY].direction == "not enough data"
    assert t.concerns.opened == 0 and t.concerns.median_days_to_resolve is None
    assert t.role.drifting_share is None and t.goals.active == 0
    assert t.cadence.held == 0 and t.cadence.longest_gap_days is None
    assert t.strengths == []


def test_one_session():
    s = session(date(2026, 11, 3), "s1", role_clarity=3)
    t = peer_trends(PEER, [s], build([s]), ALL, TODAY)
    assert t.sessions == 1
    assert t.ratings[RatingKey.ROLE_CLARITY].points == [(date(2026, 11, 3), 3)]
    assert t.ratings[RatingKey.ROLE_CLARITY].direction == "not enough data"
    assert t.cadence.days_since_last == 19


def test_ratings_over_time_in_date_order_even_when_given_out_of_order():
    s = [
        session(date(2026, 11, d), f"s{d}", role_clarity=v, workload=w)
        for d, v, w in ((17, 4, 2), (3, 2, 4), (10, 3, 3))
    ]
    t = peer_trends(PEER, s, build(s), ALL, TODAY)
    rc = t.ratings[RatingKey.ROLE_CLARITY]
    assert [v for _, v in rc.points] == [2, 3, 4]
    assert rc.direction == "improving" and rc.latest == 4 and rc.average == 3.0
    assert t.ratings[RatingKey.WORKLOAD].direction == "falling"
    assert t.ratings[RatingKey.SUPPORTED].points == []


def test_concern_figures_with_known_answers():
    s1 = session(date(2026, 9, 1), "s1")
    s1.concerns += [
        Concern("forms", ConcernCategory.WORKLOAD, id="c1"),
        Concern("stigma", ConcernCategory.TEAM_CULTURE, id="c2"),
        Concern("more forms", ConcernCategory.WORKLOAD, id="c3"),
    ]
    s2 = session(date(2026, 9, 8), "s2")
    s2.concern_updates.append(ConcernUpdate("c1", ConcernStatus.RESOLVED, "fixed"))  # 7 days
    s3 = session(date(2026, 9, 15), "s3")
    s3.concern_updates.append(ConcernUpdate("c2", ConcernStatus.RESOLVED, "talked"))
    s4 = session(date(2026, 9, 22), "s4")
    s4.concern_updates.append(ConcernUpdate("c2", ConcernStatus.OPEN, "back again"))  # reopened
    s5 = session(date(2026, 10, 6), "s5")
    s5.concern_updates.append(ConcernUpdate("c2", ConcernStatus.RESOLVED, "for good"))  # 35 d
    s5.concerns.append(Concern("room", ConcernCategory.ORGANISATIONAL, id="c4"))
    sessions = [s5, s3, s1, s4, s2]  # out of order on purpose
    t = peer_trends(PEER, sessions, build(sessions), ALL, TODAY)
    c = t.concerns
    assert (c.opened, c.resolved, c.still_open) == (4, 2, 2)
    assert c.opened_per_month == {"2026-09": 3, "2026-10": 1}
    assert c.resolved_per_month == {"2026-09": 1, "2026-10": 1}
    assert c.median_days_to_resolve == 21.0  # (7 + 35) / 2
    assert c.longest_days_to_resolve == 35
    # c3 was carried into s2, s3, s4, s5 (4 sessions); c2 into s2, s3, s5 (not s4: it
    # was resolved before s4's day) -> 3; c1 into s2 only; c4 into none.
    assert c.carried_over_more_than_two == 2
    assert c.top_categories[0] == (ConcernCategory.WORKLOAD, 2)
    # a period that ends before c2's final resolution: it is still open then
    sept = parse_period("2026-09-01..2026-09-30", TODAY)
    c = peer_trends(PEER, sessions, build(sessions), sept, TODAY).concerns
    assert (c.opened, c.resolved, c.still_open) == (3, 1, 2)


def test_role_drift_share_and_recurring_activities():
    s1 = session(date(2026, 11, 3), "s1")
    s1.role_items += [
        RoleItem("Front desk", fit=Fit.DRIFTING),
        RoleItem("Group", fit=Fit.IN_ROLE),
        RoleItem("Calls", fit=Fit.UNSURE),
        RoleItem("Med logs", fit=Fit.DRIFTING),
    ]
    s2 = session(date(2026, 11, 10), "s2")
    s2.role_items += [RoleItem("front  DESK", fit=Fit.DRIFTING), RoleItem("Group", fit=Fit.IN_ROLE)]
    s3 = session(date(2026, 11, 17), "s3")  # no role items: not counted
    t = peer_trends(PEER, [s1, s2, s3], build([s1, s2, s3]), ALL, TODAY)
    assert [(p.day.day, p.activities, p.drifting, p.unsure) for p in t.role.per_session] == [
        (3, 4, 0.5, 0.25),
        (10, 2, 0.5, 0.0),
    ]
    assert t.role.drifting_share == 0.5  # 3 of 6
    assert t.role.recurring_drift == [("Front desk", 2)]


def test_goals_active_completed_stalled_and_progress():
    s1 = session(date(2026, 10, 1), "s1")
    s1.goals += [
        Goal("Lead a call", GoalArea.COP_LEAD, progress=10, id="g1"),
        Goal("Conference", GoalArea.CONFERENCE, progress=0, id="g2"),
        Goal("Training", GoalArea.TRAINING, progress=50, id="g3"),
    ]
    later = []
    for i, day in enumerate((8, 15, 22, 29)):
        s = session(date(2026, 10, day), f"s{i + 2}")
        if day == 8:
            s.goal_updates.append(GoalUpdate("g1", 40, GoalStatus.ACTIVE))
            s.goal_updates.append(GoalUpdate("g3", 100, GoalStatus.ACTIVE))  # completes it
        later.append(s)
    sessions = [s1, *later]
    t = peer_trends(PEER, sessions, build(sessions), ALL, TODAY)
    g = t.goals
    assert (g.active, g.completed) == (2, 1)
    # g1 rose on 8 Oct, then 15, 22, 29 Oct brought nothing: 3 sessions -> stalled.
    # g2 was set on 1 Oct and never moved: 4 sessions -> stalled.
    assert g.stalled == 2
    lines = {line.text: line for line in g.goals}
    assert lines["Lead a call"].points == [(date(2026, 10, 1), 10), (date(2026, 10, 8), 40)]
    assert lines["Training"].status == GoalStatus.COMPLETED and lines["Training"].progress == 100
    short = peer_trends(PEER, sessions, build(sessions), ALL, TODAY, stall_after=5)
    assert short.goals.stalled == 0


def test_actions_split_by_owner():
    s1 = session(date(2026, 11, 2), "s1")
    s1.actions += [
        Action("peer on time", "peer", due=date(2026, 11, 9), id="a1"),
        Action("sup late", "sup", due=date(2026, 11, 9), id="a2"),
        Action("sup open overdue", "sup", due=date(2026, 11, 9), id="a3"),
        Action("peer open not due", "peer", due=date(2026, 12, 9), id="a4"),
        Action("sup no due done", "sup", id="a5"),
    ]
    s2 = session(date(2026, 11, 16), "s2")
    s2.action_updates += [
        ActionUpdate("a1", done_on=date(2026, 11, 8)),
        ActionUpdate("a2", done_on=date(2026, 11, 12)),
        ActionUpdate("a5", done_on=date(2026, 11, 16)),
    ]
    t = peer_trends(PEER, [s1, s2], build([s1, s2]), ALL, TODAY)
    peer, sup = t.actions["peer"], t.actions["supervisor"]
    assert (peer.on_time, peer.late, peer.open, peer.overdue) == (1, 0, 1, 0)
    assert (sup.on_time, sup.late, sup.open, sup.overdue) == (1, 1, 1, 1)


def test_strengths_feedback_and_cadence():
    days = [date(2026, 10, 6), date(2026, 10, 13), date(2026, 11, 3), date(2026, 11, 10)]
    sessions = []
    for i, day in enumerate(days):
        s = session(day, f"s{i}")
        s.strengths.append(Strength("Listening" if i % 2 == 0 else "listening "))
        if i == 3:
            s.strengths.append(Strength("Advocacy"))
        s.feedback.ratings[FeedbackKey.ADVOCATES] = [2, 3, 4, 4][i]
        sessions.append(s)
    period = parse_period("2026-10-01..2026-11-15", TODAY)
    t = peer_trends(PEER, sessions, build(sessions), period, TODAY)
    assert t.strengths == [("Listening", 4), ("Advocacy", 1)]
    assert t.feedback[FeedbackKey.ADVOCATES].direction == "improving"
    assert t.feedback[FeedbackKey.UNDERSTANDS_ROLE].points == []
    assert t.cadence.held == 4
    assert t.cadence.expected == 7  # weekly from Thu 1 Oct to Sun 15 Nov
    assert t.cadence.longest_gap_days == 21


def test_team_view_and_recurring_categories():
    people = {
        "p1": Person("A", Role.PEER, id="p1"),
        "p2": Person("B", Role.PEER, id="p2"),
        "p3": Person("C", Role.PEER, id="p3"),
    }
    tracks = {}
    rows = []
    for pid, cats in (
        ("p1", [ConcernCategory.WORKLOAD, ConcernCategory.ORGANISATIONAL]),
        ("p2", [ConcernCategory.WORKLOAD, ConcernCategory.WORKLOAD]),
        ("p3", [ConcernCategory.SELF_CARE]),
    ):
        s = Session(pid, ["sup"], SessionKind.WEEKLY, datetime(2026, 11, 3, 10))
        s.concerns += [Concern("x", cat) for cat in cats]
        tracks[pid] = build([s])
        rows.append(team_row(people[pid], [row_of(s)], tracks[pid], ALL, TODAY))
    team = team_trends(rows, ALL, {pid: raised_in(t, ALL) for pid, t in tracks.items()})
    assert [(r.category, r.peers, r.concerns) for r in team.recurring_categories] == [
        (ConcernCategory.WORKLOAD, 2, 3)
    ]
    assert len(team.peers) == 3


def test_sessions_are_expected_only_since_supervision_began():
    newcomer = Person(
        "Avery Quinn",
        Role.PEER,
        cadence=Cadence.WEEKLY,
        created_at=datetime(2026, 9, 1, tzinfo=UTC),
    )
    sessions = [
        session(date(2026, 9, 7) + (date(2026, 9, 14) - date(2026, 9, 7)) * i, f"s{i}")
        for i in range(11)
    ]
    year = parse_period("last 12 months", TODAY)
    t = peer_trends(newcomer, sessions, build(sessions), year, TODAY)
    # Weekly from 1 Sep (added) to 22 Nov: 12 weeks, not the 52 of a whole year.
    assert t.cadence.held == 11 and t.cadence.expected == 12
    # Sessions recorded from before the peer was added to the app count from the first one.
    moved = Person("Avery Quinn", Role.PEER, created_at=datetime(2026, 11, 20, tzinfo=UTC))
    assert peer_trends(moved, sessions, build(sessions), year, TODAY).cadence.expected == 11
    # Nobody owes sessions before they were added.
    empty = peer_trends(newcomer, [], Tracks(), year, TODAY)
    assert empty.cadence.expected == 12 and empty.cadence.held == 0
