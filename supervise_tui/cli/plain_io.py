"""Plain lines in and out, for the line-by-line session: short lines, numbered choices,
no colours, no cursor movement, nothing cleared. What a screen reader reads is exactly
what is written, top to bottom."""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass

WIDTH = 72
ROOM = 40  # the most of a question on the line where the answer is typed
COMMANDS = ("help", "skip", "back", "done", "finish", "clear", "prompts")
YES, NO = ("y", "yes"), ("n", "no")


class EndOfInput(Exception):
    """The input ended (Ctrl+D, or the end of piped answers)."""


@dataclass(frozen=True)
class Command:
    word: str  # one of COMMANDS


def command_of(answer: str) -> Command | None:
    word = answer.strip().lower()
    if word == "?":
        word = "help"
    return Command(word) if word in COMMANDS else None


class Lines:
    """The conversation: says lines, asks one question at a time."""

    def __init__(self, stdin=None, stdout=None, width: int = WIDTH) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.width = width
        self.echo = not _is_terminal(self.stdin)

    def say(self, text: str = "", indent: str = "", hang: int = 0) -> None:
        """Wrapped at the width; ``hang`` indents the lines after the first a little more
        (under a numbered option's words, not its number)."""
        for paragraph in text.split("\n"):
            lines = textwrap.wrap(
                paragraph,
                self.width,
                initial_indent=indent,
                subsequent_indent=indent + " " * hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            self.stdout.write("\n".join(lines or [""]) + "\n")
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        """One line typed after ``prompt`` (the prompt ends the last line written, so a
        screen reader reads the question just before the cursor)."""
        head, _, last = prompt.rpartition("\n")
        if head:
            self.say(head)
        lines = textwrap.wrap(last, self.width, break_long_words=False) or [""]
        if len(lines[-1]) > ROOM:  # leave room on the line for what is typed
            lines[-1:] = textwrap.wrap(lines[-1], ROOM, break_long_words=False)
        if len(lines) > 1:
            self.say("\n".join(lines[:-1]))
        self.stdout.write(lines[-1] + " ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            raise EndOfInput
        answer = line.rstrip("\r\n")
        if self.echo:  # piped answers: written after their question, as if typed
            self.stdout.write(answer + "\n")
        return answer

    def choose(self, prompt: str, options: list[str], *, blank: str = "") -> int | None | Command:
        """A numbered list, one option a line; the number chosen (from 0), None for an
        empty answer when ``blank`` says what it does ("Enter keeps it"), or a command."""
        self.say(f"{prompt}:")
        for number, option in enumerate(options, 1):
            self.say(f"{number}. {option}", indent="  ", hang=len(f"{number}. "))
        hint = f"1 to {len(options)}" if len(options) > 1 else "1"
        hint += f"; {blank}" if blank else ""
        while True:
            answer = self.read(f"Number ({hint}):")
            command = command_of(answer)
            if command is not None:
                return command
            text = answer.strip()
            if not text and blank:
                return None
            if text.isdigit() and 1 <= int(text) <= len(options):
                return int(text) - 1
            named = [i for i, o in enumerate(options) if o.casefold().startswith(text.casefold())]
            if text and len(named) == 1:  # its words will do too ("jor" for Jordan Ellery)
                return named[0]
            self.say(f"Please type a number from 1 to {len(options)}.")

    def yes_no(self, question: str) -> bool:
        """Yes or no; asked again until it is one of them."""
        while True:
            answer = self.read(f"{question} (yes or no):").strip().lower()
            if answer in YES or answer in NO:
                return answer in YES
            self.say("Please answer yes or no.")

    def secret(self, prompt: str) -> str:
        """A passphrase: not shown as it is typed at a terminal; piped, read as a line
        (never written back)."""
        if self.stdin is sys.stdin and sys.stdin.isatty():
            import getpass

            try:
                return getpass.getpass(prompt + " ")
            except EOFError:
                raise EndOfInput from None
        self.echo, echo = False, self.echo
        try:
            answer = self.read(prompt)
        finally:
            self.echo = echo
        if echo:
            self.stdout.write("(not shown)\n")
        return answer


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
