"""Walking a draft on plain lines: every step of the TUI, one question at a time, each
answer put into the draft as the TUI puts what is typed, and the draft kept after
every answer. Ends when the session is finished (a held session) or the input ends."""

from __future__ import annotations

from datetime import date

from ..domain.errors import ValidationError
from ..domain.models import Session
from ..services.draft_edit import add_item, apply_input, error_path, field_warning, step_of
from ..services.draft_steps import is_blank, not_visited
from ..services.questions import Question, Walk, questions
from ..services.walkthrough import STEP_HELP, STEP_KEYS, date_note, step_name
from ..store.errors import StoreError
from ..store.packs import Pack
from ..usecases.sessions import finish_session, save_draft
from .common import Ctx
from .plain_io import Command, Lines, command_of

HOW = (
    "Type an answer and press Enter. Enter alone keeps what is there (or leaves it "
    "blank). Words that steer: back (the question before), skip (skip this step, "
    "come back any time), done (this step is done, go on), finish (to the summary "
    "and sign-off), clear (empty this answer), prompts (this step's questions to "
    "talk about), help. To write one of these words as your answer, add a full stop."
)


class Walker:
    def __init__(self, lines: Lines, store, walk: Walk, pack: Pack | None, ctx: Ctx) -> None:
        self.lines, self.store, self.walk, self.pack, self.ctx = lines, store, walk, pack, ctx
        step = walk.draft.step if walk.draft.step in STEP_KEYS else STEP_KEYS[0]
        self.step, self.index = step, 0
        self.draft.step = step
        if step in walk.draft.visited or any(walk.answer(q) for q in questions(step, walk)):
            self.index = self.unanswered()  # resumed: where it stopped

    def unanswered(self) -> int:
        """The first question of this step with no answer yet."""
        asked = questions(self.step, self.walk)
        return next((i for i, q in enumerate(asked) if not self.walk.answer(q)), len(asked))

    @property
    def draft(self) -> Session:
        return self.walk.draft

    def where(self) -> str:
        return (
            f"Step {STEP_KEYS.index(self.step) + 1} of {len(STEP_KEYS)}, "
            + step_name(self.step).lower()
        )

    # -- keeping --------------------------------------------------------------------

    def keep(self) -> None:
        """Autosave after every answer; a failure is said and the next answer retries."""
        try:
            self.walk.draft = save_draft(self.store, self.draft, clock=self.ctx.clock)
        except StoreError as error:
            self.lines.say(f"Not saved yet: {error} It is tried again after the next answer.")

    # -- moving -----------------------------------------------------------------------

    def announce(self) -> None:
        self.lines.say(f"\n{self.where()}.")
        if self.step == "check_in" and (self.draft.agenda or self.draft.peer_note.strip()):
            self.lines.say(f"{self.walk.peer_name} asked to talk about:")
            for item in self.draft.agenda:
                self.lines.say(f"- {item.text}", indent="  ")
            if self.draft.peer_note.strip():
                self.lines.say(f"Their note: {self.draft.peer_note}", indent="  ")
        count = len(self.prompts())
        if count:
            self.lines.say(f"{count} prompts for this step: type prompts to hear them.")

    def prompts(self):
        if self.pack is None or self.step == "review":
            return ()
        from ..domain.enums import Section

        return self.pack.prompts(Section(self.step))

    def go(self, step: str, index: int = 0) -> None:
        if self.step not in self.draft.visited:
            self.draft.visited.append(self.step)
        self.step, self.index = step, index
        self.draft.step = step
        self.keep()
        self.announce()

    def next_step(self) -> bool:
        """On to the next step; False after the last."""
        at = STEP_KEYS.index(self.step)
        if at + 1 == len(STEP_KEYS):
            return False
        self.go(STEP_KEYS[at + 1])
        return True

    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            return
        for step in reversed(STEP_KEYS[: STEP_KEYS.index(self.step)]):
            asked = questions(step, self.walk)
            if asked:
                self.go(step, len(asked) - 1)
                return
        self.lines.say("This is the first question.")

    # -- the walk ---------------------------------------------------------------------

    def run(self) -> Session:
        """Ask until the session is finished; returns the held session."""
        self.announce()
        while True:
            asked = questions(self.step, self.walk)
            if self.step == "review" and not asked:
                self.lines.say("Nothing is open from earlier sessions.")
            if self.index >= len(asked):
                if not self.next_step():
                    done = self.finish()
                    if done is not None:
                        return done
                continue
            result = self.ask(asked[self.index])
            if result == "next":
                self.index += 1
            elif result == "back":
                self.back()
            elif result in ("skip", "done"):
                if result == "skip" and self.step not in self.draft.skipped:
                    self.draft.skipped.append(self.step)
                if not self.next_step():
                    self.index = len(asked)
            elif result == "finish":
                done = self.finish()
                if done is not None:
                    return done

    def ask(self, question: Question) -> str:
        """One question, asked until answered; what to do next."""
        now = self.walk.answer(question)
        if question.before:
            self.lines.say(question.before)
        while True:
            label = f"{self.where()}. {question.label}"
            if question.kind == "choice":
                options = [label for label, _ in question.options]
                shown = dict((v, k) for k, v in question.options).get(now)
                if shown:
                    self.lines.say(f"Now: {shown}.")
                keeps = (
                    "Enter keeps it" if shown else f"Enter: {(question.blank or 'none').lower()}"
                )
                chosen = self.lines.choose(label, options, blank=keeps)
                if isinstance(chosen, Command):
                    return self.steer(chosen, question)
                if chosen is None:
                    return "next"
                raw = question.options[chosen][1]
            else:
                hint = {"rating": " (1 to 5)", "progress": " (0 to 100)"}.get(question.kind, "")
                if now:
                    self.lines.say(f"Now: {_shown(now, question.kind)}. Enter keeps it.")
                answer = self.lines.read(f"{label}{hint}:")
                command = command_of(answer)
                if command is not None:
                    return self.steer(command, question)
                if not answer.strip():
                    return "next"
                raw = answer.strip()[:-1] if _escaped(answer) else answer
            problem = self.put(question, raw)
            if problem is None:
                return "next"
            self.lines.say(problem)

    def put(self, question: Question, raw: str) -> str | None:
        """The answer into the draft, as the TUI puts typed text; kept at once. A problem
        is said and nothing of it is kept."""
        draft = self.draft
        path = question.path
        if question.adds:
            item = add_item(draft, question.adds)
            path = f"{question.adds}.{item.id}.{question.first}"
        before = draft.pending.get(path)
        problem = apply_input(draft, path, raw, today=self.walk.today, tracks=self.walk.tracks)
        if problem is not None:  # the field stays as it was (typed text not kept yet too)
            if before is None:
                draft.pending.pop(path, None)
            else:
                draft.pending[path] = before
            if question.adds:
                getattr(draft, question.adds).pop()
            return problem
        if question.kind == "date" and raw.strip():
            self.lines.say(date_note(raw, self.walk.today, path))
        warning = field_warning(path, raw, self.walk.known, draft)
        if warning:
            self.lines.say(f"A warning: {warning}")
        self.keep()
        return None

    def steer(self, command: Command, question: Question) -> str:
        word = command.word
        if word == "help":
            self.lines.say(f"{self.where()}. {STEP_HELP[self.step]}")
            self.lines.say(HOW)
            return "again"
        if word == "prompts":
            said = self.prompts() or ()
            for number, prompt in enumerate(said, 1):
                self.lines.say(f"{number}. {prompt.text}", indent="  ", hang=len(f"{number}. "))
            if not said:
                self.lines.say("This step has no prompts in this session's pack.")
            return "again"
        if word == "clear":
            if question.path and not question.adds:
                self.put(question, "")
                self.lines.say("Cleared.")
            return "next"
        return word

    # -- finishing ------------------------------------------------------------------------

    def finish(self) -> Session | None:
        """Asked once, naming any step not visited; then the use case keeps it. A rule it
        breaks takes the walk to that question."""
        steps = [k for k in STEP_KEYS if k != "review" or questions(k, self.walk)]
        missing = [step_name(k) for k in not_visited(self.draft, steps, self.step)]
        if is_blank(self.draft, STEP_KEYS):
            question = "Nothing has been written in this session yet. Finish it anyway?"
        elif missing:
            question = f"Not visited yet: {', '.join(missing)}. Finish this session?"
        else:
            question = "Finish this session? It is then kept, awaiting both signatures."
        if not self.lines.yes_no(question):
            self.lines.say(f"Back to {self.where()}.")
            self.index = max(0, min(self.index, len(questions(self.step, self.walk)) - 1))
            return None
        if self.step not in self.draft.visited:
            self.draft.visited.append(self.step)
        try:
            return finish_session(self.store, self.draft, clock=self.ctx.clock)
        except ValidationError as error:
            self.lines.say(f"Not finished yet: {error.message}")
            if error.field:
                self.to_path(error_path(self.draft, error.field))
        except StoreError as error:
            self.lines.say(f"Not finished yet: {error} The draft is kept.")
        return None

    def to_path(self, path: str) -> None:
        step = step_of(path)
        if step not in STEP_KEYS:
            return
        if step != self.step:
            self.go(step)
        asked = questions(step, self.walk)
        self.index = next((i for i, q in enumerate(asked) if q.path and path.startswith(q.path)), 0)


def _escaped(answer: str) -> bool:
    """A steering word written as an answer, with a full stop after it ("done.")."""
    text = answer.strip()
    return text.endswith(".") and command_of(text[:-1]) is not None


def _shown(value: str, kind: str) -> str:
    """A field's value as said: a date in words."""
    if kind == "date":
        from ..domain.dates import human_date

        try:
            return human_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value
