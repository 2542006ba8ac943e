"""Correcting, amending and withdrawing a finished session: the rules, and the records
they leave (one commit, a folder that passes check, figures that follow)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest

from supervise_tui.domain import corrections
from supervise_tui.domain.enums import ConcernStatus, SessionStatus
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import ConcernUpdate, Session
from supervise_tui.domain.serial import from_data, to_data
from supervise_tui.domain.tracks import Tracks
from supervise_tui.domain.validation import validate_session
from supervise_tui.store.check import check
from supervise_tui.store.errors import Refused
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.corrections import (
    begin_correction,
    finish_correction,
    withdraw_session,
)
from supervise_tui.usecases.lookback import load_figures
from supervise_tui.usecases.sessions import finish_session, save_draft, sign_session
from tests.conftest import (
    FIXED_NOW,
    fixed_clock,
    full_session,
    make_session,
    on_both_backends,
    records_whole,
)
from tests.unit.test_transfer import bundle_bytes, import_into


def later(minutes: int):
    return lambda: FIXED_NOW + timedelta(minutes=minutes)


@pytest.fixture
def held(repo, team):
    """A finished session, awaiting both signatures."""
    return finish_session(repo, full_session(team), clock=repo.clock)


@pytest.fixture
def signed(repo, team, held):
    once = sign_session(repo, held, team["sup"].id, clock=later(1))
    return sign_session(repo, once, team["peer"].id, clock=later(2))


def correct(repo, session, by, reason="", edit=None, clock=None):
    draft, _tracks = begin_correction(repo, session.peer_id, session.id, by, reason)
    if edit:
        edit(draft)
    save_draft(repo, draft, clock=clock or later(5))
    return finish_correction(repo, draft, clock=clock or later(6))


def reword(draft: Session) -> None:
    draft.strengths[0].skill = "Listening closely"


class TestRules:
    def test_a_draft_or_a_withdrawn_session_cannot_be_corrected(self, team):
        s = make_session(team)
        assert "not finished" in corrections.correction_problem(s, team["sup"].id)
        s.status = SessionStatus.WITHDRAWN
        assert "withdrawn" in corrections.correction_problem(s, team["sup"].id)

    def test_only_a_supervisor_in_the_session_corrects_it(self, team):
        s = make_session(team, status=SessionStatus.COMPLETED)
        assert corrections.correction_problem(s, team["sup2"].id)
        assert "supervisor" in corrections.correction_problem(s, team["peer"].id)
        assert corrections.correction_problem(s, team["sup"].id) is None

    def test_who_may_correct_or_withdraw_follows_the_session_s_life(self, team):
        s = make_session(team)
        s.supervisor_ids = [team["sup"].id, team["sup2"].id]
        assert corrections.who_may_correct(s) == corrections.who_may_withdraw(s) == []
        s.status = SessionStatus.ACKNOWLEDGED
        both = [team["sup"].id, team["sup2"].id]
        assert corrections.who_may_correct(s) == corrections.who_may_withdraw(s) == both
        s.status = SessionStatus.WITHDRAWN
        assert corrections.who_may_correct(s) == corrections.who_may_withdraw(s) == []

    def test_after_everyone_signed_a_reason_is_required(self, team):
        s = make_session(team, status=SessionStatus.ACKNOWLEDGED)
        with pytest.raises(ValidationError) as caught:
            corrections.open_correction(s, team["sup"].id, "  ")
        assert caught.value.field == "reason"
        draft = corrections.open_correction(s, team["sup"].id, "Wrong date")
        assert draft.status == SessionStatus.DRAFT
        assert draft.correcting.of == s.updated_at and draft.correcting.reason == "Wrong date"

    def test_withdrawing_needs_a_supervisor_and_a_reason(self, team):
        s = make_session(team, status=SessionStatus.COMPLETED)
        with pytest.raises(ValidationError, match="supervisor"):
            corrections.withdraw(s, team["peer"].id, "mistake", FIXED_NOW, Tracks())
        with pytest.raises(ValidationError, match="why"):
            corrections.withdraw(s, team["sup"].id, " ", FIXED_NOW, Tracks())
        out = corrections.withdraw(s, team["sup"].id, "Made twice", FIXED_NOW, Tracks())
        assert out.status == SessionStatus.WITHDRAWN and out.withdrawn.reason == "Made twice"
        assert out.revisions == [s.updated_at]

    def test_a_stored_amendment_must_keep_the_signed_version_of_the_same_session(self, team):
        kept = make_session(team, status=SessionStatus.ACKNOWLEDGED)
        amended = make_session(team, status=SessionStatus.COMPLETED, id=kept.id)
        amended.amendments = [
            corrections.Amendment(team["sup"].id, FIXED_NOW, "Typo", dataclasses.replace(kept))
        ]
        validate_session(amended)
        other = make_session(team, status=SessionStatus.ACKNOWLEDGED)
        amended.amendments[0].previous = other
        with pytest.raises(ValidationError) as caught:
            validate_session(amended)
        assert caught.value.field == "amendments[0].previous"

    def test_a_withdrawn_mark_matches_the_status(self, team):
        s = make_session(team, status=SessionStatus.WITHDRAWN)
        with pytest.raises(ValidationError) as caught:
            validate_session(s)
        assert caught.value.field == "withdrawn"

    def test_an_amended_session_round_trips_through_its_stored_form(self, team):
        kept = make_session(team, status=SessionStatus.ACKNOWLEDGED)
        amended = make_session(team, status=SessionStatus.COMPLETED, id=kept.id)
        amended.amendments = [corrections.Amendment(team["sup"].id, FIXED_NOW, "Typo", kept)]
        back = from_data(Session, to_data(amended), strict=True)
        assert back == amended


@on_both_backends
class TestBeforeEveryoneSigned:
    def test_a_correction_replaces_the_session_and_asks_for_signatures_again(
        self, repo, team, held
    ):
        once = sign_session(repo, held, team["sup"].id, clock=later(1))
        out = correct(repo, once, team["sup"].id, edit=reword)
        assert out.status == SessionStatus.COMPLETED and out.signoffs == []
        assert out.amendments == []  # not everyone had signed: no amendment
        kept = repo.session(held.peer_id, held.id)
        assert kept.strengths[0].skill == "Listening closely"
        assert kept.revisions[-1] == once.updated_at
        assert [d.id for d in repo.drafts()] == []
        assert records_whole(repo)

    def test_nothing_changed_keeps_the_session_and_its_signature(self, repo, team, held):
        once = sign_session(repo, held, team["sup"].id, clock=later(1))
        out = correct(repo, once, team["sup"].id)
        assert out == repo.session(held.peer_id, held.id)
        assert [s.person_id for s in out.signoffs] == [team["sup"].id]
        assert repo.drafts() == []

    def test_a_correction_can_move_the_session_to_another_year(self, repo, team, held):
        def move(draft):
            draft.when = datetime(2025, 12, 30, 10, 0)

        correct(repo, held, team["sup"].id, edit=move)
        assert [r.when.year for r in repo.rows(held.peer_id)] == [2025]
        assert repo.years(held.peer_id)[2025].held == 1 and 2026 not in repo.years(held.peer_id)
        assert records_whole(repo)

    def test_the_draft_survives_until_finished_and_is_picked_up_again(self, repo, team, held):
        draft, _ = begin_correction(repo, held.peer_id, held.id, team["sup"].id)
        reword(draft)
        save_draft(repo, draft, clock=later(3))
        again, _ = begin_correction(repo, held.peer_id, held.id, team["sup"].id)
        assert again.strengths[0].skill == "Listening closely"
        assert again.correcting is not None

    def test_nobody_signs_while_a_correction_is_open(self, repo, team, held):
        draft, _ = begin_correction(repo, held.peer_id, held.id, team["sup"].id)
        with pytest.raises(Refused, match="being corrected"):
            sign_session(repo, held, team["peer"].id, clock=later(1))
        reword(draft)
        save_draft(repo, draft, clock=later(2))
        assert finish_correction(repo, draft, clock=later(5)).strengths[0].skill == (
            "Listening closely"
        )
        sign_session(repo, repo.session(held.peer_id, held.id), team["peer"].id, clock=later(6))

    def test_a_version_changed_meanwhile_refuses_the_stale_correction(self, repo, team, held):
        draft, _ = begin_correction(repo, held.peer_id, held.id, team["sup"].id)
        reword(draft)
        stale = dataclasses.replace(
            draft,
            correcting=dataclasses.replace(
                draft.correcting, of=held.updated_at - timedelta(seconds=1)
            ),
        )
        with pytest.raises(ValidationError, match="changed while"):
            finish_correction(repo, stale, clock=later(5))
        assert repo.session(held.peer_id, held.id).strengths[0].skill == "Listening"

    def test_an_unchanged_correction_keeps_its_review_though_a_later_session_agrees(
        self, repo, team, held
    ):
        concern = held.concerns[0].id
        middle = make_session(team, when=datetime(2026, 11, 18, 10, 0))
        middle.concern_updates.append(ConcernUpdate(concern, ConcernStatus.IN_PROGRESS))
        middle = finish_session(repo, middle, clock=later(1))
        last = make_session(team, when=datetime(2026, 11, 20, 10, 0))
        last.concern_updates.append(
            ConcernUpdate(concern, ConcernStatus.IN_PROGRESS, note="Still waiting")
        )
        finish_session(repo, last, clock=later(2))
        draft, tracks = begin_correction(repo, middle.peer_id, middle.id, team["sup"].id)
        assert tracks.concerns[concern].current.status == ConcernStatus.OPEN  # as S found it
        out = finish_correction(repo, draft, clock=later(6))
        assert out.updated_at == middle.updated_at and len(out.concern_updates) == 1
        assert len(repo.tracks(held.peer_id).concerns[concern].updates) == 2
        assert records_whole(repo)

    def test_a_session_cannot_move_after_one_that_took_up_its_items(self, repo, team, held):
        later_one = make_session(team, when=datetime(2026, 11, 20, 10, 0))
        later_one.concern_updates.append(
            ConcernUpdate(held.concerns[0].id, ConcernStatus.IN_PROGRESS, note="Asked")
        )
        finish_session(repo, later_one, clock=later(1))

        def move(draft):
            draft.when = datetime(2026, 11, 21, 10, 0)

        with pytest.raises(ValidationError, match="cannot move after"):
            correct(repo, held, team["sup"].id, edit=move)
        assert records_whole(repo)

    def test_the_review_shows_items_as_they_were_before_the_session(self, repo, team, held):
        later_one = make_session(team, when=datetime(2026, 11, 20, 10, 0))
        concern = held.concerns[0]
        later_one.concern_updates.append(
            ConcernUpdate(concern.id, ConcernStatus.RESOLVED, note="Sorted with admin")
        )
        done = finish_session(repo, later_one, clock=later(1))
        draft, tracks = begin_correction(repo, done.peer_id, done.id, team["sup"].id)
        assert tracks.concerns[concern.id].is_open  # as the corrected session found it
        assert draft.concern_updates[0].status == ConcernStatus.RESOLVED
        finish_correction(repo, draft, clock=later(6))  # unchanged: nothing happens
        assert not repo.tracks(held.peer_id).concerns[concern.id].is_open

    def test_an_item_a_later_session_took_up_cannot_be_removed(self, repo, team, held):
        later_one = make_session(team, when=datetime(2026, 11, 20, 10, 0))
        later_one.concern_updates.append(
            ConcernUpdate(held.concerns[0].id, ConcernStatus.IN_PROGRESS, note="Asked")
        )
        finish_session(repo, later_one, clock=later(1))

        def drop(draft):
            draft.concerns.clear()

        with pytest.raises(ValidationError, match="later session took up"):
            correct(repo, held, team["sup"].id, edit=drop)
        assert len(repo.session(held.peer_id, held.id).concerns) == 1


@on_both_backends
class TestAfterEveryoneSigned:
    def test_an_amendment_keeps_the_signed_version_and_everyone_signs_again(
        self, repo, team, signed
    ):
        out = correct(repo, signed, team["sup"].id, "Skill misheard", edit=reword)
        assert out.status == SessionStatus.COMPLETED and out.signoffs == []
        (amendment,) = out.amendments
        assert amendment.by == team["sup"].id and amendment.reason == "Skill misheard"
        assert amendment.previous.strengths[0].skill == "Listening"
        assert amendment.previous.status == SessionStatus.ACKNOWLEDGED
        assert len(amendment.previous.signoffs) == 2
        assert repo.tallies()[signed.peer_id].awaiting_signoff == 1
        assert records_whole(repo)
        again = sign_session(repo, out, team["sup"].id, clock=later(10))
        again = sign_session(repo, again, team["peer"].id, clock=later(11))
        assert again.status == SessionStatus.ACKNOWLEDGED and len(again.amendments) == 1

    def test_a_second_amendment_keeps_both_versions_flat(self, repo, team, signed):
        out = correct(repo, signed, team["sup"].id, "First", edit=reword)
        out = sign_session(repo, out, team["sup"].id, clock=later(10))
        out = sign_session(repo, out, team["peer"].id, clock=later(11))

        def again(draft):
            draft.strengths[0].skill = "Listening, and waiting"

        out = correct(repo, out, team["sup"].id, "Second", edit=again, clock=later(20))
        assert [a.reason for a in out.amendments] == ["First", "Second"]
        assert [a.previous.amendments for a in out.amendments] == [[], []]
        assert out.amendments[1].previous.strengths[0].skill == "Listening closely"


@on_both_backends
class TestWithdrawing:
    def test_a_withdrawn_session_is_kept_but_out_of_every_figure(self, repo, team, held):
        out = withdraw_session(
            repo, held.peer_id, held.id, team["sup"].id, "Started by mistake", clock=later(3)
        )
        assert out.status == SessionStatus.WITHDRAWN
        assert repo.session(held.peer_id, held.id).withdrawn.reason == "Started by mistake"
        (row,) = repo.rows(held.peer_id)
        assert row.status == SessionStatus.WITHDRAWN and row.item_ids() == set()
        tally = repo.tallies()[held.peer_id]
        assert (tally.sessions, tally.open_concerns, tally.awaiting_signoff) == (0, 0, 0)
        assert repo.open_tracks(held.peer_id).concerns == {}
        figures = load_figures(repo, team["peer"])
        assert figures.rows == [] and figures.tracks.concerns == {}
        assert records_whole(repo)

    def test_a_withdrawn_session_cannot_be_signed_or_corrected(self, repo, team, held):
        withdraw_session(repo, held.peer_id, held.id, team["sup"].id, "Twice", clock=later(3))
        with pytest.raises(ValidationError, match="withdrawn"):
            sign_session(repo, held, team["peer"].id, clock=later(4))
        with pytest.raises(ValidationError, match="withdrawn"):
            begin_correction(repo, held.peer_id, held.id, team["sup"].id)

    def test_a_session_whose_items_were_taken_up_later_is_not_withdrawn(self, repo, team, held):
        later_one = make_session(team, when=datetime(2026, 11, 20, 10, 0))
        later_one.concern_updates.append(
            ConcernUpdate(held.concerns[0].id, ConcernStatus.IN_PROGRESS, note="Asked")
        )
        finish_session(repo, later_one, clock=later(1))
        with pytest.raises(ValidationError, match="correct it instead"):
            withdraw_session(repo, held.peer_id, held.id, team["sup"].id, "x", clock=later(3))
        assert repo.session(held.peer_id, held.id).status == SessionStatus.COMPLETED

    def test_withdrawing_a_session_and_then_the_one_it_updated_leaves_a_whole_record(
        self, repo, team, held, tmp_path
    ):
        later_one = make_session(team, when=datetime(2026, 11, 20, 10, 0))
        later_one.concern_updates.append(
            ConcernUpdate(held.concerns[0].id, ConcernStatus.IN_PROGRESS, note="Asked")
        )
        done = finish_session(repo, later_one, clock=later(1))
        withdraw_session(repo, done.peer_id, done.id, team["sup"].id, "Wrong", clock=later(2))
        withdraw_session(repo, held.peer_id, held.id, team["sup"].id, "Wrong", clock=later(3))
        assert records_whole(repo)
        raw = bundle_bytes(repo)
        import_into(tmp_path / "elsewhere", raw)
        assert check(tmp_path / "elsewhere").ok

    def test_withdrawing_reopens_what_the_session_settled(self, repo, team, held):
        later_one = make_session(team, when=datetime(2026, 11, 20, 10, 0))
        concern_id = held.concerns[0].id
        later_one.concern_updates.append(
            ConcernUpdate(concern_id, ConcernStatus.RESOLVED, note="Sorted")
        )
        done = finish_session(repo, later_one, clock=later(1))
        assert not repo.tracks(held.peer_id).concerns[concern_id].is_open
        withdraw_session(repo, done.peer_id, done.id, team["sup"].id, "Wrong peer", clock=later(2))
        assert repo.open_tracks(held.peer_id).concerns[concern_id].is_open
        assert records_whole(repo)


@on_both_backends
class TestTravelling:
    def test_amended_and_withdrawn_sessions_travel_in_a_bundle_whole(
        self, repo, team, signed, tmp_path
    ):
        correct(repo, signed, team["sup"].id, "Skill misheard", edit=reword)
        other = finish_session(
            repo, make_session(team, when=datetime(2026, 11, 18, 9, 0)), clock=later(7)
        )
        withdraw_session(repo, other.peer_id, other.id, team["sup"].id, "Twice", clock=later(8))
        raw = bundle_bytes(repo)
        import_into(tmp_path / "other", raw)
        with open_folder(tmp_path / "other", read_only=True, clock=fixed_clock) as there:
            amended = there.session(signed.peer_id, signed.id)
            assert amended == repo.session(signed.peer_id, signed.id)
            assert amended.amendments[0].previous.strengths[0].skill == "Listening"
            gone = there.session(other.peer_id, other.id)
            assert gone.status == SessionStatus.WITHDRAWN and gone.withdrawn.reason == "Twice"
            assert there.tallies()[signed.peer_id].sessions == 1
        assert check(tmp_path / "other").ok
        assert not import_into(tmp_path / "other", raw).changes_anything
