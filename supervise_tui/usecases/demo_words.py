"""The invented words the demo is made of (:mod:`.demo`), read from ``demo_words.toml``
beside this module: people's names, sites, and the activities, strengths, concerns, ideas,
goals and actions its sessions pick from. Everything there is fictional."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..domain.enums import (
    ConcernCategory,
    ContactKind,
    Fit,
    GoalArea,
    IdeaKind,
    IdeaStatus,
    KeyFunction,
)

_WORDS = tomllib.loads(Path(__file__).with_name("demo_words.toml").read_text(encoding="utf-8"))

SUPERVISORS: list[str] = _WORDS["supervisors"]
PEERS: list[str] = _WORDS["peers"]
SITES: list[str] = _WORDS["sites"]
ACTIVITIES = [(text, KeyFunction(key), Fit(fit)) for text, key, fit in _WORDS["activities"]]
STRENGTHS = [(skill, example) for skill, example in _WORDS["strengths"]]
CONCERNS = [(text, ConcernCategory(category)) for text, category in _WORDS["concerns"]]
RESOLUTIONS: list[str] = _WORDS["resolutions"]
GOALS = [(text, GoalArea(area)) for text, area in _WORDS["goals"]]
SUP_ACTIONS: list[str] = _WORDS["supervisor_actions"]
PEER_ACTIONS: list[str] = _WORDS["peer_actions"]
ARRIVING: list[str] = _WORDS["arriving"]
LEARNING: list[str] = _WORDS["learning"]
CONTACTS = [(ContactKind(kind), text) for kind, text in _WORDS["contacts"]]
CALLS = [(case, practice) for case, practice in _WORDS["calls"]]
CALL_WORDS: list[str] = _WORDS["call_words"]
IDEAS = [(text, IdeaKind(kind), IdeaStatus(d), why) for text, kind, d, why in _WORDS["ideas"]]
