"""The invented words the demo is made of: people's names, sites, and the activities,
strengths, concerns, goals and actions its sessions pick from (:mod:`.demo`). Everything
here is fictional."""

from __future__ import annotations

from ..domain.enums import ConcernCategory, Fit, GoalArea, KeyFunction

SUPERVISORS = ["Dana Whitfield", "Marcus Oyelaran", "Priya Castellanos"]
PEERS = [
    "Jordan Ellery",
    "Sam Okonkwo-Reyes",
    "Alex Marchetti",
    "Robin Takahashi",
    "Casey Lindqvist",
    "Taylor Abernathy",
    "Morgan Delacroix",
    "Jamie Achterberg",
    "Riley Nakamura-Hart",
    "Quinn Oduya",
    "Avery Sorensen",
    "Rowan Baptiste",
]
SITES = ["Maple Court", "Harbor House", "Linden Street"]

ACTIVITIES = [
    ("Walking a resident to a benefits appointment", KeyFunction.LINKAGE, Fit.IN_ROLE),
    ("Co-leading the healthy-lifestyle group", KeyFunction.DAILY_MANAGEMENT, Fit.IN_ROLE),
    ("Sharing recovery story at house meeting", KeyFunction.SOCIAL_EMOTIONAL, Fit.IN_ROLE),
    ("Filling in medication logs for the nurse", KeyFunction.NONE, Fit.DRIFTING),
    ("Writing case notes for the case manager", KeyFunction.NONE, Fit.DRIFTING),
    ("Checking in by phone after a hospital stay", KeyFunction.ONGOING, Fit.IN_ROLE),
    ("Covering the front desk", KeyFunction.NONE, Fit.UNSURE),
    ("Helping a resident plan weekly meals", KeyFunction.DAILY_MANAGEMENT, Fit.IN_ROLE),
    ("Enforcing house rules at the door", KeyFunction.NONE, Fit.DRIFTING),
    ("Going with a resident to a support group", KeyFunction.LINKAGE, Fit.IN_ROLE),
]
STRENGTHS = [
    ("Listening without fixing", "Stayed with a resident through a hard conversation."),
    ("Building trust", "A resident who avoids staff asked for them by name."),
    ("Sharing lived experience with purpose", "Used their own story to open up a group."),
    ("Staying calm under pressure", "Kept a tense hallway moment from escalating."),
    ("Connecting people to resources", "Found a food pantry that takes walk-ins."),
    ("Advocating for residents", "Spoke up in the team meeting about a move-out."),
    ("Follow-through", "Every promised call this week was made."),
]
CONCERNS = [
    ("Asked to do paperwork that belongs to case management", ConcernCategory.ROLE_DRIFT),
    ("Caseload too high this month", ConcernCategory.WORKLOAD),
    ("Not invited to the team's care meetings", ConcernCategory.TEAM_CULTURE),
    ("A co-worker called peers 'helpers', not staff", ConcernCategory.TEAM_CULTURE),
    ("Unsure how to respond when a resident talks about relapse", ConcernCategory.TRAINING_NEED),
    ("Feeling worn out after a crisis week", ConcernCategory.SELF_CARE),
    ("No private room for one-to-one conversations", ConcernCategory.ORGANISATIONAL),
    ("A resident's eviction notice", ConcernCategory.CLIENT_SITUATION),
    ("Schedule changes announced without notice", ConcernCategory.ORGANISATIONAL),
]
RESOLUTIONS = [
    "Supervisor raised it with the agency; the task went back to case management.",
    "Agreed a cap and moved two residents to another peer.",
    "Peer now attends the Tuesday care meeting.",
    "Training booked and attended.",
    "Took two days off; check-ins every morning for a week.",
    "Agency freed up the small meeting room on weekdays.",
]
GOALS = [
    ("Lead a community-of-practice call", GoalArea.COP_LEAD),
    ("Present at the state peer conference", GoalArea.CONFERENCE),
    ("Finish the certification renewal", GoalArea.CERTIFICATION),
    ("Adapt the lifestyle sessions for residents who work nights", GoalArea.ADAPTATION),
    ("Complete motivational interviewing training", GoalArea.TRAINING),
]
SUP_ACTIONS = [
    "Ask the agency to add the peer to the care-meeting invite",
    "Send the conference call-for-proposals",
    "Talk to the site manager about the meeting room",
    "Write a one-page description of the peer role for agency staff",
]
PEER_ACTIONS = [
    "Draft the outline for the community-of-practice call",
    "Book the training date",
    "Keep a note of on-the-spot decisions this week",
    "Share the food-pantry list with the team",
]
ARRIVING = [
    "Tired but glad to be here.",
    "Good week, a bit rushed.",
    "Bit anxious about the audit.",
    "Feeling steady.",
    "Busy, lots happening at the house.",
    "Ready to talk about the meeting.",
]
