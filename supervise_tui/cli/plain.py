"""`supervise session --plain`: a whole session on plain lines, for a screen reader or a
braille display (or answers piped in). The same use cases and store as the TUI: the same
draft, autosaved after every answer and resumable; finished and signed off by the same
rules (a session awaiting a signature may be signed here later; a peer signed in only
signs). The end of input keeps what there is and says so (exit 1)."""

from __future__ import annotations

from ..domain.dates import human_datetime, parse_datetime
from ..domain.enums import Role, SessionKind, SessionStatus
from ..domain.errors import ValidationError
from ..domain.models import Person, Session
from ..services.walkthrough import step_name
from .common import EXIT_FAIL, EXIT_OK, Ctx, UsageError, open_records
from .plain_io import Command, EndOfInput, Lines
from .plain_sign import sign_off, signable

EXIT_STOPPED = 130  # Ctrl+C, as the other commands


def cmd_session(ctx: Ctx, args) -> int:
    if not args.plain:
        raise UsageError(
            "add --plain for the session line by line (`supervise` opens the app for one)"
        )
    lines = Lines()
    with open_records(ctx) as store:
        me = store.person(store.signed_in) if store.signed_in not in (None, "recovery") else None
        started: list[Session] = []  # the draft once there is one, then the held session
        try:
            return _session(ctx, store, lines, me, args.peer, started)
        except (EndOfInput, KeyboardInterrupt) as stop:
            why = "The input ended" if isinstance(stop, EndOfInput) else "Stopped"
            if not started:
                lines.say(f"{why} before a session was started: nothing was changed.")
            elif started[-1].status == SessionStatus.DRAFT:
                lines.say(f"{why}: the draft is kept. Run the same command again to resume it.")
            else:
                lines.say(f"{why}: the session is finished and kept, awaiting sign-off.")
            return EXIT_FAIL if isinstance(stop, EndOfInput) else EXIT_STOPPED


def _session(ctx: Ctx, store, lines: Lines, me, peer_name: str | None, started: list) -> int:
    from ..services.questions import Walk
    from ..store.packs import load_library
    from ..usecases.ideas import ideas_named
    from ..usecases.people import find_person, visible_peers
    from .plain_walk import Walker

    if me is not None and me.role == Role.PEER:
        peer = me  # a peer signs their own sessions here; a supervisor runs them
    elif peer_name:
        peer = find_person(store, peer_name, Role.PEER)
    else:
        peers = [p for p in visible_peers(store) if p.active]
        if not peers:
            lines.say("There is no peer specialist yet: add one in the app first (People).")
            return EXIT_FAIL
        peer = peers[_pick(lines, "Which peer specialist is this session with", peers)]
    people = {p.id: p for p in store.people()}
    library = load_library()
    chosen = _what(ctx, store, lines, me, peer, people)
    if isinstance(chosen, Session) and chosen.status != SessionStatus.DRAFT:
        started.append(chosen)
        return sign_off(ctx, store, lines, me, chosen, people, store.tracks(peer.id))
    if chosen is None and me is not None and me.role == Role.PEER:
        lines.say("Nothing of yours is waiting for sign-off.")
        return EXIT_OK
    lines.say(
        f"A session with {peer.name}, line by line. Enter alone keeps an answer as it is; "
        "at any question, help says what the step is for and the words that steer "
        "(back, skip, done, finish)."
    )
    draft = chosen or _start(ctx, store, lines, me, peer, library)
    if draft is None:
        return EXIT_FAIL
    started.append(draft)
    today = ctx.today() if chosen else draft.when.date()  # as the TUI has it
    tracks = store.tracks(peer.id)
    walk = Walk(draft, tracks, people, today, ideas_named(store, draft, tracks))
    held = Walker(lines, store, walk, library.get(draft.pack_id), ctx).run()
    started.append(held)  # finished: no draft any more
    return sign_off(ctx, store, lines, me, held, people, walk.tracks, finished=True)


def _pick(lines: Lines, question: str, people: list[Person]) -> int:
    while True:
        chosen = lines.choose(question, [p.display for p in people])
        if isinstance(chosen, int):
            return chosen
        lines.say("Please choose one by its number.")


