"""Informal contacts: the rules, where they are kept, what they count for, what they carry
into the next session, how they travel in a bundle, and the command line."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from supervise_tui.cli import main
from supervise_tui.domain.contacts import Contact, carried_items, check_contact, since
from supervise_tui.domain.enums import Carry, ContactKind, SessionKind, SessionStatus
from supervise_tui.domain.errors import ValidationError
from supervise_tui.services import bundle as bundles
from supervise_tui.services.hours import check_targets, hours_of, parse_targets
from supervise_tui.services.periods import parse_period
from supervise_tui.store.check import check
from supervise_tui.store.errors import NotFound, Refused
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.contacts import (
    contacts_of,
    contacts_since_last,
    contacts_to_carry,
    find_contact,
    last_held,
    note_contact,
    remove_contact,
)
from supervise_tui.usecases.people import delete_person
from supervise_tui.usecases.sessions import finish_session, start_session
from tests.conftest import FIXED_NOW, fixed_clock, keep_sessions, on_both_backends
from tests.conftest import full_session as _full_session
from tests.unit.test_transfer import bundle_bytes, import_into

NOW = datetime(2026, 11, 22, 15, 0)  # FIXED_NOW as local time (TZ=UTC in tests)


def full_session(team):
    """A held session on Tue 17 Nov, 10:00."""
    session = _full_session(team)
    session.status = SessionStatus.COMPLETED
    return session


def note(repo, team, *, when=datetime(2026, 11, 20, 9, 30), minutes=10, **kw) -> Contact:
    kw.setdefault("kind", ContactKind.CALL)
    return note_contact(
        repo,
        peer_id=team[kw.pop("peer", "peer")].id,
        by=team[kw.pop("by", "sup")].id,
        when=when,
        minutes=minutes,
        clock=fixed_clock,
        **kw,
    )


# -- the rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"minutes": 0}, "minutes", "from 1 to 720"),
        ({"minutes": -5}, "minutes", "from 1 to 720"),
        ({"minutes": 721}, "minutes", "from 1 to 720"),
        ({"when": datetime(2026, 11, 22, 16, 0)}, "when", "still ahead"),
        ({"when": datetime(1926, 11, 22, 16, 0)}, "when", "typing slip"),
        ({"peer": "sup"}, "peer_id", "is not a peer specialist"),
        ({"by": "peer2"}, "by", "noted by a supervisor"),
        ({"carry": Carry.AGENDA}, "about", "what to carry"),
        ({"about": "x" * 301}, "about", "limit is 300"),
    ],
)
@on_both_backends
def test_a_contact_that_cannot_be_kept_is_refused_in_a_sentence_and_nothing_is_written(
    repo, team, change, field, words
):
    kw = {"minutes": 10, "when": datetime(2026, 11, 20, 9, 30), **change}
    with pytest.raises(ValidationError) as caught:
        note(repo, team, **kw)
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).count(".") >= 1 and "\n" not in str(caught.value)
    assert repo.contacts(team["peer"].id) == []


def test_the_note_is_kept_on_one_line_and_a_contact_a_minute_ahead_is_fine(team):
    people = {p.id: p for p in team.values()}
    contact = Contact(
        team["peer"].id,
        team["sup"].id,
        ContactKind.TEXT,
        datetime(2026, 11, 22, 15, 3),  # a slow clock on the phone
        5,
        about="  about the\n rota  ",
    )
    assert check_contact(contact, people, NOW).about == "about the rota"


def test_since_and_what_carried_contacts_bring(team):
    def c(day, carry=Carry.NOTHING, about="a word"):
        return Contact(team["peer"].id, team["sup"].id, ContactKind.CALL, day, 10, about, carry)

    before, agenda, concern = (
        c(datetime(2026, 11, 10, 9)),
        c(datetime(2026, 11, 20, 9), Carry.AGENDA, "the rota"),
        c(datetime(2026, 11, 21, 9), Carry.CONCERN, "a hard week"),
    )
    last = datetime(2026, 11, 17, 10)
    assert since([concern, before, agenda], last) == [agenda, concern]
    assert since([before], None) == [before]
    items, concerns = carried_items([agenda, concern])
    assert [i.text for i in items] == ["From a phone call on Fri 20 Nov 2026: the rota"]
    assert [(x.text, x.raised_by) for x in concerns] == [("a hard week", team["sup"].id)]


# -- kept, counted, carried ----------------------------------------------------------


def test_contacts_are_kept_by_year_read_by_period_and_removed(repo, team, data_dir):
    first = note(repo, team, when=datetime(2025, 12, 30, 17, 0), kind="text", minutes=5)
    second = note(repo, team, about="Asked about the training day")
    peer = team["peer"].id
    assert [c.id for c in repo.contacts(peer)] == [first.id, second.id]
    assert [c.id for c in repo.contacts(peer, start=datetime(2026, 1, 1).date())] == [second.id]
    assert (data_dir / "peers" / peer / "contacts-2025.json").exists()
    assert repo.contacts(team["peer2"].id) == []
    remove_contact(repo, first, clock=fixed_clock)
    assert [c.id for c in contacts_of(repo, peer)] == [second.id]
    assert [c.removed for c in repo.contacts(peer)] == [True, False]  # kept, marked
    with pytest.raises(NotFound):
        find_contact(repo, [peer], first.id)  # removed: not found again
    report = check(data_dir)
    assert report.ok, report.problems
    assert report.contacts == 2
    # a peer with contacts and no session yet, and a supervisor who noted one, keep them
    with pytest.raises(Refused):
        delete_person(repo, team["peer"].id)
    with pytest.raises(Refused):
        delete_person(repo, team["sup"].id)


@on_both_backends
def test_they_count_as_informal_time_towards_targets_and_by_supervisor(repo, team):
    note(repo, team, minutes=25)
    note(repo, team, minutes=20, by="sup2", when=datetime(2026, 11, 21, 12, 0))
    note(repo, team, minutes=40, when=datetime(2026, 10, 20, 12, 0))  # another month
    period = parse_period("this month", NOW.date())
    contacts = repo.contacts(team["peer"].id)
    hours = hours_of("Jordan", [], period, contacts)
    assert hours.minutes["informal"] == 45 and hours.contacts == 2 and hours.sessions == 0
    targets = parse_targets({"informal": "1 hour per month"})
    assert check_targets([], targets, NOW.date(), contacts) == [
        "45 min of 1 h 00 informal per month so far this month"
    ]
    from supervise_tui.usecases.hours import hours_for

    lines = hours_for(repo, period, NOW.date(), [], supervisor=team["sup2"])
    assert [(h.name, h.minutes["informal"]) for h in lines] == [("Jordan Ellery", 20)]


def start(repo, team, when=NOW):
    return start_session(
        repo, team["peer"], [team["sup"].id], SessionKind.WEEKLY, when, "", clock=fixed_clock
    )


@on_both_backends
def test_a_carried_contact_comes_into_the_next_session_once(repo, team):
    keep_sessions(repo, team["peer"].id, [full_session(team)])  # 17 Nov
    # noted late, dated before the last session: still carried (it asked to be)
    note(repo, team, when=datetime(2026, 11, 12, 9, 0), carry="agenda", about="noted late")
    note(repo, team, carry="agenda", about="the rota")
    note(repo, team, carry="concern", about="a hard week", when=datetime(2026, 11, 21, 9))
    note(repo, team, about="just a hello", when=datetime(2026, 11, 21, 10))
    peer = team["peer"]
    assert last_held(repo, peer.id) == datetime(2026, 11, 17, 10, 0)
    assert len(contacts_since_last(repo, peer.id)) == 3
    carried = ["noted late", "the rota", "a hard week"]
    assert [c.about for c in contacts_to_carry(repo, peer.id)] == carried
    draft = start(repo, team)
    assert [a.text for a in draft.agenda] == [
        "From a phone call on Thu 12 Nov 2026: noted late",
        "From a phone call on Fri 20 Nov 2026: the rota",
    ]
    assert [c.text for c in draft.concerns] == ["a hard week"]
    assert contacts_to_carry(repo, peer.id) == []  # brought in: not twice while it lasts
    draft.concerns.clear()  # talked about, not kept as a concern: fine
    finish_session(repo, draft, clock=fixed_clock)
    assert contacts_to_carry(repo, peer.id) == []
    assert contacts_since_last(repo, peer.id) == []
    # a session recorded afterwards, dated before the contacts, does not bring them again
    assert start(repo, team, when=datetime(2026, 11, 19, 10, 0)).agenda == []


@on_both_backends
def test_a_contact_whose_session_is_gone_is_carried_again(repo, team):
    from supervise_tui.usecases.corrections import withdraw_session
    from supervise_tui.usecases.sessions import discard_draft

    note(repo, team, carry="agenda", about="the rota")
    first = start(repo, team)
    discard_draft(repo, first.id)
    assert [c.about for c in contacts_to_carry(repo, team["peer"].id)] == ["the rota"]
    second = start(repo, team)
    assert len(second.agenda) == 1
    held = finish_session(repo, second, clock=fixed_clock)
    assert contacts_to_carry(repo, team["peer"].id) == []
    withdraw_session(repo, held.peer_id, held.id, team["sup"].id, "wrong peer", clock=fixed_clock)
    assert [c.about for c in contacts_to_carry(repo, team["peer"].id)] == ["the rota"]


# -- bundles ---------------------------------------------------------------------------


@on_both_backends
def test_contacts_travel_in_a_bundle_and_a_second_import_changes_nothing(repo, team, tmp_path):
    keep_sessions(repo, team["peer"].id, [full_session(team)])
    kept = note(repo, team, about="the rota", carry="agenda")
    raw = bundle_bytes(repo)
    data = json.loads(raw)
    assert data["format_version"] == 4 and [c["id"] for c in data["contacts"]] == [kept.id]
    plan = import_into(tmp_path / "other", raw)
    assert plan.count("contact", "added") == 1
    assert import_into(tmp_path / "other", raw).changes_anything is False
    with open_folder(tmp_path / "other", clock=fixed_clock) as other:
        assert other.contacts(team["peer"].id) == [kept]
    assert check(tmp_path / "other").ok


def test_an_older_bundle_without_contacts_still_imports(repo, team, tmp_path):
    keep_sessions(repo, team["peer"].id, [full_session(team)])
    data = json.loads(bundle_bytes(repo))
    data["format_version"] = 2
    data.pop("contacts", None)
    plan = import_into(tmp_path / "other", json.dumps(data).encode())
    assert plan.count("session", "added") == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"minutes": 9000}, "from 1 to 720 (12 hours) (at contacts[0].minutes)"),
        ({"when": "1926-11-20T09:30:00"}, "typing slip; please use a year between"),
        ({"about": "two\nlines"}, "must be one line (at contacts[0].about)"),
        ({"by": "nobody-here"}, "supervisor is not a known supervisor"),
        ({"about": "x" * 400}, "the limit is 300. Please shorten it (at contacts[0].about)"),
        ({"kind": "fax"}, "contacts[0].kind"),
    ],
)
def test_a_malformed_contact_in_a_bundle_refuses_the_whole_bundle(
    repo, team, tmp_path, change, words
):
    note(repo, team)
    data = json.loads(bundle_bytes(repo))
    data["contacts"][0].update(change)
    raw = json.dumps(data).encode()
    with pytest.raises(bundles.BundleError) as caught:
        import_into(tmp_path / "other", raw)
    assert words in str(caught.value)
    assert not (tmp_path / "other" / "peers").exists()


# -- the command line ------------------------------------------------------------------


def test_the_command_notes_lists_and_removes_contacts(repo, team, data_dir, capsys):
    repo.close()
    base = ["--data-dir", str(data_dir)]
    args = ["contact", *base, "--peer", "Jordan Ellery", "--kind", "call", "--minutes", "10"]
    args += ["--by", "Dana Whitfield"]
    assert main([*args, "--note", "the rota", "--carry", "agenda", "--when", "today 9:00"],
                clock=fixed_clock) == 0  # fmt: skip
    said = capsys.readouterr().out
    assert "Noted: a phone call with Jordan Ellery, 10 min, Sun 22 Nov 2026, 09:00" in said
    assert "agenda of the next session" in said and "the rota" not in said
    assert main(["contacts", *base, "--json"], clock=fixed_clock) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["peer"], c["by"], c["minutes"], c["carry"]) for c in listed] == [
        ("Jordan Ellery", "Dana Whitfield", 10, "agenda")
    ]
    assert main(["hours", *base, "--json"], clock=fixed_clock) == 0
    hours = json.loads(capsys.readouterr().out)
    jordan = next(p for p in hours["peers"] if p["peer"] == "Jordan Ellery")
    assert jordan["minutes"]["informal"] == 10 and jordan["informal_contacts"] == 1
    assert hours["total"]["informal_contacts"] == 1
    assert main(["history", *base, "--peer", "Jordan Ellery"], clock=fixed_clock) == 0
    assert "informal · Phone call, 10 min with Dana Whitfield — the rota" in (
        capsys.readouterr().out
    )
    assert main(["contact", *base, "--remove", listed[0]["id"][:6]], clock=fixed_clock) == 0
    assert main(["contacts", *base], clock=fixed_clock) == 0
    assert "No informal contacts noted." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "code", "words"),
    [
        (["--minutes", "1000"], 1, "from 1 to 720"),
        (["--minutes", "-3"], 1, "from 1 to 720"),
        (["--minutes", "ten"], 2, "invalid int value"),
        (["--minutes", "10", "--when", "tomorrow 9:00"], 1, "still ahead"),
        (["--minutes", "10", "--carry", "concern"], 1, "what to carry"),
        (["--minutes", "10", "--by", "Jordan Ellery"], 1, "no supervisor called"),
        (["--minutes", "10", "--kind", "fax"], 2, "invalid choice"),
        ([], 2, "needs --minutes"),
    ],
)
def test_bad_input_at_the_command_line_says_one_sentence_and_writes_nothing(
    repo, team, data_dir, capsys, extra, code, words
):
    repo.close()
    args = ["contact", "--data-dir", str(data_dir), "--peer", "Jordan Ellery"]
    if "--kind" not in extra:
        args += ["--kind", "call"]
    if "--by" not in extra:
        args += ["--by", "Dana Whitfield"]
    assert main([*args, *extra], clock=fixed_clock) == code
    err = capsys.readouterr().err
    assert words in err.lower() or words in err
    assert len(err.strip().splitlines()) == 1
    with open_folder(data_dir, clock=fixed_clock, read_only=True) as store:
        assert store.contacts(team["peer"].id) == []


def test_two_supervisors_and_none_named_asks_who(repo, team, data_dir, capsys):
    repo.close()
    args = ["contact", "--data-dir", str(data_dir), "--peer", "Robin Takahashi"]
    assert main([*args, "--kind", "text", "--minutes", "5"], clock=fixed_clock) == 2
    assert "--by NAME" in capsys.readouterr().err
    assert FIXED_NOW.tzinfo is not None


def test_in_an_encrypted_folder_a_contact_is_sealed_with_its_peers_key(locked_folder):
    from supervise_tui.store.errors import NoAccess
    from supervise_tui.usecases.security import sign_in

    from ..conftest import PASS

    folder, team, _ = locked_folder
    with open_folder(folder, clock=fixed_clock) as store:
        sign_in(store, "Dana Whitfield", PASS)
        for key in ("peer", "peer2"):
            note_contact(
                store,
                peer_id=team[key].id,
                by=team["sup"].id,
                kind="call",
                when=datetime(2026, 11, 20, 9, 0),
                minutes=10,
                about=f"a private word with {key}",
                clock=fixed_clock,
            )
    for path in folder.rglob("contacts-*.json"):
        assert b"private word" not in path.read_bytes()
    with open_folder(folder, clock=fixed_clock) as store:
        sign_in(store, "Robin Takahashi", "Robin Takahashi own words here")
        assert [c.about for c in store.contacts(team["peer2"].id)] == ["a private word with peer2"]
        with pytest.raises(NoAccess):
            store.contacts(team["peer"].id)
        assert check(folder, store.codec).ok


@on_both_backends
def test_a_removed_contact_stays_removed_when_an_older_bundle_comes_back(repo, team, tmp_path):
    kept = note(repo, team, about="the rota")
    raw = bundle_bytes(repo)
    import_into(tmp_path / "other", raw)
    with open_folder(tmp_path / "other", clock=fixed_clock) as other:
        remove_contact(other, other.contacts(team["peer"].id)[0], clock=fixed_clock)
    plan = import_into(tmp_path / "other", raw)  # the bundle still holds it
    assert plan.count("contact", "unchanged") == 1 and plan.count("contact", "added") == 0
    with open_folder(tmp_path / "other", clock=fixed_clock) as other:
        assert contacts_of(other, team["peer"].id) == []
        # and the removal travels: the first folder takes it from the second's bundle
        back = bundle_bytes(other)
    from supervise_tui.usecases.imports import apply_import, plan_import

    plan = plan_import(repo, bundles.parse_bundle(back))
    apply_import(repo, plan, clock=fixed_clock)
    assert plan.count("contact", "updated") == 1
    assert kept.id not in {c.id for c in contacts_of(repo, team["peer"].id)}


def test_check_names_a_contact_whose_contents_break_the_rules(repo, team, data_dir):
    import orjson

    kept = note(repo, team)
    repo.close()
    path = data_dir / "peers" / team["peer"].id / "contacts-2026.json"
    data = orjson.loads(path.read_bytes())
    data["contacts"][kept.id]["minutes"] = -50000
    path.write_bytes(orjson.dumps(data))
    report = check(data_dir)
    assert f"contact {kept.id}: invalid (minutes)" in " ".join(report.problems)


def test_in_an_encrypted_folder_only_a_supervisor_notes_or_removes_a_contact(locked_folder):
    from supervise_tui.usecases.security import sign_in

    from ..conftest import PASS

    folder, team, _ = locked_folder
    with open_folder(folder, clock=fixed_clock) as store:
        sign_in(store, "Dana Whitfield", PASS)
        kept = note(store, team, peer="peer2", by="sup2")
        # the lead signed in notes one for Robin: it is hers, not Robin's usual Marcus's
        from supervise_tui.usecases.contacts import default_by

        assert default_by(store, team["peer2"].id) == team["sup"].id
    with open_folder(folder, clock=fixed_clock) as store:
        sign_in(store, "Robin Takahashi", "Robin Takahashi own words here")
        with pytest.raises(Refused) as caught:
            note(store, team, peer="peer2", by="sup2")
        assert "noted and removed by a supervisor" in str(caught.value)
        with pytest.raises(Refused):
            remove_contact(store, kept, clock=fixed_clock)
        assert [c.id for c in contacts_of(store, team["peer2"].id)] == [kept.id]


def test_a_folder_where_a_peer_has_only_contacts_can_be_encrypted(repo, team, data_dir):
    from supervise_tui.usecases.security import encrypt_folder

    from ..conftest import PASS

    note(repo, team, peer="peer2", by="sup2")  # Robin: no session yet, one contact
    encrypt_folder(repo, team["sup"], PASS, PASS, clock=fixed_clock)
    assert not any(b"Robin" in p.read_bytes() for p in data_dir.rglob("*.json"))
    assert check(data_dir, repo.codec).ok
