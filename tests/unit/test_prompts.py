"""Prompt packs: the built-in ones, malformed ones, and a user's own."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from supervise_tui.domain.enums import Section, SessionKind
from supervise_tui.store.packs import PackError, load_library, parse_pack

GOOD = """
id = "my-pack"
title = "My own pack"
version = 2
kind = "weekly"

[[sections]]
key = "strengths"

[[sections.prompts]]
id = "one"
text = "What went well?"
source = "Stefancic et al. 2021: peer value and input"
"""


def test_builtin_packs_cover_every_step_of_the_weekly_session(tmp_path):
    library = load_library(tmp_path / "none")
    assert library.problems == []
    assert {"weekly", "monthly-agency", "informal", "joint-call"} <= set(library.packs)
    weekly = library.packs["weekly"]
    assert list(weekly.sections) == list(Section)
    assert all(p.source for prompts in weekly.sections.values() for p in prompts)
    assert library.for_kind(SessionKind.MONTHLY_AGENCY).id == "monthly-agency"
    assert library.for_kind(SessionKind.INFORMAL).id == "informal"


def test_every_builtin_prompt_names_its_framework(tmp_path):
    library = load_library(tmp_path / "none")
    sources = {
        p.source
        for pack in library.packs.values()
        for prompts in pack.sections.values()
        for p in prompts
    }
    assert any("Stefancic" in s for s in sources)
    assert any("key functions" in s.lower() for s in sources)
    assert any("Intentional Peer Support" in s for s in sources)
    assert any("N.A.P.S." in s for s in sources)


def test_user_pack_is_loaded_and_can_replace_a_builtin(tmp_path):
    user = tmp_path / "prompts"
    user.mkdir()
    (user / "mine.toml").write_text(GOOD)
    (user / "weekly.toml").write_text(GOOD.replace('"my-pack"', '"weekly"'))
    library = load_library(user)
    assert library.packs["my-pack"].builtin is False
    assert library.packs["weekly"].origin == user / "weekly.toml"
    assert library.for_kind(SessionKind.WEEKLY).builtin is False


def test_malformed_packs_are_reported_and_the_rest_still_load(tmp_path):
    user = tmp_path / "prompts"
    user.mkdir()
    (user / "broken.toml").write_text("id = 'x\n")
    (user / "nokind.toml").write_text(GOOD.replace('kind = "weekly"', 'kind = "daily"'))
    (user / "badprompt.toml").write_text(GOOD.replace('text = "What went well?"', ""))
    (user / "binary.toml").write_bytes(b"\xff\xfe\x00")
    library = load_library(user)
    assert "weekly" in library.packs
    problems = {p.path.name: p for p in library.problems}
    assert set(problems) == {"broken.toml", "nokind.toml", "badprompt.toml", "binary.toml"}
    assert problems["nokind.toml"].field == "kind"
    assert problems["badprompt.toml"].field == "sections[0].prompts[0].text"
    assert "not valid TOML" in problems["broken.toml"].message
    assert "badprompt.toml" in str(problems["badprompt.toml"])


def test_duplicate_section_and_prompt_ids(tmp_path):
    import tomllib

    data = tomllib.loads(GOOD)
    data["sections"].append(data["sections"][0])
    try:
        parse_pack(data, Path("x.toml"))
    except PackError as error:
        assert error.field == "sections[1].key"
    else:
        raise AssertionError("duplicate section accepted")


@settings(max_examples=200)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "title",
                        "version",
                        "kind",
                        "sections",
                        "key",
                        "prompts",
                        "text",
                        "source",
                    ]
                ),
                children,
                max_size=6,
            )
        ),
        max_leaves=30,
    )
)
def test_any_shape_is_a_pack_or_a_pack_error(data):
    try:
        pack = parse_pack(data, Path("fuzz.toml"))
    except PackError as error:
        assert error.message
    else:
        assert pack.id and pack.title
