"""The fixed vocabularies of a supervision record.

Each value is a stable machine key (stored on disk, never shown) with a
plain-language label (shown to people). Labels use the respectful,
non-clinical words the domain asks for: "concern", not "deficit".
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a human label."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(label, value) pairs in declaration order, for select widgets."""
        return [(member.label, member.value) for member in cls]


class Role(Labelled):
    PEER = "peer"
    SUPERVISOR = "supervisor"


class Cadence(Labelled):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class SessionKind(Labelled):
    WEEKLY = "weekly"
    MONTHLY_AGENCY = "monthly_agency"
    JOINT_CALL = "joint_call"
    INFORMAL = "informal"


class SessionStatus(Labelled):
    DRAFT = "draft"
    COMPLETED = "completed"
    ACKNOWLEDGED = "acknowledged"
    WITHDRAWN = "withdrawn"  # kept and readable, but out of every figure


class RatingKey(Labelled):
    ROLE_CLARITY = "role_clarity"
    SUPPORTED = "supported"
    VALUED = "valued"
    WORKLOAD = "workload"


class KeyFunction(Labelled):
    """The four key functions of peer support (Peers for Progress)."""

    DAILY_MANAGEMENT = "daily_management"
    SOCIAL_EMOTIONAL = "social_emotional"
    LINKAGE = "linkage"
    ONGOING = "ongoing"
    NONE = "none"


class Fit(Labelled):
    IN_ROLE = "in_role"
    UNSURE = "unsure"
    DRIFTING = "drifting"


class Decision(Labelled):
    KEEP = "keep"
    RENEGOTIATE = "renegotiate"
    HAND_OFF = "hand_off"
    CASE_BY_CASE = "case_by_case"


class NoticedBy(Labelled):
    PEER = "peer"
    SUPERVISOR = "supervisor"
    TEAM = "team"
    CLIENT = "client"


class ConcernCategory(Labelled):
    WORKLOAD = "workload"
    ROLE_DRIFT = "role_drift"
    TEAM_CULTURE = "team_culture"
    CLIENT_SITUATION = "client_situation"
    TRAINING_NEED = "training_need"
    SELF_CARE = "self_care"
    ORGANISATIONAL = "organisational"
    OTHER = "other"


class ConcernStatus(Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class GoalArea(Labelled):
    TRAINING = "training"
    CONFERENCE = "conference"
    COP_LEAD = "cop_lead"
    ADAPTATION = "adaptation"
    CERTIFICATION = "certification"
    OTHER = "other"


class GoalStatus(Labelled):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    DROPPED = "dropped"


class FeedbackKey(Labelled):
    """Statements the peer rates about the supervision itself."""

    UNDERSTANDS_ROLE = "understands_role"
    MEET_AS_NEEDED = "meet_as_needed"
    FOLLOWED_UP = "followed_up"
    ADVOCATES = "advocates"
    TEAM_MEMBER = "team_member"


class Section(Labelled):
    """The steps of a session, in the order they are walked through."""

    CHECK_IN = "check_in"
    STRENGTHS = "strengths"
    ROLE = "role"
    CONCERNS = "concerns"
    GOALS = "goals"
    FEEDBACK = "feedback"
    WRAP_UP = "wrap_up"


class ContactKind(Labelled):
    """How an informal contact between sessions happened."""

    TEXT = "text"
    CALL = "call"
    DROP_IN = "drop_in"
    EMAIL = "email"
    OTHER = "other"


class Carry(Labelled):
    """What an informal contact asks of the next session."""

    NOTHING = "nothing"
    AGENDA = "agenda"
    CONCERN = "concern"


_LABELS: dict[str, dict[str, str]] = {
    "Role": {"peer": "Peer specialist", "supervisor": "Supervisor"},
    "Cadence": {
        "weekly": "Weekly",
        "fortnightly": "Every two weeks",
        "monthly": "Monthly",
    },
    "SessionKind": {
        "weekly": "Weekly structured supervision",
        "monthly_agency": "Monthly, with the housing agency",
        "joint_call": "Joint call",
        "informal": "Informal check-in",
    },
    "SessionStatus": {
        "draft": "Draft",
        "completed": "Completed, awaiting sign-off",
        "acknowledged": "Signed off by both",
        "withdrawn": "Withdrawn",
    },
    "RatingKey": {
        "role_clarity": "Role clarity",
        "supported": "Feeling supported",
        "valued": "Feeling valued and included in decisions",
        "workload": "Workload feels manageable",
    },
    "KeyFunction": {
        "daily_management": "Help with daily management",
        "social_emotional": "Social and emotional support",
        "linkage": "Linkage to care and community resources",
        "ongoing": "Ongoing support over time",
        "none": "None of the four",
    },
    "Fit": {
        "in_role": "In role",
        "unsure": "Unsure",
        "drifting": "Drifting from the peer role",
    },
    "Decision": {
        "keep": "Keep doing it",
        "renegotiate": "Renegotiate it",
        "hand_off": "Hand it off",
        "case_by_case": "Peer decides case by case",
    },
    "NoticedBy": {
        "peer": "The peer",
        "supervisor": "The supervisor",
        "team": "The team",
        "client": "Client feedback",
    },
    "ConcernCategory": {
        "workload": "Workload",
        "role_drift": "Role drift",
        "team_culture": "Team culture or stigma",
        "client_situation": "A client situation",
        "training_need": "Training need",
        "self_care": "Self-care",
        "organisational": "Organisational barrier",
        "other": "Other",
    },
    "ConcernStatus": {
        "open": "Open",
        "in_progress": "In progress",
        "resolved": "Resolved",
    },
    "GoalArea": {
        "training": "Training",
        "conference": "Conference or presentation",
        "cop_lead": "Leading a community-of-practice call",
        "adaptation": "Adapting the intervention",
        "certification": "Certification",
        "other": "Other",
    },
    "GoalStatus": {
        "active": "Active",
        "paused": "Paused",
        "completed": "Completed",
        "dropped": "Set aside",
    },
    "FeedbackKey": {
        "understands_role": "My supervisor understands my role",
        "meet_as_needed": "I can meet as often as I need",
        "followed_up": "When I raise a concern, it gets followed up",
        "advocates": "My supervisor advocates for me",
        "team_member": "I am treated like any other team member",
    },
    "Section": {
        "check_in": "Check-in",
        "strengths": "Strengths",
        "role": "Role negotiation",
        "concerns": "Concerns",
        "goals": "Development goals",
        "feedback": "Feedback on supervision",
        "wrap_up": "Wrap-up",
    },
    "ContactKind": {
        "text": "Text message",
        "call": "Phone call",
        "drop_in": "Drop-in",
        "email": "Email",
        "other": "Other",
    },
    "Carry": {
        "nothing": "Nothing more",
        "agenda": "Carry it into the next session's agenda",
        "concern": "Raise it as a concern at the next session",
    },
}