def _what(ctx, store, lines: Lines, me, peer: Person, people) -> Session | None:
    """What this run is for, when there is a choice: the peer's unfinished session to
    resume, a finished one awaiting a signature that may be given here, or (None) a new
    session. A peer signed in only signs."""
    from ..usecases.sessions import awaiting_signoff

    own = me is not None and me.role == Role.PEER
    drafts = [] if own else [d for d in store.drafts() if d.peer_id == peer.id]
    waiting = [store.session(peer.id, r.id, r.when.year) for r in awaiting_signoff(store, peer.id)]
    waiting = [s for s in waiting if signable(s, me)]
    if not drafts and not waiting:
        return None
    options = [
        f"Resume the session of {human_datetime(d.when)}, {d.kind.label.lower()}, "
        f"at {step_name(d.step).lower() if d.step else 'the start'}"
        for d in drafts
    ]
    options += [
        f"Sign off the session of {human_datetime(s.when)} (awaiting "
        f"{', '.join(_name(people, p) for p in signable(s, None))})"
        for s in waiting
    ]
    if drafts:
        lines.say(f"{peer.name} has a session in progress.")
    if not own:
        options.append("Start a new session")
    default = 0 if drafts or own else len(options) - 1  # resume, else a new session
    hint = "Enter: " + ("resume it" if drafts else "the first" if own else "a new session")
    while True:
        chosen = lines.choose("What now", options, blank=hint)
        if not isinstance(chosen, Command):
            break
        lines.say("Choose by number.")
    chosen = default if chosen is None else chosen
    found = [*drafts, *waiting]
    return found[chosen] if chosen < len(found) else None


def _name(people: dict[str, Person], person_id: str) -> str:
    return people[person_id].name if person_id in people else "someone no longer listed"


def _start(ctx, store, lines, me, peer, library) -> Session | None:
    from ..usecases.sessions import start_session, usual_supervisors

    sups = [p for p in store.people(role=Role.SUPERVISOR) if p.active]
    if not sups:
        lines.say("There is no active supervisor yet: add one in the app first (People).")
        return None
    usual = usual_supervisors(store, peer.id, me.id if me else None)
    chosen = _supervisors(lines, sups, usual)
    kinds = list(SessionKind)
    picked = lines.choose("Kind of session", [k.label for k in kinds], blank="Enter: weekly")
    kind = kinds[picked] if isinstance(picked, int) else SessionKind.WEEKLY
    while True:
        text = lines.read("When (Enter for now; or for example today 14:30):").strip()
        try:
            when = parse_datetime(text or "now", ctx.local_now())
            break
        except ValidationError as error:
            lines.say(error.message)
    pack = library.for_kind(kind)
    lines.say(f"On {human_datetime(when)}." + (f" Prompts from: {pack.title}." if pack else ""))
    return start_session(store, peer, chosen, kind, when, pack.id if pack else "", clock=ctx.clock)


def _supervisors(lines: Lines, sups: list[Person], usual: list[str]) -> list[str]:
    names = ", ".join(p.name for p in sups if p.id in usual)
    lines.say("Who supervises in this session (more than one is welcome):")
    for number, person in enumerate(sups, 1):
        lines.say(f"{number}. {person.display}", indent="  ")
    while True:
        ask = "Numbers, with spaces between" + (f" (Enter for {names})" if names else "")
        typed = lines.read(ask + ":").strip()
        answer = typed.replace(",", " ").split()
        chosen = usual if not answer else []
        if answer and all(a.isdigit() and 1 <= int(a) <= len(sups) for a in answer):
            chosen = list(dict.fromkeys(sups[int(a) - 1].id for a in answer))
        named = [p.id for p in sups if p.display.casefold().startswith(typed.casefold())]
        if typed and not chosen and len(named) == 1:  # one name will do too
            chosen = named
        if chosen:
            lines.say(", ".join(p.name for p in sups if p.id in chosen) + ".")
            return chosen
        lines.say(f"Please type one or more numbers from 1 to {len(sups)}, or one name.")
