"""Group sessions and community-of-practice calls: the rules, the rotation, each peer's
copy in the store (on both backends, and sealed with each peer's key), the command line."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import orjson
import pytest

from supervise_tui.cli import main
from supervise_tui.domain.enums import GroupKind, Role
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.groups import GroupAction, GroupSession, copies_of, group_problem
from supervise_tui.domain.models import Person
from supervise_tui.services.merge import report_lines
from supervise_tui.services.rotation import rotation
from supervise_tui.store.check import check
from supervise_tui.store.errors import ChangedElsewhere, NoAccess, Refused
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.groups import (
    gathered,
    groups_of,
    record_group,
    remove_group,
    team_rotation,
)
from supervise_tui.usecases.people import delete_person, save_person

from ..conftest import FIXED_NOW, fixed_clock, folder_state, on_both_backends

WHEN = datetime(2026, 11, 20, 14, 0)


def call(team, **change) -> GroupSession:
    """A community-of-practice call Jordan led, Robin brought the case, Dana sat in."""
    group = GroupSession(
        kind=GroupKind.COP,
        when=WHEN,
        minutes=50,
        facilitator_id=team["peer"].id,
        attendee_ids=[team["peer"].id, team["peer2"].id],
        supervisor_ids=[team["sup"].id],
        pack_id="community-of-practice",
        case="A tenant who stopped opening the door",
        case_by=team["peer2"].id,
        practice="Knock, wait, leave a handwritten note",
        actions=[GroupAction("Share the note template", team["peer"].id)],
        words={
            team["peer"].id: {"learned": "Jordan's own lesson"},
            team["peer2"].id: {"learned": "Robin's own lesson"},
        },
    )
    return dataclasses.replace(group, **change)


def people_of(team) -> dict[str, Person]:
    return {p.id: p for p in team.values()}


# -- the rules ------------------------------------------------------------------------


def test_a_sound_call_keeps_every_rule(team):
    assert group_problem(call(team), people_of(team)) is None


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda t: {"attendee_ids": [t["peer"].id]}, "attendee_ids", "at least two peers"),
        (lambda t: {"facilitator_id": t["sup2"].id}, "facilitator_id", "one of those present"),
        (lambda t: {"facilitator_id": ""}, "facilitator_id", "who facilitated"),
        (
            lambda t: {"actions": [GroupAction("Call the landlord", t["sup2"].id)]},
            "actions[0].owner",
            "someone present",
        ),
        (lambda t: {"actions": [GroupAction(" ", t["peer"].id)]}, "actions[0].text", "action"),
        (lambda t: {"case": "  "}, "case", "case brought"),
        (lambda t: {"case_by": t["sup2"].id}, "case_by", "someone present"),
        (lambda t: {"minutes": 0}, "minutes", "1 to 720"),
        (lambda t: {"minutes": 721}, "minutes", "1 to 720"),
        (lambda t: {"supervisor_ids": [t["peer2"].id]}, "supervisor_ids", "both"),
        (lambda t: {"words": {t["sup"].id: {"learned": "x"}}}, "words", "peers present"),
    ],
)
def test_bad_input_is_one_plain_sentence_naming_its_field(team, change, field, words):
    problem = group_problem(call(team, **change(team)), people_of(team))
    assert problem is not None and problem.field == field
    assert words in str(problem) and str(problem).endswith(".") and "\n" not in str(problem)


def test_an_inactive_peer_cannot_attend_and_supervisors_must_be_supervisors(team):
    people = people_of(team)
    people[team["peer2"].id] = dataclasses.replace(team["peer2"], active=False)
    problem = group_problem(call(team), people)
    assert str(problem) == "Robin Takahashi is marked inactive and cannot attend."
    odd = call(team, supervisor_ids=["someone-else"])
    assert group_problem(odd, people_of(team)).field == "supervisor_ids"


def test_peers_may_meet_among_themselves_without_a_supervisor(team):
    assert group_problem(call(team, supervisor_ids=[]), people_of(team)) is None


def test_each_copy_holds_the_shared_fields_and_only_its_peers_words(team):
    jordan, robin = copies_of(call(team))
    assert (jordan.peer_id, robin.peer_id) == (team["peer"].id, team["peer2"].id)
    assert jordan.words == {team["peer"].id: {"learned": "Jordan's own lesson"}}
    assert robin.own_words() == {"learned": "Robin's own lesson"}
    assert jordan.attendee_ids == robin.attendee_ids and jordan.case == robin.case
    assert group_problem(jordan) is None
    mixed = dataclasses.replace(jordan, words=call(team).words)
    assert group_problem(mixed).field == "words"


# -- the rotation ---------------------------------------------------------------------


def test_the_rotation_suggests_whoever_led_least_recently_skipping_those_who_opt_out():
    ana, ben, cy, dee = (
        Person(n, Role.PEER) for n in ("Ana Lind", "Ben Ode", "Cy Moss", "Dee Ray")
    )
    sup = Person("Sam Vale", Role.SUPERVISOR)
    peers = [ana, ben, cy, dee]

    def led(who, days):
        return GroupSession(
            GroupKind.COP, WHEN - timedelta(days=days), 45, who.id, [ana.id, ben.id]
        )

    calls = [led(ana, 21), led(ben, 14), led(sup, 7), led(ana, 0)]
    turn = rotation(calls, peers, [*peers, sup])
    assert [c.name for c in turn.last] == ["Ana Lind", "Sam Vale", "Ben Ode"]  # newest first
    assert turn.next_name == "Cy Moss"  # never led: first; ties by name (Cy before Dee)
    cy_out = dataclasses.replace(cy, leads_calls=False)
    assert rotation(calls, [ana, ben, cy_out, dee], peers).next_name == "Dee Ray"
    gone = dataclasses.replace(dee, active=False)
    assert rotation(calls, [ana, ben, cy_out, gone], peers).next_name == "Ben Ode"
    removed = [dataclasses.replace(c, removed=object()) for c in calls]
    assert rotation(removed, peers, peers).last == []
    assert "next: Cy Moss." in turn.line() and turn.line().startswith("Last calls led by Ana")


def test_ties_in_when_go_to_whoever_led_fewest_times():
    ana, ben = Person("Ana Lind", Role.PEER), Person("Ben Ode", Role.PEER)
    calls = [
        GroupSession(GroupKind.COP, WHEN, 30, ana.id, [ana.id, ben.id]),
        GroupSession(GroupKind.COP, WHEN, 30, ben.id, [ana.id, ben.id]),
        GroupSession(GroupKind.COP, WHEN - timedelta(days=9), 30, ben.id, [ana.id, ben.id]),
    ]
    assert rotation(calls, [ana, ben], [ana, ben]).next_name == "Ana Lind"


# -- the store and the use cases --------------------------------------------------------


@on_both_backends
class TestGroupsKept:
    def test_recording_keeps_a_copy_for_each_peer_present(self, repo, team):
        kept = record_group(repo, call(team), clock=fixed_clock)
        jordan = repo.groups(team["peer"].id)
        robin = repo.groups(team["peer2"].id)
        assert [g.id for g in jordan] == [g.id for g in robin] == [kept.id]
        assert jordan[0].words == {team["peer"].id: {"learned": "Jordan's own lesson"}}
        assert "Jordan's own lesson" not in str(robin[0])
        assert robin[0].case == "A tenant who stopped opening the door"
        assert jordan[0].created_at == FIXED_NOW
        whole = gathered(repo, [team["peer"], team["peer2"]])
        assert len(whole) == 1 and set(whole[0].words) == {team["peer"].id, team["peer2"].id}
        assert repo.groups(team["peer"].id, start=date(2026, 11, 21)) == []

    def test_bad_input_writes_nothing(self, repo, team):
        with pytest.raises(ValidationError) as caught:
            record_group(repo, call(team, attendee_ids=[team["peer"].id]), clock=fixed_clock)
        assert str(caught.value) == "A group session needs at least two peers present."
        ahead = call(team, when=FIXED_NOW.replace(tzinfo=None) + timedelta(days=1))
        with pytest.raises(ValidationError, match="still ahead"):
            record_group(repo, ahead, clock=fixed_clock)
        assert repo.groups(team["peer"].id) == [] == repo.groups(team["peer2"].id)

    def test_removing_one_recorded_by_mistake_keeps_it_out_of_every_list(self, repo, team):
        kept = record_group(repo, call(team), clock=fixed_clock)
        gone = remove_group(repo, kept.id[:6], "Recorded twice", clock=fixed_clock)
        assert gone.removed.reason == "Recorded twice"
        assert groups_of(repo, team["peer"].id) == [] == groups_of(repo, team["peer2"].id)
        copies = repo.groups(team["peer2"].id)
        assert copies[0].removed is not None and copies[0].revisions == [kept.updated_at]
        assert copies[0].words == {team["peer2"].id: {"learned": "Robin's own lesson"}}
        with pytest.raises(ChangedElsewhere):
            repo.put_group(copies_of(kept), replaces=kept.updated_at)

    def test_a_person_named_in_a_group_session_cannot_be_deleted(self, repo, team):
        record_group(repo, call(team), clock=fixed_clock)
        for key in ("peer2", "sup"):
            with pytest.raises(Refused, match="cannot be deleted"):
                delete_person(repo, team[key].id)

    def test_the_rotation_reads_the_held_calls(self, repo, team):
        record_group(repo, call(team), clock=fixed_clock)
        turn = team_rotation(repo)
        assert [c.name for c in turn.last] == ["Jordan Ellery"]
        assert turn.next_name == "Robin Takahashi"
        save_person(repo, dataclasses.replace(team["peer2"], leads_calls=False), clock=fixed_clock)
        assert team_rotation(repo).next_name == "Jordan Ellery"
        assert repo.person(team["peer2"].id).leads_calls is False


def test_check_reads_the_copies_and_names_one_that_breaks_the_rules(repo, team, data_dir):
    kept = record_group(repo, call(team), clock=fixed_clock)
    repo.close()
    assert check(data_dir).ok and check(data_dir).groups == 2
    path = data_dir / "peers" / team["peer"].id / "groups-2026.json"
    data = orjson.loads(path.read_bytes())
    data["groups"][kept.id]["minutes"] = 5000
    path.write_bytes(orjson.dumps(data))
    assert f"group session {kept.id}: invalid (minutes)" in " ".join(check(data_dir).problems)
    assert path.stat().st_mode & 0o777 == 0o600


def test_in_an_encrypted_folder_each_copy_is_sealed_with_its_peers_key(locked_folder):
    from supervise_tui.usecases.security import sign_in

    from ..conftest import PASS

    folder, team, _ = locked_folder
    with open_folder(folder, clock=fixed_clock) as store:
        sign_in(store, "Dana Whitfield", PASS)  # the lead: she writes every peer's record
        record_group(store, call(team), clock=fixed_clock)
    for path in folder.rglob("groups-*.json"):
        assert b"own lesson" not in path.read_bytes() and b"tenant" not in path.read_bytes()
    with open_folder(folder, clock=fixed_clock) as store:
        sign_in(store, "Robin Takahashi", "Robin Takahashi own words here")
        (mine,) = groups_of(store, team["peer2"].id)
        assert mine.words == {team["peer2"].id: {"learned": "Robin's own lesson"}}
        with pytest.raises(NoAccess):
            store.groups(team["peer"].id)
        assert check(folder, store.codec).ok
        # a peer who did not lead it, or cannot write every attendee's record, records none
        with pytest.raises(Refused, match="supervisor"):
            record_group(store, call(team, when=WHEN - timedelta(days=7)), clock=fixed_clock)
        led = call(team, when=WHEN - timedelta(days=7), facilitator_id=team["peer2"].id)
        with pytest.raises(Refused, match="not in your records"):
            record_group(store, led, clock=fixed_clock)
        # who is next needs every peer's calls: a peer sees only theirs, so none is named
        turn = team_rotation(store)
        assert turn.partial and turn.next_id is None
        assert "who is next is for a lead" in turn.line()
    with open_folder(folder, clock=fixed_clock) as store:
        sign_in(store, "Dana Whitfield", PASS)  # the lead sees every peer: one fair answer
        turn = team_rotation(store)
        assert not turn.partial and turn.next_id == team["peer2"].id


def test_a_peer_records_only_a_call_they_led_in_a_folder_nobody_signs_in_to(repo, team):
    robin_led = call(team, facilitator_id=team["peer2"].id)
    with pytest.raises(Refused, match="by the peer who led it"):
        record_group(repo, robin_led, clock=fixed_clock, by=team["peer"].id)
    assert repo.groups(team["peer"].id) == []
    record_group(repo, call(team), clock=fixed_clock, by=team["peer"].id)  # Jordan led it
    assert len(repo.groups(team["peer2"].id)) == 1


def test_on_encrypted_records_a_peer_not_yours_is_said_so_on_the_command_line(
    locked_folder, capsys, monkeypatch
):
    folder, team, _ = locked_folder
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", "Robin Takahashi own words here")
    before = folder_state(folder)
    code = main(
        [
            "group", "--data-dir", str(folder), "--as", "Robin Takahashi", "--kind", "cop",
            "--peers", "Robin Takahashi,Jordan Ellery", "--facilitator", "Robin Takahashi",
            "--minutes", "30", "--case", "A case",
        ]
    )  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert "not in your records" in err and "There is no" not in err
    assert folder_state(folder) == before


# -- the command line -----------------------------------------------------------------


def test_the_command_line_records_lists_and_rotates(repo, team, data_dir, capsys):
    repo.close()
    base = ["--data-dir", str(data_dir)]
    line = [
        "group", *base, "--kind", "cop", "--peers", "Jordan Ellery, Robin Takahashi",
        "--facilitator", "Robin Takahashi", "--supervisor", "Dana Whitfield",
        "--when", "today 10:00", "--minutes", "40", "--case", "A neighbour dispute",
        "--case-by", "Jordan Ellery", "--words", "Jordan Ellery=Listen first",
        "--words", "Jordan Ellery : support=More role-play", "--words", "Robin Takahashi=Pace",
        "--action", "Dana Whitfield=Ask the agency about mediation",
    ]  # fmt: skip
    assert main(line, clock=fixed_clock) == 0
    assert "led by Robin Takahashi" in capsys.readouterr().out
    assert main(["groups", *base, "--json"], clock=fixed_clock) == 0
    (listed,) = orjson.loads(capsys.readouterr().out)
    assert listed["words"] == {
        "Jordan Ellery": {"learned": "Listen first", "support": "More role-play"},
        "Robin Takahashi": {"learned": "Pace"},
    }
    assert listed["actions"] == [
        {"text": "Ask the agency about mediation", "owner": "Dana Whitfield"}
    ]
    assert main(["rotation", *base], clock=fixed_clock) == 0
    said = capsys.readouterr().out
    assert said == "Last calls led by Robin Takahashi (Sun 22 Nov 2026); next: Jordan Ellery.\n"
    assert main(["rotation", *base, "--opt-out", "Jordan Ellery"], clock=fixed_clock) == 0
    assert main(["rotation", *base, "--json"], clock=fixed_clock) == 0
    assert orjson.loads(capsys.readouterr().out.split("\n", 1)[1])["next"] == "Robin Takahashi"
    assert main(["groups", *base], clock=fixed_clock) == 0
    assert "1 group session(s), 40 min in all." in capsys.readouterr().out
    assert main(["team", *base], clock=fixed_clock) == 0
    assert capsys.readouterr().out.endswith(
        "\nLast calls led by Robin Takahashi (Sun 22 Nov 2026); next: Robin Takahashi.\n"
    )  # (Jordan opted out above)
    assert main(["history", *base, "--peer", "Jordan Ellery"], clock=fixed_clock) == 0
    assert capsys.readouterr().out.endswith(
        "Group sessions and community-of-practice calls:\n"
        "  Sun 22 Nov 2026 10:00 · Community-of-practice call, 40 min, 2 peers, led by "
        "Robin Takahashi\n"
        "    What I learned, or what I will take back to my work: Listen first\n"
        "    What I would like from the group next time: More role-play\n"
    )  # (only Jordan's own words, never Robin's)


@pytest.mark.parametrize(
    ("extra", "code", "said"),
    [
        (["--peers", "Jordan Ellery"], 1, "at least two peers present."),
        (
            ["--peers", "Jordan Ellery,Robin Takahashi", "--facilitator", "Marcus Oyelaran"],
            1,
            "The facilitator must be one of those present.",
        ),
        (["--peers", "Jordan Ellery,Robin Takahashi", "--minutes", "0"], 1, "from 1 to 720"),
        (["--peers", "Jordan Ellery,Robin Takahashi", "--action", "nobody"], 2, "NAME=TEXT"),
        (
            ["--peers", "Jordan Ellery,Robin Takahashi", "--words", "Jordan Ellery:wish=x"],
            2,
            "this call's own questions are learned, support",
        ),
        (["--peers", "Jordan Ellery,Nobody Here"], 1, "Nobody Here"),
    ],
)
def test_bad_input_on_the_command_line_changes_nothing(
    repo, team, data_dir, capsys, extra, code, said
):
    repo.close()
    before = folder_state(data_dir, backups=False)
    line = ["group", "--data-dir", str(data_dir), "--kind", "group", "--facilitator",
            "Jordan Ellery", "--minutes", "30", "--case", "A rota clash", "--case-by",
            "Jordan Ellery", "--peers", "x"]  # fmt: skip
    line = line[:-2] + extra if "--peers" in extra else line
    for option in ("--facilitator", "--minutes"):
        if option in extra and option in line[: -len(extra)]:
            at = line.index(option)
            del line[at : at + 2]
    assert main(line, clock=fixed_clock) == code
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1
    assert folder_state(data_dir, backups=False) == before


def test_a_wrong_command_is_exit_code_two(data_dir, capsys):
    assert main(["group", "--data-dir", str(data_dir), "--kind", "cop"], clock=fixed_clock) == 2
    assert "needs --peers and --facilitator and --minutes" in capsys.readouterr().err


# -- bundles --------------------------------------------------------------------------


@on_both_backends
def test_copies_travel_in_a_bundle_and_a_second_import_changes_nothing(repo, team, tmp_path):
    import json

    from supervise_tui.services import bundle as bundles
    from supervise_tui.usecases.bundle_import import import_bundle

    from .test_transfer import bundle_bytes

    kept = record_group(repo, call(team), clock=fixed_clock)
    raw = bundle_bytes(repo)
    data = json.loads(raw)
    assert data["format_version"] == bundles.FORMAT_VERSION == 4
    assert sorted(g["peer_id"] for g in data["group_sessions"]) == sorted(
        [team["peer"].id, team["peer2"].id]
    )
    with open_folder(tmp_path / "other", clock=fixed_clock) as other:
        plan, _ = import_bundle(other, raw, clock=fixed_clock)  # as `supervise import` does
        assert plan.count("group", "added") == 2
        said = " ".join(report_lines(plan, dry_run=False))
        assert "Group sessions (a copy for each peer there): 2 added" in said
        assert other.groups(team["peer"].id) == repo.groups(team["peer"].id)
        assert other.groups(team["peer2"].id)[0].words == {
            team["peer2"].id: {"learned": "Robin's own lesson"}
        }
        again, _ = import_bundle(other, raw, clock=fixed_clock)
        assert again.changes_anything is False
        # a removal made there comes back here with the next bundle (merged by revisions)
        remove_group(other, kept.id, "Recorded twice", clock=fixed_clock)
        back = bundles.dumps(
            bundles.build_bundle(
                other.people(),
                [],
                site="",
                now=FIXED_NOW,
                groups=[g for p in ("peer", "peer2") for g in other.groups(team[p].id)],
            )
        )
    plan, _ = import_bundle(repo, back, clock=fixed_clock)
    assert plan.count("group", "updated") == 2
    assert groups_of(repo, team["peer"].id) == [] == groups_of(repo, team["peer2"].id)
    assert check(tmp_path / "other").ok


def test_a_format_3_bundle_still_imports_and_a_bad_copy_refuses_the_bundle(repo, team, tmp_path):
    import json

    from supervise_tui.services.bundle import BundleError

    from .test_transfer import bundle_bytes, import_into

    record_group(repo, call(team), clock=fixed_clock)
    data = json.loads(bundle_bytes(repo))
    older = {k: v for k, v in data.items() if k != "group_sessions"}
    older["format_version"] = 3
    for person in older["people"]:
        person.pop("leads_calls")  # (format 4)
    plan = import_into(tmp_path / "older", json.dumps(older).encode())
    assert plan.count("person", "added") == 3 and plan.count("group", "added") == 0
    with open_folder(tmp_path / "older", clock=fixed_clock) as other:
        assert other.person(team["peer"].id).leads_calls is True  # the default
    data["group_sessions"][0]["facilitator_id"] = "someone-not-there"
    with pytest.raises(BundleError) as caught:
        import_into(tmp_path / "bad", json.dumps(data).encode())
    assert "group_sessions[0].facilitator_id" in str(caught.value)
    mixed = json.loads(bundle_bytes(repo))
    mixed["group_sessions"][0]["words"] = call(team).words  # two peers' words in one copy
    with pytest.raises(BundleError, match="only that peer's own words"):
        import_into(tmp_path / "bad", json.dumps(mixed).encode())
    assert not (tmp_path / "bad" / "peers").exists()


# -- what it counts for: hours, the portfolio ------------------------------------------


@on_both_backends
def test_group_time_counts_for_each_peer_and_each_supervisor_present(repo, team):
    from supervise_tui.services.periods import parse_period
    from supervise_tui.usecases.hours import hours_for

    kept = record_group(repo, call(team), clock=fixed_clock)
    period = parse_period("this month", date(2026, 11, 22))
    lines = {h.name: h for h in hours_for(repo, period, date(2026, 11, 22), [])}
    assert (
        lines["Jordan Ellery"].minutes["group"] == 50 == lines["Robin Takahashi"].minutes["group"]
    )
    assert lines["Jordan Ellery"].groups == 1 and lines["Jordan Ellery"].total == 50
    dana = hours_for(repo, period, date(2026, 11, 22), [], supervisor=team["sup"])
    assert [h.minutes["group"] for h in dana] == [50, 50]  # Dana sat in
    assert hours_for(repo, period, date(2026, 11, 22), [], supervisor=team["sup2"]) == []
    remove_group(repo, kept.id, "Recorded twice", clock=fixed_clock)
    lines = hours_for(repo, period, date(2026, 11, 22), [])
    assert [h.minutes["group"] for h in lines] == [0, 0]


def test_leading_a_call_shows_in_the_peers_portfolio(repo, team):
    from supervise_tui.services.portfolio import portfolio_markdown
    from supervise_tui.usecases.portfolio import portfolio_of

    record_group(repo, call(team), clock=fixed_clock)
    led = portfolio_markdown(portfolio_of(repo, team["peer"]))
    assert (
        "## Calls facilitated\n\n- Fri 20 Nov 2026: Community-of-practice call, 2 peers, 50 min"
        in led
    )
    assert "## Calls facilitated\n\nNone led yet." in portfolio_markdown(
        portfolio_of(repo, team["peer2"])
    )


def test_the_built_in_group_pack_loads_and_a_broken_one_is_named(tmp_path):
    from pathlib import Path

    from supervise_tui.store.packs import load_library

    library = load_library(Path("/nonexistent-user-packs"))
    pack = library.for_group(GroupKind.GROUP)  # the call's pack serves group supervision too
    assert pack.id == "community-of-practice" and pack.kind == GroupKind.COP
    assert pack.asks("case").startswith("What situation") and pack.own[0].id == "learned"
    assert "community-of-practice" not in library.packs  # not offered for a 1:1 session
    (tmp_path / "mine.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nversion = 1\nkind = "group"\n'
        '[[shared]]\nid = "weather"\ntext = "How was it?"\nsource = "Ours"\n'
        '[[own]]\nid = "learned"\ntext = "What I learned"\nsource = "Ours"\n'
    )
    (problem,) = load_library(tmp_path).problems
    assert problem.field == "shared[0].id" and "case, practice, note" in problem.message


def test_on_a_server_each_login_reads_only_the_copies_it_may(agency):
    from supervise_tui.store.postgres import open_server

    jordan, robin = agency["peer"][0], agency["peer2"][0]
    with open_server(agency["peer2"][1], clock=fixed_clock) as store:
        (mine,) = groups_of(store, robin.id)
        assert mine.words == {robin.id: {"learned": "Robin's words"}}
        assert store.groups(jordan.id) == []  # Jordan's copy is not Robin's to read
    with open_server(agency["sup"][1], clock=fixed_clock) as store:  # Dana: Jordan's only
        assert [g.peer_id for g in gathered(store, [jordan, robin])] == [""]
        assert gathered(store, [jordan, robin])[0].words == {
            jordan.id: {"learned": "Jordan's words"}
        }
        again = call({"peer": jordan, "peer2": robin, "sup": agency["sup"][0]}, supervisor_ids=[])
        with pytest.raises(Refused, match="not in your records"):
            record_group(store, again, clock=fixed_clock)
    with open_server(agency["lead"][1], clock=fixed_clock) as store:
        assert team_rotation(store).next_name == "Robin Takahashi"


def test_a_peers_markdown_record_lists_their_group_sessions_with_their_words_only(repo, team):
    from supervise_tui.usecases.export import export_bytes

    record_group(repo, call(team), clock=fixed_clock)
    raw, _ = export_bytes(
        repo, "md", peer="Robin Takahashi", today=date(2026, 11, 22), now=FIXED_NOW
    )
    text = raw.decode()
    assert "## Group sessions and community-of-practice calls (1)" in text
    assert "- Fri 20 Nov 2026 14:00 · Community-of-practice call, 50 min" in text
    assert "Robin's own lesson" in text and "Jordan's own lesson" not in text


def test_a_sync_brings_the_copies_to_the_server_and_back_and_again_changes_nothing(
    repo, team, server_url
):
    from supervise_tui.store.postgres import open_server
    from supervise_tui.usecases.sync import sync

    kept = record_group(repo, call(team), clock=fixed_clock)
    with open_server(server_url, clock=fixed_clock) as server:
        first = sync(repo, server, clock=fixed_clock)
        assert first.pushed.count("group", "added") == 2
        assert server.groups(team["peer2"].id) == repo.groups(team["peer2"].id)
        remove_group(server, kept.id, "Recorded twice", clock=fixed_clock)  # on the server
        second = sync(repo, server, clock=fixed_clock)
        assert second.pulled.count("group", "updated") == 2
        assert groups_of(repo, team["peer"].id) == []
        assert not sync(repo, server, clock=fixed_clock).pulled.changes_anything
