"""The fixed vocabularies of a supervision record.

Each value is a stable machine key (stored on disk, never shown) with a
plain-language label (shown to people). Labels use the respectful,
non-clinical words the domain asks for: "concern", not "deficit".
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a human label beside their value:
    ``PEER = "peer", "Peer specialist"`` is the member with the value ``"peer"``."""

    _label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        return self._label

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(label, value) pairs in declaration order, for select widgets."""
        return [(member.label, member.value) for member in cls]


class Role(Labelled):
    PEER = "peer", "Peer specialist"
    SUPERVISOR = "supervisor", "Supervisor"


class Cadence(Labelled):
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Monthly"


class SessionKind(Labelled):
    WEEKLY = "weekly", "Weekly structured supervision"
    MONTHLY_AGENCY = "monthly_agency", "Monthly, with the housing agency"
    JOINT_CALL = "joint_call", "Joint call"
    INFORMAL = "informal", "Informal check-in"


class SessionStatus(Labelled):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed, awaiting sign-off"
    ACKNOWLEDGED = "acknowledged", "Signed off by both"
    WITHDRAWN = "withdrawn", "Withdrawn"  # kept and readable, but out of every figure


HELD = (SessionStatus.COMPLETED, SessionStatus.ACKNOWLEDGED)  # a session that took place


class RatingKey(Labelled):
    ROLE_CLARITY = "role_clarity", "Role clarity"
    SUPPORTED = "supported", "Feeling supported"
    VALUED = "valued", "Feeling valued and included in decisions"
    WORKLOAD = "workload", "Workload feels manageable"


class KeyFunction(Labelled):
    """The four key functions of peer support (Peers for Progress)."""

    DAILY_MANAGEMENT = "daily_management", "Help with daily management"
    SOCIAL_EMOTIONAL = "social_emotional", "Social and emotional support"
    LINKAGE = "linkage", "Linkage to care and community resources"
    ONGOING = "ongoing", "Ongoing support over time"
    NONE = "none", "None of the four"


class Fit(Labelled):
    IN_ROLE = "in_role", "In role"
    UNSURE = "unsure", "Unsure"
    DRIFTING = "drifting", "Drifting from the peer role"


class Decision(Labelled):
    KEEP = "keep", "Keep doing it"
    RENEGOTIATE = "renegotiate", "Renegotiate it"
    HAND_OFF = "hand_off", "Hand it off"
    CASE_BY_CASE = "case_by_case", "Peer decides case by case"


class NoticedBy(Labelled):
    PEER = "peer", "The peer"
    SUPERVISOR = "supervisor", "The supervisor"
    TEAM = "team", "The team"
    CLIENT = "client", "Client feedback"


class ConcernCategory(Labelled):
    WORKLOAD = "workload", "Workload"
    ROLE_DRIFT = "role_drift", "Role drift"
    TEAM_CULTURE = "team_culture", "Team culture or stigma"
    CLIENT_SITUATION = "client_situation", "A client situation"
    TRAINING_NEED = "training_need", "Training need"
    SELF_CARE = "self_care", "Self-care"
    ORGANISATIONAL = "organisational", "Organisational barrier"
    OTHER = "other", "Other"


class ConcernStatus(Labelled):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    RESOLVED = "resolved", "Resolved"


class GoalArea(Labelled):
    TRAINING = "training", "Training"
    CONFERENCE = "conference", "Conference or presentation"
    COP_LEAD = "cop_lead", "Leading a community-of-practice call"
    ADAPTATION = "adaptation", "Adapting the intervention"
    CERTIFICATION = "certification", "Certification"
    OTHER = "other", "Other"


class GoalStatus(Labelled):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    DROPPED = "dropped", "Set aside"


class FeedbackKey(Labelled):
    """Statements the peer rates about the supervision itself."""

    UNDERSTANDS_ROLE = "understands_role", "My supervisor understands my role"
    MEET_AS_NEEDED = "meet_as_needed", "I can meet as often as I need"
    FOLLOWED_UP = "followed_up", "When I raise a concern, it gets followed up"
    ADVOCATES = "advocates", "My supervisor advocates for me"
    TEAM_MEMBER = "team_member", "I am treated like any other team member"


class Section(Labelled):
    """The steps of a session, in the order they are walked through."""

    CHECK_IN = "check_in", "Check-in"
    STRENGTHS = "strengths", "Strengths"
    ROLE = "role", "Role negotiation"
    CONCERNS = "concerns", "Concerns"
    IDEAS = "ideas", "Ideas and what clients are saying"
    GOALS = "goals", "Development goals"
    FEEDBACK = "feedback", "Feedback on supervision"
    WRAP_UP = "wrap_up", "Wrap-up"


class ContactKind(Labelled):
    """How an informal contact between sessions happened."""

    TEXT = "text", "Text message"
    CALL = "call", "Phone call"
    DROP_IN = "drop_in", "Drop-in"
    EMAIL = "email", "Email"
    OTHER = "other", "Other"


class Carry(Labelled):
    """What an informal contact asks of the next session."""

    NOTHING = "nothing", "Nothing more"
    AGENDA = "agenda", "Carry it into the next session's agenda"
    CONCERN = "concern", "Raise it as a concern at the next session"


class GroupKind(Labelled):
    """A session with several peers at once."""

    COP = "cop", "Community-of-practice call"
    GROUP = "group", "Group supervision"


class IdeaKind(Labelled):
    """What an idea a peer raises is: their own, or what they heard from clients."""

    PROGRAMME = "programme", "An idea for the programme"
    CLIENTS = "clients", "What the people we serve are saying"


class IdeaStatus(Labelled):
    """An idea's life: noted, taken to the team, then decided (the reason told back)."""

    NOTED = "noted", "Noted"
    TAKEN = "taken", "Taken to the team"
    ADOPTED = "adopted", "Adopted"
    NOT_ADOPTED = "not_adopted", "Not adopted"
    ADAPTED = "adapted", "Adapted (adopted with changes)"

    @property
    def decided(self) -> bool:
        """The team has decided: the idea is no longer carried forward."""
        return self in (IdeaStatus.ADOPTED, IdeaStatus.NOT_ADOPTED, IdeaStatus.ADAPTED)

    @property
    def taken_up(self) -> bool:
        """Adopted as it was, or with changes: what trends count as adopted."""
        return self in (IdeaStatus.ADOPTED, IdeaStatus.ADAPTED)
