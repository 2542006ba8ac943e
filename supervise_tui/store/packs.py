"""Prompt packs: the questions shown beside each step of a session.

Packs are TOML files. The built-in ones ship inside the package; people can
add their own in ``<config folder>/prompts/``. A user pack with the id of a
built-in pack replaces it. A malformed pack is reported (file and field) and
skipped; the other packs still load.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..config import user_prompts_dir
from ..domain.enums import GroupKind, Section, SessionKind
from ..domain.text import NAME_MAX, SHORT_MAX

_PACKAGED = Path(__file__).parent.parent / "_packs"
_SOURCE_TREE = Path(__file__).resolve().parent.parent.parent / "prompts"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_PACK_BYTES = 256 * 1024


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    source: str  # the framework the prompt comes from


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    version: int
    kind: SessionKind
    description: str
    sections: dict[Section, tuple[Prompt, ...]]
    origin: Path
    builtin: bool = True

    def prompts(self, section: Section) -> tuple[Prompt, ...]:
        return self.sections.get(section, ())


@dataclass
class PackProblem:
    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        where = f" (field {self.field})" if self.field else ""
        return f"Prompt pack {self.path}{where}: {self.message}"


class PackError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class Library:
    packs: dict[str, Pack] = field(default_factory=dict)
    problems: list[PackProblem] = field(default_factory=list)
    group_packs: dict = field(default_factory=dict)  # id -> GroupPack (group_packs.py)

    def for_group(self, kind: GroupKind):
        """The group pack that suits a kind of group session (else any group pack)."""
        packs = sorted(self.group_packs.values(), key=lambda p: (p.kind != kind, p.builtin, p.id))
        return packs[0] if packs else None

    def for_kind(self, kind: SessionKind) -> Pack | None:
        """The pack that suits a session kind: a user's own first, else the built-in."""
        suited = [p for p in self.packs.values() if p.kind == kind]
        suited.sort(key=lambda p: (p.builtin, p.id))
        return suited[0] if suited else None

    def get(self, pack_id: str) -> Pack | None:
        return self.packs.get(pack_id)


def builtin_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


def parse_pack(data: object, origin: Path, builtin: bool = False) -> Pack:
    """Check a parsed TOML document; raise PackError naming the field."""
    if not isinstance(data, dict):
        raise PackError("", "a pack must be a TOML document")
    pack_id = _text(data, "id", 40)
    if not _ID.match(pack_id):
        raise PackError("id", "use lower-case letters, digits and dashes (e.g. 'weekly-short')")
    title = _text(data, "title", NAME_MAX)
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PackError("version", "must be a whole number, 1 or more")
    kind_raw = _text(data, "kind", 40)
    if kind_raw in {k.value for k in GroupKind}:
        from .group_packs import parse_group_pack

        description = data.get("description", "")
        if not isinstance(description, str) or len(description) > SHORT_MAX:
            raise PackError("description", f"must be text of at most {SHORT_MAX} characters")
        return parse_group_pack(data, origin, builtin, (pack_id, title, version, description))
    try:
        kind = SessionKind(kind_raw)
    except ValueError:
        allowed = ", ".join([*SessionKind, *GroupKind])
        raise PackError("kind", f"must be one of {allowed}") from None
    description = data.get("description", "")
    if not isinstance(description, str) or len(description) > SHORT_MAX:
        raise PackError("description", f"must be text of at most {SHORT_MAX} characters")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise PackError("sections", "a pack needs at least one [[sections]] table")
    sections: dict[Section, tuple[Prompt, ...]] = {}
    for i, raw in enumerate(raw_sections):
        where = f"sections[{i}]"
        if not isinstance(raw, dict):
            raise PackError(where, "each section must be a table")
        key_raw = raw.get("key")
        try:
            key = Section(key_raw)
        except ValueError:
            allowed = ", ".join(s.value for s in Section)
            raise PackError(f"{where}.key", f"must be one of {allowed}") from None
        if key in sections:
            raise PackError(f"{where}.key", f"the section {key.value!r} appears twice")
        prompts_raw = raw.get("prompts", [])
        if not isinstance(prompts_raw, list):
            raise PackError(f"{where}.prompts", "must be a list of [[sections.prompts]] tables")
        prompts = []
        seen = set()
        for j, p in enumerate(prompts_raw):
            pwhere = f"{where}.prompts[{j}]"
            if not isinstance(p, dict):
                raise PackError(pwhere, "each prompt must be a table")
            try:
                pid = _text(p, "id", 40)
                text = _text(p, "text", SHORT_MAX)
                source = _text(p, "source", NAME_MAX)
            except PackError as error:
                raise PackError(f"{pwhere}.{error.field}", error.message) from None
            if not _ID.match(pid):
                raise PackError(f"{pwhere}.id", "use lower-case letters, digits and dashes")
            if pid in seen:
                raise PackError(f"{pwhere}.id", f"the prompt id {pid!r} appears twice")
            seen.add(pid)
            prompts.append(Prompt(pid, text, source))
        sections[key] = tuple(prompts)
    ordered = {s: sections[s] for s in Section if s in sections}
    return Pack(pack_id, title, version, kind, description, ordered, origin, builtin)


def _text(data: dict, key: str, limit: int) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(key, "is missing or empty")
    if len(value) > limit:
        raise PackError(key, f"is longer than {limit} characters")
    return value.strip()


def load_file(path: Path, builtin: bool = False) -> Pack:
    from .files import read_limited

    try:
        # a regular file only (a FIFO would hang, a link to /dev/zero never ends)
        raw = read_limited(path, MAX_PACK_BYTES, "prompt pack")
    except ValueError as error:
        raise PackError("", str(error).rstrip(".").replace(f"{path} ", "the file ", 1)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PackError("", "the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError("", f"it is not valid TOML ({error})") from None
    except RecursionError:
        raise PackError("", "it is nested too deeply to be a prompt pack") from None
    return parse_pack(data, path, builtin)


def load_library(user_dir: Path | None = None) -> Library:
    """Built-in packs, then the user's own (which may replace a built-in by id)."""
    library = Library()
    folders = [(builtin_dir(), True), (user_dir or user_prompts_dir(), False)]
    for folder, builtin in folders:
        if not folder.is_dir():
            continue
        seen_here: dict[str, Path] = {}
        for path in sorted(folder.glob("*.toml")):
            try:
                pack = load_file(path, builtin)
            except PackError as error:
                library.problems.append(PackProblem(path, error.field, error.message))
                continue
            except (ValueError, RecursionError, MemoryError):  # whatever else a file holds
                library.problems.append(PackProblem(path, "", "it could not be read as a pack"))
                continue
            if pack.id in seen_here:
                library.problems.append(
                    PackProblem(
                        path,
                        "id",
                        f"the id {pack.id!r} is already used by "
                        f"{seen_here[pack.id].name}; this file was skipped",
                    )
                )
                continue
            seen_here[pack.id] = path
            if isinstance(pack, Pack):
                library.packs[pack.id] = pack
            else:  # a group pack (group_packs.py)
                library.group_packs[pack.id] = pack
    return library
