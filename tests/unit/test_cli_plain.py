"""`supervise session --plain`: a whole session on plain lines, answers piped in, as a
screen-reader user would walk it; the same draft and record as the TUI."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from supervise_tui.domain.enums import (
    ConcernStatus,
    RatingKey,
    SessionKind,
)
from supervise_tui.store.folder import open_folder

from ..conftest import FIXED_NOW, PASS, fixed_clock, full_session, keep_sessions
from ..whole_session import ANSWERS, assert_whole_session, run_plain


def supervise(*args: str, answers: list[str], env: dict | None = None):
    """The real `supervise` command, answers piped in."""
    command = Path(sys.executable).parent / "supervise"
    return subprocess.run(
        [str(command), *args],
        input="".join(a + "\n" for a in answers),
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_a_whole_session_piped_in(repo, team, data_dir, monkeypatch, capsys):
    repo.close()
    code, out, err = run_plain(
        data_dir, ANSWERS, "--peer", "Jordan Ellery", monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0, err
    questions = [line for line in out.splitlines() if line.startswith("Step ")]
    assert "Step 3 of 9, strengths. Strength 1, the skill (Enter when there are no" in questions
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "\x1b" not in out  # no colours, no cursor movement
    assert "A rating is a whole number from 1 to 5" in out
    assert "'31/02' is not a real date" in out
    assert "→ Fri 27 Nov 2026" in out
    assert "Signed off by everyone: the session is acknowledged." in out
    with open_folder(data_dir, clock=fixed_clock) as store:
        (stored,) = store.sessions(team["peer"].id)
        assert store.drafts() == []
    assert_whole_session(stored, team["peer"], team["sup"])


def test_end_of_input_keeps_the_draft_and_the_next_run_offers_it(repo, team, data_dir):
    repo.close()
    where = ["session", "--plain", "--peer", "Jordan Ellery", "--data-dir", str(data_dir)]
    half = supervise(*where, answers=ANSWERS[:20])
    assert half.returncode == 1
    assert half.stdout.rstrip().endswith(
        "The input ended: the draft is kept. Run the same command again to resume\nit."
    )
    with open_folder(data_dir, clock=fixed_clock) as store:
        (draft,) = store.drafts()
    assert draft.step == "role" and draft.strengths[0].skill == "Listening"
    assert draft.role_items[0].activity == "Med logs"  # kept after every answer
    again = supervise(*where, answers=[])
    assert again.returncode == 1
    assert "Jordan Ellery has a session in progress." in again.stdout
    assert "1. Resume the session of" in again.stdout


def test_a_resumed_session_goes_on_where_it_stopped(repo, team, data_dir, monkeypatch, capsys):
    repo.close()
    ask = {"monkeypatch": monkeypatch, "capsys": capsys}
    code, _, _ = run_plain(data_dir, ANSWERS[:20], "--peer", "Jordan Ellery", **ask)
    assert code == 1
    code, out, err = run_plain(data_dir, ["", *ANSWERS[20:]], "--peer", "Jordan Ellery", **ask)
    assert code == 0, err
    # Exactly where it stopped: the role step, at the first question not answered yet.
    after = out.split("Step 4 of 9, role negotiation.\n", 1)[1].splitlines()
    assert after[1].startswith("Step 4 of 9, role negotiation. Activity 1, why it was asked")
    with open_folder(data_dir, clock=fixed_clock) as store:
        (held,) = store.sessions(team["peer"].id)
        assert store.drafts() == []
    assert_whole_session(held, team["peer"], team["sup"])  # as if it had never stopped


def test_open_items_are_reviewed_first(repo, team, data_dir, monkeypatch, capsys):
    keep_sessions(repo, team["peer"].id, [full_session(team)])
    repo.close()
    answers = ["1", "", "", "2", "Sorted with the manager", "", "50", "", "", ""]
    answers += ["1", "", "", "finish", "yes", "no", "no"]
    code, out, _ = run_plain(
        data_dir, answers, "--peer", "Jordan Ellery", monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0
    assert "Step 1 of 9, review of what is still open. What happened since" in out
    assert "Open concern: Too many forms (Workload;" in out
    assert "- Concern Too many forms: now resolved — Sorted with the manager" in out  # summary
    assert "awaiting sign-off from Jordan Ellery, Dana Whitfield" in " ".join(out.split())
    with open_folder(data_dir, clock=fixed_clock) as store:
        second = max(store.sessions(team["peer"].id), key=lambda s: s.when)
        tracks = store.open_tracks(team["peer"].id)
    (update,) = second.concern_updates
    assert (update.status, update.resolution_note) == (
        ConcernStatus.RESOLVED,
        "Sorted with the manager",
    )
    assert second.goal_updates[0].progress == 50
    assert second.action_updates[0].done_on == date(2026, 11, 22)
    assert not tracks.concerns and not tracks.actions


def test_on_encrypted_records_the_one_beside_signs_with_their_own_passphrase(locked_folder):
    data_dir, team, _ = locked_folder
    where = ["--data-dir", str(data_dir), "--as", "Dana Whitfield"]
    env = {"SUPERVISE_PASSPHRASE": PASS}
    answers = ["3", "", "", "", "finish", "yes"]  # a new one beside the draft there
    answers += ["yes", "", "yes", "", "not jordans words"]  # Dana, then Jordan: wrong
    done = supervise(
        "session", "--plain", "--peer", "Jordan Ellery", *where, answers=answers, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "Signed by Dana Whitfield." in done.stdout
    said = " ".join(done.stdout.split())
    assert "Not signed: To sign for someone else, they type their own passphrase" in said
    assert "not jordans words" not in done.stdout  # a passphrase is never written back
    assert "awaiting sign-off from Jordan Ellery." in said


@pytest.mark.parametrize(
    ("args", "said", "code"),
    [
        (["session"], "add --plain", 2),
        (["session", "--plain", "--peer", "Nobody Here"], "There is no peer specialist", 1),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(repo, team, data_dir, args, said, code):
    repo.close()
    done = supervise(*args, "--data-dir", str(data_dir), answers=[])
    assert done.returncode == code
    assert said in done.stderr and done.stderr.count("\n") == 1
    with open_folder(data_dir, clock=fixed_clock) as store:
        assert store.drafts() == []


@pytest.mark.parametrize(
    ("answers", "said", "held"),
    [
        ([], "The input ended before a session was started: nothing was changed.", 0),
        (["jor", "dana", "", "", "finish", "yes", "yes"], "The input ended: the session", 1),
    ],
)
def test_the_end_of_input_anywhere_is_one_sentence_and_exit_1(
    repo, team, data_dir, monkeypatch, capsys, answers, said, held
):
    repo.close()
    code, out, _ = run_plain(data_dir, answers, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert said in " ".join(out.split())
    with open_folder(data_dir, clock=fixed_clock) as store:
        assert store.drafts() == []
        sessions = store.sessions(team["peer"].id)
    assert len(sessions) == held
    assert all(s.supervisor_ids == [team["sup"].id] for s in sessions)  # "dana" chose her


def test_the_words_that_steer(repo, team, data_dir, monkeypatch, capsys):
    repo.close()
    answers = ["1", "", ""]  # Dana; weekly, now
    answers += ["help", "prompts", "Fine", "3", "back", "clear", "", "skip"]  # check-in
    answers += ["done.", "", "", "done"]  # strengths: a skill written "done"
    answers += ["back", "back", "", "", "", "", "finish", "no", "finish", "yes", "no", "no"]
    code, out, _ = run_plain(
        data_dir, answers, "--peer", "Jordan Ellery", monkeypatch=monkeypatch, capsys=capsys
    )
    said = " ".join(out.split())
    assert code == 0
    assert "Start with the person, not the paperwork." in said  # the step's help
    assert "1. How are you arriving today?" in said  # the pack's prompts
    assert "Cleared." in said
    assert "Not visited yet: Concerns, Ideas and what clients are saying, Development goals" in said
    assert "Back to Step 4 of 9, role negotiation." in said
    with open_folder(data_dir, clock=fixed_clock) as store:
        (held,) = store.sessions(team["peer"].id)
    assert held.checkin.arriving == "Fine"
    assert held.checkin.ratings[RatingKey.ROLE_CLARITY].value is None  # cleared
    assert held.skipped == ["check_in"]
    assert [s.skill for s in held.strengths] == ["done"]


def test_a_peer_signed_in_signs_their_own_session_here(locked_folder):
    data_dir, team, _ = locked_folder
    where = ["session", "--plain", "--data-dir", str(data_dir), "--as", "Jordan Ellery"]
    env = {"SUPERVISE_PASSPHRASE": "Jordan Ellery own words here"}
    done = supervise(*where, answers=["", "yes", "Agreed"], env=env)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "1. Sign off the session of Tue 17 Nov 2026, 10:00 (awaiting Jordan Ellery" in said
    assert "Start a new session" not in said  # a peer signs; a supervisor runs sessions
    assert "Jordan's private arriving line" in said  # their own record, read here
    assert "Sign off as Dana Whitfield" not in said  # only themselves
    assert "Signed by Jordan Ellery." in said
    again = supervise(*where, answers=[], env=env)
    assert again.returncode == 0
    assert "Nothing of yours is waiting for sign-off." in again.stdout


def test_what_the_tui_could_not_take_yet_is_asked_again_before_finishing(
    repo, team, data_dir, monkeypatch, capsys
):
    from supervise_tui.services.draft_edit import apply_input
    from supervise_tui.usecases.sessions import save_draft, start_session

    draft = start_session(
        repo, team["peer"], [team["sup"].id], SessionKind.WEEKLY, FIXED_NOW.replace(tzinfo=None),
        "", clock=fixed_clock,
    )  # fmt: skip
    path = "checkin.ratings.workload.value"
    assert apply_input(draft, path, "7", today=FIXED_NOW.date()) is not None  # kept as typed
    save_draft(repo, draft, clock=fixed_clock)
    repo.close()
    answers = ["", "finish", "yes", "9", "", "finish", "yes", "3", "finish", "yes", "no", "no"]
    code, out, _ = run_plain(
        data_dir, answers, "--peer", "Jordan Ellery", monkeypatch=monkeypatch, capsys=capsys
    )
    said = " ".join(out.split())
    assert code == 0
    assert "Now: 7. Enter keeps it." in said
    assert said.count("Not finished yet: ") == 2  # "7", then "7" kept after "9" was refused
    assert "Now: 9" not in said
    with open_folder(data_dir, clock=fixed_clock) as store:
        (held,) = store.sessions(team["peer"].id)
    assert held.checkin.ratings[RatingKey.WORKLOAD].value == 3 and held.pending == {}
