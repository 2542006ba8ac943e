"""The steps of a session's walk-through, in order: one list for every way of walking it
(the TUI's step bar and the plain line-by-line mode)."""

from __future__ import annotations

from datetime import date

from ..domain.dates import human_date, parse_date
from ..domain.enums import Section
from ..domain.errors import ValidationError
from .draft_edit import past_but_meant_ahead

STEPS: list[tuple[str, str]] = [
    ("review", "Review"),
    ("check_in", "Check-in"),
    ("strengths", "Strengths"),
    ("role", "Role"),
    ("concerns", "Concerns"),
    ("ideas", "Ideas"),
    ("goals", "Goals"),
    ("feedback", "Feedback"),
    ("wrap_up", "Wrap-up"),
]
STEP_KEYS = [key for key, _ in STEPS]


def step_title(key: str) -> str:
    """The short title, for the step bar."""
    return dict(STEPS)[key]


def step_name(key: str) -> str:
    """The whole name, said in a sentence ("Role negotiation")."""
    return "Review of what is still open" if key == "review" else Section(key).label


def date_note(text: str, today: date, path: str = "") -> str:
    """What a typed date was understood as, for the line under the field; a date that
    should lie ahead (a target, a follow-up, a due date) but is past says so."""
    if not text.strip():
        return ""
    try:
        when = parse_date(text, today)
    except ValidationError as error:
        return error.message
    note = f"→ {human_date(when)}"
    if past_but_meant_ahead(path, when, today):
        note += " — that is in the past; add the year if you meant next year"
    return note


# What each step is for: the help for it, in every way of walking it.
STEP_HELP: dict[str, str] = {
    "review": (
        "Before anything new, look at what is still open from earlier sessions: concerns, "
        "ideas taken to the team, development goals and agreed actions (the supervisor's "
        "own included). For each, "
        "record what happened since, or leave it as it is. Follow-through that both people "
        "can see is what makes raising a concern worth it."
    ),
    "check_in": (
        "Start with the person, not the paperwork. Ask how the peer is arriving today and "
        "write it in their words. The four ratings (1 = not at all, 5 = fully) are check-ins "
        "to talk about, never a performance score; leave any of them blank."
    ),
    "strengths": (
        "Name the peer's specific skills, each with a concrete moment where it showed. "
        "Strengths come before concerns on purpose: peers who are told what they do well "
        "know how they are doing, and feel valued."
    ),
    "role": (
        "Role negotiation is a standing topic of every session. For each task or activity of "
        "the week, say which of the four key functions of peer support it serves, whether it "
        "fits the peer role (in role, unsure, or drifting towards case management or clinical "
        "work), why it was asked for, and what you agree. Unclear roles are the supervisor's "
        "to own. Over time this shows drift before it sets in."
    ),
    "concerns": (
        "What the peer raises must be followed up quickly and visibly. Write each concern in "
        "the peer's own words, choose a category, agree who owns it and when you will follow "
        "up. Open concerns come back at the start of every later session until resolved."
    ),
    "ideas": (
        "Peers hear what is not working for the people they serve, and often see how to "
        "fix it. Note each idea for the programme, and what clients are saying, in the "
        "peer's words (never a client's name). The supervisor takes it to the team; open "
        "ideas come back at the start of each session until the team decides, and the "
        "reason for the decision is told back to the peer."
    ),
    "goals": (
        "Professional development keeps peers growing: leading a community-of-practice call, "
        "presenting at a conference, a training or certification, adapting the intervention. "
        "Give each goal a next step small enough to do before next time. Progress is a rough "
        "percentage; goals stay on the list until completed or set aside."
    ),
    "feedback": (
        "The peer gives feedback on the supervision: does the supervisor understand the role, "
        "can they meet as often as needed, do concerns get followed up, does the supervisor "
        "advocate for them, are they treated like any other team member? Ratings are 1 "
        "(not at all) to 5 (fully). Consider handing the keyboard to the peer for this step."
    ),
    "wrap_up": (
        "Agree the actions, each with an owner and a due date. Some belong to the supervisor: "
        "advocating for the peer role inside the organisation is part of the job, and its "
        "follow-through shows in the record too. Confirm the next session date and let each "
        "person say a few closing words."
    ),
}


# What a list step says above its items, in a line or two (the TUI's intro).
STEP_INTRO: dict[str, str] = {
    "strengths": "Name a specific skill and a moment it showed. Who noticed it?",
    "role": (
        "Go through the week's activities: does each fit the peer role? "
        "Say why it was asked, and agree what happens next."
    ),
    "concerns": (
        "New concerns, in the peer's words. Each gets an owner and a follow-up "
        "date, and comes back next time until it is resolved."
    ),
    "ideas": (
        "Ideas for the programme, and what clients are saying, in the peer's words. "
        "Never write a client's name. Open ideas come back until the team decides."
    ),
    "goals": "New development goals. Earlier goals are updated in the Review step.",
    "wrap_up": (
        "Agreed actions (owner and due date), the next session, closing words. "
        "Then F6 for the summary and sign-off."
    ),
}
