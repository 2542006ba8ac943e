"""Ideas and what the people we serve are saying: the rules, the name warning, tracks
across sessions, keeping them (both backends) and carrying them in bundles."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from supervise_tui.domain.enums import IdeaKind, IdeaStatus, Section
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.ideas import name_like_words, name_warning
from supervise_tui.domain.items import Idea, IdeaUpdate
from supervise_tui.domain.links import carry_forward
from supervise_tui.domain.models import Session
from supervise_tui.domain.rows import row_of, tracks_from_rows
from supervise_tui.domain.serial import from_data, to_data
from supervise_tui.domain.tracks import fold_sessions
from supervise_tui.domain.validation import validate_session
from supervise_tui.services import bundle as bundles
from supervise_tui.store.check import check
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.export import export_bytes
from supervise_tui.usecases.imports import apply_import, plan_import
from supervise_tui.usecases.sessions import finish_session

from ..conftest import FIXED_NOW, fixed_clock, make_session, on_both_backends, records_whole

TODAY = date(2026, 11, 22)


def raised(team, when=datetime(2026, 11, 3, 10), **idea) -> Session:
    s = make_session(team, when=when)
    s.ideas.append(
        Idea(**({"text": "A drop-in hour after the group", "raised_by": team["peer"].id} | idea))
    )
    return s


# -- the name warning ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Residents said the Tuesday group clashes with lunch.", []),
        ("Clients want the group later. One said Marisol could lead it.", ["Marisol"]),
        ("I think the WRAP and NAMI leaflets help; in March we could ask.", []),
        ("A resident (Tomasz) asked for Spanish forms, and Bea agreed.", ["Bea"]),
        ("Ask the housing team. Then ask Kofi and Kofi again.", ["Kofi"]),
        ("", []),
        # a name beginning a sentence, before a word saying someone spoke
        ("Maria says the bus pass takes weeks.", ["Maria"]),
        ("The group is full. Tomasz wants to come anyway.", ["Tomasz"]),
        ("She said it was fine. Everyone thinks so.", []),
        # an honorific is no sentence end, and the name is the word after it
        ("Ask Dr. Patel about it. Mrs. Lee agreed.", ["Patel", "Lee"]),
        ("Mx. Okafor would like a later group.", ["Okafor"]),
        # all capitals: a name of five letters or more, not a known acronym
        ("MARIA wants a ride; the WRAP and SAMHSA leaflets help.", ["MARIA"]),
        # hyphenated words by their parts; programme words
        ("We want Spanish-language forms and a Peer-run group.", []),
        ("Ask about Mary-Jane and the forms.", ["Mary-Jane"]),
        ("Carry Narcan, help with Medicaid and Medicare, and meet on Zoom.", []),
        ("Try Google Meet or Teams; the Food Bank and Housing First help.", []),
        ("Yes, on Thursdays instead, from the Mondays list.", []),
    ],
)
def test_name_like_words_finds_capitalised_words_that_are_not_sentence_starts(text, words):
    assert name_like_words(text) == words


def test_the_names_of_the_team_and_their_sites_are_not_taken_for_clients():
    from supervise_tui.domain.ideas import known_words

    known = known_words(["Marcus Reyes", "Harbor House"])
    text = "Residents at Harbor House ask for it. Marcus says yes; so does Ines."
    assert name_like_words(text) == ["Harbor", "House", "Marcus", "Ines"]
    assert name_like_words(text, known) == ["Ines"]
    assert "“Ines” may be a name" in name_warning(text, known)


def test_the_warning_names_the_words_and_says_never_write_a_name():
    warning = name_warning("Ask whether Oksana and Pim could join.")
    assert warning == "“Oksana”, “Pim” may be a name. Never write a client's name."
    assert name_warning("Nothing here looks like a name.") == ""


# -- the rules ----------------------------------------------------------------------


def test_an_idea_without_text_is_refused_with_one_plain_sentence(team):
    s = raised(team, text="   ", kind=IdeaKind.CLIENTS)
    validate_session(s)  # a draft may be half filled in
    with pytest.raises(ValidationError) as error:
        validate_session(s, finishing=True)
    assert error.value.field == "ideas[0].text"
    assert error.value.message == "Please write the idea in a few words, or remove it (F4)."


@pytest.mark.parametrize("status", [IdeaStatus.ADOPTED, IdeaStatus.NOT_ADOPTED, IdeaStatus.ADAPTED])
def test_a_decided_idea_needs_the_reason_told_back(team, status):
    s = raised(team, status=status)
    with pytest.raises(ValidationError) as error:
        validate_session(s, finishing=True)
    assert error.value.field == "ideas[0].reason"
    s.ideas[0].reason = "The team had room for it on Fridays."
    validate_session(s, finishing=True)


def test_an_idea_raised_by_someone_outside_the_session_is_refused(team):
    s = raised(team, raised_by=team["sup2"].id)
    with pytest.raises(ValidationError) as error:
        validate_session(s)
    assert error.value.field == "ideas[0].raised_by"


def test_a_blank_idea_row_is_dropped_on_finishing(repo, team):
    s = make_session(team)
    s.ideas += [Idea(raised_by=team["peer"].id), Idea()]  # as added, untouched
    done = finish_session(repo, s, clock=fixed_clock)
    assert done.ideas == []


@pytest.mark.parametrize(
    "touched",
    [{"raised_by": "sup"}, {"kind": IdeaKind.CLIENTS}, {"status": IdeaStatus.TAKEN}],
)
def test_an_idea_row_with_only_a_choice_made_is_refused_not_dropped(repo, team, touched):
    s = make_session(team)
    if touched.get("raised_by"):
        touched = {"raised_by": team["sup"].id}
    s.ideas.append(Idea(**({"raised_by": team["peer"].id} | touched)))
    with pytest.raises(ValidationError) as error:
        finish_session(repo, s, clock=fixed_clock)
    assert error.value.message == "Please write the idea in a few words, or remove it (F4)."
    assert repo.sessions(team["peer"].id) == []


# -- its life across sessions ---------------------------------------------------------


def test_taken_to_the_team_defaults_to_the_supervisor_and_the_sessions_day(repo, team):
    first = finish_session(repo, raised(team), clock=fixed_clock)
    idea_id = first.ideas[0].id
    assert repo.open_tracks(team["peer"].id).ideas[idea_id].current.status == IdeaStatus.NOTED

    second = make_session(team, when=datetime(2026, 11, 10, 10))
    second.idea_updates.append(IdeaUpdate(idea_id, IdeaStatus.TAKEN))
    finish_session(repo, second, clock=fixed_clock)
    track = repo.open_tracks(team["peer"].id).ideas[idea_id]
    assert (track.current.taken_by, track.current.taken_on) == (team["sup"].id, date(2026, 11, 10))

    third = make_session(team, when=datetime(2026, 11, 17, 10))
    third.idea_updates.append(
        IdeaUpdate(idea_id, IdeaStatus.ADAPTED, reason="Yes, on Thursdays instead.")
    )
    finish_session(repo, third, clock=fixed_clock)
    assert idea_id not in repo.open_tracks(team["peer"].id).ideas  # decided: settled
    track = repo.tracks(team["peer"].id).ideas[idea_id]
    current = track.current
    # who took it, and when, stay as they were when it was taken
    assert (current.taken_by, current.taken_on) == (team["sup"].id, date(2026, 11, 10))
    assert current.status == IdeaStatus.ADAPTED and current.reason == "Yes, on Thursdays instead."
    assert track.decided_on == date(2026, 11, 17)
    assert records_whole(repo)


def test_open_ideas_are_carried_forward_until_decided(team):
    first = raised(team)
    first.status = first.status.COMPLETED
    later = raised(
        team, when=datetime(2026, 11, 10, 10), text="Shorter forms", status=IdeaStatus.TAKEN
    )
    later.status = later.status.COMPLETED
    tracks = fold_sessions([first, later])
    carried = carry_forward(tracks, date(2026, 11, 5))
    assert [t.base.text for t in carried.ideas] == ["A drop-in hour after the group"]
    assert not carried.empty
    decided = make_session(team, when=datetime(2026, 11, 12, 10))
    decided.status = decided.status.COMPLETED
    decided.idea_updates.append(
        IdeaUpdate(first.ideas[0].id, IdeaStatus.NOT_ADOPTED, reason="No room this year.")
    )
    tracks = fold_sessions([first, later, decided])
    assert [t.base.text for t in carry_forward(tracks).ideas] == ["Shorter forms"]


def test_rows_give_trends_the_same_idea_states_as_the_records(team):
    first = raised(team)
    first.status = first.status.COMPLETED
    second = make_session(team, when=datetime(2026, 11, 10, 10))
    second.status = second.status.COMPLETED
    second.idea_updates.append(IdeaUpdate(first.ideas[0].id, IdeaStatus.ADOPTED, reason="Yes"))
    full = fold_sessions([first, second]).ideas
    light = tracks_from_rows(team["peer"].id, [row_of(first), row_of(second)]).ideas
    assert {i: t.current.status for i, t in full.items()} == {
        i: t.current.status for i, t in light.items()
    }
    assert light[first.ideas[0].id].decided_on == date(2026, 11, 10)


def test_a_session_may_update_only_ideas_raised_by_its_day(repo, team):
    first = finish_session(repo, raised(team, when=datetime(2026, 11, 10, 10)), clock=fixed_clock)
    earlier = make_session(team, when=datetime(2026, 11, 3, 10))
    earlier.idea_updates.append(IdeaUpdate(first.ideas[0].id, IdeaStatus.TAKEN))
    with pytest.raises(ValidationError) as error:
        finish_session(repo, earlier, clock=fixed_clock)
    assert error.value.field == "idea_updates[0]"


# -- kept, read back, and older records -----------------------------------------------


@on_both_backends
def test_ideas_are_kept_with_the_session_and_tracked_on_both_backends(repo, team):
    done = finish_session(repo, raised(team, kind=IdeaKind.CLIENTS), clock=fixed_clock)
    [kept] = repo.sessions(team["peer"].id)
    assert kept.ideas == done.ideas and kept.ideas[0].kind == IdeaKind.CLIENTS
    assert list(repo.open_tracks(team["peer"].id).ideas) == [done.ideas[0].id]
    assert records_whole(repo)


def test_a_record_from_before_ideas_still_loads(team):
    data = to_data(make_session(team))
    for name in ("ideas", "idea_updates"):
        del data[name]
    del data["voices"][Section.IDEAS.value]
    session = from_data(Session, data, strict=True)
    assert session.ideas == [] and Section.IDEAS not in session.voices
    validate_session(session)


# -- bundles ---------------------------------------------------------------------------


def _bundle(repo) -> bytes:
    return export_bytes(repo, "json", today=TODAY, now=FIXED_NOW)[0]


def _import(folder, raw: bytes):
    with open_folder(folder, clock=fixed_clock) as other:
        plan = plan_import(other, bundles.parse_bundle(raw))
        apply_import(other, plan, clock=other.clock)
        return plan, other.tracks(plan_peer(raw))


def plan_peer(raw: bytes) -> str:
    return json.loads(raw)["sessions"][0]["peer_id"]


def test_ideas_travel_in_a_bundle_of_format_4_and_their_updates_need_their_idea(
    repo, team, tmp_path
):
    first = finish_session(repo, raised(team), clock=fixed_clock)
    second = make_session(team, when=datetime(2026, 11, 10, 10))
    second.idea_updates.append(IdeaUpdate(first.ideas[0].id, IdeaStatus.ADOPTED, reason="Agreed"))
    finish_session(repo, second, clock=fixed_clock)
    raw = _bundle(repo)
    data = json.loads(raw)
    assert data["format_version"] == bundles.FORMAT_VERSION == 4
    plan, tracks = _import(tmp_path / "other", raw)
    assert plan.count("session", "added") == 2
    assert tracks.ideas[first.ideas[0].id].current.status == IdeaStatus.ADOPTED
    assert check(tmp_path / "other").ok
    # an update whose idea is neither in the bundle nor here is refused, naming where
    data["sessions"] = [s for s in data["sessions"] if s["idea_updates"]]
    with (
        pytest.raises(bundles.BundleError) as error,
        open_folder(tmp_path / "third", clock=fixed_clock) as third,
    ):
        plan_import(third, bundles.parse_bundle(json.dumps(data).encode()))
    assert "idea_updates[0].idea_id" in error.value.field


def test_a_format_3_bundle_without_ideas_still_imports(repo, team, tmp_path):
    finish_session(repo, make_session(team), clock=fixed_clock)
    data = json.loads(_bundle(repo))
    data["format_version"] = 3
    for session in data["sessions"]:
        del session["ideas"], session["idea_updates"]
        del session["voices"]["ideas"]
    plan, tracks = _import(tmp_path / "other", json.dumps(data).encode())
    assert plan.count("session", "added") == 1 and tracks.ideas == {}
    assert check(tmp_path / "other").ok


# -- figures, portfolio, exports ---------------------------------------------------------


def _decided_history(repo, team) -> tuple[str, str]:
    """Two ideas raised on 3 Nov; one adapted on 10 Nov, the other still taken."""
    first = make_session(team, when=datetime(2026, 11, 3, 10))
    first.ideas += [
        Idea("Later evening group", IdeaKind.CLIENTS, raised_by=team["peer"].id),
        Idea("A book shelf", raised_by=team["peer"].id),
    ]
    first = finish_session(repo, first, clock=fixed_clock)
    adapted, shelf = (i.id for i in first.ideas)
    second = make_session(team, when=datetime(2026, 11, 10, 10))
    second.idea_updates += [
        IdeaUpdate(adapted, IdeaStatus.ADAPTED, reason="On Thursdays instead."),
        IdeaUpdate(shelf, IdeaStatus.TAKEN),
    ]
    finish_session(repo, second, clock=fixed_clock)
    return adapted, shelf


def test_trends_count_ideas_raised_adopted_and_open_per_period(repo, team):
    from supervise_tui.services.ideas import idea_figures
    from supervise_tui.services.periods import Period
    from supervise_tui.services.report import trends_text
    from supervise_tui.usecases.lookback import load_figures, trends_for

    _decided_history(repo, team)
    tracks = load_figures(repo, team["peer"]).tracks  # from the light rows
    early = idea_figures(tracks, Period(date(2026, 11, 1), date(2026, 11, 7), "early"))
    late = idea_figures(tracks, Period(date(2026, 11, 8), date(2026, 11, 22), "late"))
    assert (early.raised, early.adopted, early.not_adopted, early.still_open) == (2, 0, 0, 2)
    assert (late.raised, late.adopted, late.not_adopted, late.still_open) == (0, 1, 0, 1)
    figures = trends_for(load_figures(repo, team["peer"]), Period(None, TODAY, "all"), TODAY)
    assert "  raised: 2, adopted (or adapted): 1, not adopted: 0, still open: 1" in trends_text(
        figures
    )


def test_the_portfolio_lists_the_ideas_adopted_with_the_reason(repo, team):
    from supervise_tui.services.portfolio import portfolio_markdown
    from supervise_tui.usecases.portfolio import portfolio_of

    _decided_history(repo, team)
    text = portfolio_markdown(portfolio_of(repo, team["peer"]))
    section = text.split("## Ideas adopted\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section == (
        "- Later evening group — adapted (adopted with changes), Tue 10 Nov 2026  \n"
        "  *The team:* On Thursdays instead."
    )


def test_exports_carry_ideas_in_markdown_and_their_own_csv_table(repo, team):
    _decided_history(repo, team)
    md = export_bytes(repo, "md", today=TODAY, now=FIXED_NOW)[0].decode()
    assert "## Ideas and what clients are saying, across sessions" in md
    assert "**The team's reason, told back:** On Thursdays instead." in md
    assert "Idea *Later evening group*: now **adapted (adopted with changes)**" in md
    raw = export_bytes(repo, "csv", table="ideas", today=TODAY, now=FIXED_NOW)[0]
    rows = raw.decode("utf-8-sig").splitlines()
    assert rows[0] == (
        "peer,raised_on,kind,idea,raised_by,status,taken_by,taken_on,reason,decided_on,updates,id"
    )
    cells = sorted(row.rsplit(",", 1)[0] for row in rows[1:])  # (ids aside)
    assert cells == [
        "Jordan Ellery,2026-11-03,clients,Later evening group,Jordan Ellery,adapted,"
        "Dana Whitfield,2026-11-10,On Thursdays instead.,2026-11-10,1",
        "Jordan Ellery,2026-11-03,programme,A book shelf,Jordan Ellery,taken,"
        "Dana Whitfield,2026-11-10,,,1",
    ]


# -- the command line ------------------------------------------------------------------


def _cli(data_dir, *args, capsys):
    from supervise_tui.cli import main

    code = main([*args, "--data-dir", str(data_dir)], clock=fixed_clock)
    out, err = capsys.readouterr()
    return code, out, err


def test_supervise_ideas_lists_them_across_peers_open_or_all_and_as_json(
    repo, team, data_dir, capsys
):
    _decided_history(repo, team)
    repo.close()
    code, out, _ = _cli(data_dir, "ideas", "--open", capsys=capsys)
    assert code == 0
    assert out.splitlines() == [
        "1 open idea:",
        "- A book shelf",
        "  Jordan Ellery; An idea for the programme; raised Tue 03 Nov 2026; taken to the "
        "team by Dana Whitfield on Tue 10 Nov 2026",
    ]
    code, out, _ = _cli(data_dir, "ideas", "--peer", "Jordan Ellery", "--json", capsys=capsys)
    found = json.loads(out)
    by_text = {i["text"]: i for i in found}
    assert code == 0 and {t: i["status"] for t, i in by_text.items()} == {
        "Later evening group": "adapted",
        "A book shelf": "taken",
    }
    adapted = by_text["Later evening group"]
    assert adapted["reason"] == "On Thursdays instead." and adapted["decided_on"] == "2026-11-10"
    code, out, _ = _cli(data_dir, "ideas", "--peer", "Robin Takahashi", capsys=capsys)
    assert (code, out) == (0, "No ideas yet for Robin Takahashi.\n")


@pytest.mark.parametrize(
    ("args", "code"),
    [(("ideas", "--peer", "Nobody Known"), 1), (("ideas", "--status", "open"), 2)],
)
def test_supervise_ideas_with_bad_input_says_one_line_and_changes_nothing(
    repo, team, data_dir, capsys, args, code
):
    from ..conftest import folder_state

    _decided_history(repo, team)
    repo.close()
    before = folder_state(data_dir)
    got, out, err = _cli(data_dir, *args, capsys=capsys)
    assert got == code and out == "" and len(err.strip().splitlines()) == 1
    assert folder_state(data_dir) == before


def test_check_warns_of_a_name_like_word_without_repeating_it(repo, team, data_dir, capsys):
    s = make_session(team)
    s.ideas.append(Idea("Clients say Marisol should run it", raised_by=team["peer"].id))
    done = finish_session(repo, s, clock=fixed_clock)
    repo.close()
    code, out, _ = _cli(data_dir, "check", capsys=capsys)
    assert code == 0 and "All well" not in out
    assert f"session {done.id}: ideas[0].text has a word that may be a client's name" in out
    assert out.rstrip().endswith("No damage found; 1 name warning(s) above to look at.")
    assert "Marisol" not in out


def test_check_warns_of_names_in_updates_and_in_strengths_made_of_ideas(
    repo, team, data_dir, capsys
):
    from supervise_tui.domain.models import Strength

    adapted, shelf = _decided_history(repo, team)
    s = make_session(team, when=datetime(2026, 11, 17, 10))
    s.idea_updates.append(IdeaUpdate(shelf, IdeaStatus.TAKEN, note="Ask whether Oksana agrees"))
    s.strengths += [
        Strength("Bringing ideas", "Evening group, as Pim asked at Maple Court", idea_id=adapted),
        Strength("Listening", "Stayed with Dana Whitfield through it"),  # the team's own name
    ]
    done = finish_session(repo, s, clock=fixed_clock)
    repo.close()
    code, out, _ = _cli(data_dir, "check", capsys=capsys)
    assert code == 0
    assert f"session {done.id}: idea_updates[0].note has a word" in out
    assert f"session {done.id}: strengths[0].example has a word" in out
    assert "strengths[1]" not in out and "Oksana" not in out and "Pim" not in out
    assert "All well" not in out and "2 name warning(s) above" in out


def test_a_name_in_a_strength_made_of_an_idea_is_warned_of_beside_it(repo, team):
    from supervise_tui.domain.ideas import team_words
    from supervise_tui.services.draft_edit import field_warning
    from supervise_tui.services.ideas import name_as_strength

    adapted, _ = _decided_history(repo, team)
    tracks = repo.tracks(team["peer"].id)
    draft = make_session(team, when=datetime(2026, 11, 17, 10))
    name_as_strength(draft, tracks, adapted, "yes")
    (strength,) = draft.strengths
    known = team_words(repo.people())
    path = f"strengths.{strength.id}.example"
    assert field_warning(path, "Later group, as Pim asked", known, draft).startswith("“Pim”")
    assert field_warning(path, "Later group, as Dana Whitfield asked", known, draft) == ""
    strength.example = "Tomasz asked for a later group"
    warning = field_warning(f"idea_strength.{adapted}", "yes", known, draft)
    assert warning == "“Tomasz” may be a name. Never write a client's name."


def test_plain_mode_warns_of_a_name_beside_the_idea_and_keeps_it(
    repo, team, data_dir, monkeypatch, capsys
):
    from ..whole_session import run_plain

    repo.close()
    answers = ["1", "", "", "skip", "skip", "skip", "skip"]  # to the ideas step
    answers += ["Clients say Marisol could run it", "2", "", "done", "finish", "yes", "no", "no"]
    code, out, _ = run_plain(
        data_dir, answers, "--peer", "Jordan Ellery", monkeypatch=monkeypatch, capsys=capsys
    )
    said = " ".join(out.split())
    assert code == 0
    assert "Step 6 of 9, ideas and what clients are saying. Idea 1, the idea" in said
    assert "A warning: “Marisol” may be a name. Never write a client's name." in said
    with open_folder(data_dir, clock=fixed_clock) as again:
        (held,) = again.sessions(team["peer"].id)
    assert [(i.text, i.kind) for i in held.ideas] == [
        ("Clients say Marisol could run it", IdeaKind.CLIENTS)
    ]


def test_plain_mode_offers_an_adopted_idea_as_a_strength(repo, team, data_dir, monkeypatch, capsys):
    from ..whole_session import run_plain

    _decided_history(repo, team)  # "Later evening group" adapted on 10 Nov
    repo.close()
    answers = ["", "1", "", "", "skip", "skip"]  # a new session (the two held wait): Dana…
    answers += ["1", "", "", "", "done", "finish", "yes", "no", "no"]  # yes; strength as is
    code, out, _ = run_plain(
        data_dir, answers, "--peer", "Jordan Ellery", monkeypatch=monkeypatch, capsys=capsys
    )
    said = " ".join(out.split())
    assert code == 0
    assert "An idea of Jordan Ellery's the team adopted: Later evening group" in said
    with open_folder(data_dir, clock=fixed_clock) as again:
        (held,) = [s for s in again.sessions(team["peer"].id) if s.strengths]
    assert [(s.skill, s.example) for s in held.strengths] == [
        ("Bringing ideas the team adopts", "Later evening group")
    ]


def test_reviewing_an_idea_asks_the_same_in_plain_mode_and_never_steps_back(repo, team):
    from supervise_tui.services.draft_edit import apply_input
    from supervise_tui.services.questions import Walk, questions

    _, shelf = _decided_history(repo, team)  # the shelf: taken to the team on 10 Nov
    tracks = repo.tracks(team["peer"].id)
    draft = make_session(team, when=datetime(2026, 11, 17, 10))
    walk = Walk(draft, tracks, {p.id: p for p in repo.people()}, draft.day)
    asked = [q for q in questions("review", walk) if q.path.startswith(f"review.idea.{shelf}.")]
    assert [q.path.rsplit(".", 1)[1] for q in asked] == [
        "status",
        "taken_by",
        "taken_on",
        "reason",
        "note",
    ]
    assert "noted" not in [value for _, value in asked[0].options]
    problem = apply_input(draft, f"review.idea.{shelf}.status", "noted", today=TODAY, tracks=tracks)
    assert problem == "An idea taken to the team does not go back to noted."
    assert [u.status for u in draft.idea_updates] in ([], [IdeaStatus.TAKEN])  # as it was
    assert (
        apply_input(draft, f"review.idea.{shelf}.taken_on", "12 Nov", today=TODAY, tracks=tracks)
        is None
    )
    assert draft.idea_updates[0].taken_on == date(2026, 11, 12)


def test_a_csv_export_says_the_rows_of_its_table_written(repo, team, data_dir, tmp_path, capsys):
    _decided_history(repo, team)  # two sessions, two ideas
    repo.close()
    out_file = tmp_path / "ideas.csv"
    args = ["export", "--format", "csv", "--table", "ideas", "-o", str(out_file)]
    code, out, err = _cli(data_dir, *args, capsys=capsys)
    assert code == 0
    assert f"Wrote 2 row(s) of the ideas table to {out_file}" in out + err
    assert "session(s)" not in out + err


def test_the_summary_says_an_updated_idea_without_a_stop_before_its_colon(repo, team):
    from supervise_tui.services.summary import session_markdown

    first = make_session(team, when=datetime(2026, 11, 3, 10))
    first.ideas.append(Idea("A shared shelf … for residents.", raised_by=team["peer"].id))
    (idea_id,) = [i.id for i in finish_session(repo, first, clock=fixed_clock).ideas]
    later = make_session(team, when=datetime(2026, 11, 10, 10))
    later.idea_updates.append(IdeaUpdate(idea_id, IdeaStatus.NOT_ADOPTED, reason="No room."))
    done = finish_session(repo, later, clock=fixed_clock)
    md = session_markdown(done, {p.id: p for p in repo.people()}, repo.tracks(team["peer"].id))
    assert "- Idea *A shared shelf … for residents*: now **not adopted**" in md
