"""Trends for one peer: small charts, each with its numbers written beside it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer, Header, Sparkline, Static

from ...domain.enums import FeedbackKey, RatingKey
from ...domain.models import Person
from ...services.report import series_phrase
from ...services.trends import PeerTrends, Series
from ...store.errors import StoreError
from ...usecases import lookback
from ..keys import binder
from ..widgets.period import period_filter, read_period
from .base import ViewScreen


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def trend_row(label: str, values: list[float], figures: str) -> Horizontal:
    """A label, a sparkline (or a dash), and the figures in words."""
    chart: Widget
    if values:
        chart = Sparkline(values if len(values) > 1 else values * 2)
    else:
        chart = Static("—")
        chart.styles.width = 16
    return Horizontal(
        Static(label, classes="trend-label", markup=False),
        chart,
        Static(figures, classes="trend-figures", markup=False),
        classes="trend-row",
    )


def series_figures(s: Series) -> str:
    count = f" ({len(s.points)})" if s.points else ""
    return series_phrase(s) + count


bind = binder("trends")


class TrendsScreen(ViewScreen):
    CSS_PATH = "lookback.tcss"
    BINDINGS = [
        bind("escape", "back", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        record: PeerTrends | None
        error: str | None = None

    def __init__(self, peer: Person, period: str = "all") -> None:
        super().__init__()
        self.peer = peer
        self.initial_period = period or "all"
        self.record = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filters"):
            yield from period_filter(self.initial_period)
        yield Static("", id="trends-note", markup=False, classes="note")
        yield VerticalScroll(id="trends-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Trends — {self.peer.display}"
        self.query_one("#trends-body").loading = True
        self.load()

    @work(thread=True, exclusive=True, group="trends-load")
    def load(self) -> None:
        try:
            record = lookback.load_figures(self.app.store, self.peer)
        except StoreError as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        self.post_message(self.Loaded(record))

    async def on_trends_screen_loaded(self, message: Loaded) -> None:
        self.query_one("#trends-body").loading = False
        if message.record is None:
            self.query_one("#trends-note", Static).update(message.error or "")
            return
        self.record = message.record
        await self.refill()
        self.query_one("#trends-body").focus()

    async def on_input_changed(self) -> None:
        if self.record is not None:
            await self.refill()

    async def refill(self) -> None:
        note = self.query_one("#trends-note", Static)
        today = self.app.local_now().date()
        period = read_period(self.query_one("#period").value, note, today)
        if period is None:
            return
        trends = lookback.trends_for(self.record, period, today)
        note.update(
            f"{period.label}: {trends.sessions} session(s) held, "
            f"{trends.cadence.expected} expected by cadence"
        )
        body = self.query_one("#trends-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(list(self.sections(trends)))

    def sections(self, t: PeerTrends):
        def title(text: str) -> Static:
            return Static(text, classes="section-title", markup=False)

        def text(lines: list[str]) -> Static:
            return Static("\n".join(lines), classes="section-body", markup=False)

        def rated(keys, series) -> Iterator[Static]:
            """A row for each statement rated 1–5: its values over time and figures."""
            for key in keys:
                s = series[key]
                yield trend_row(key.label, [v for _, v in s.points], series_figures(s))

        yield title("Check-in ratings (1–5)")
        yield from rated(RatingKey, t.ratings)
        c = t.concerns
        yield title("Concerns")
        months = sorted(set(c.opened_per_month) | set(c.resolved_per_month))
        yield trend_row(
            "Raised per month",
            [c.opened_per_month.get(m, 0) for m in months],
            f"{c.opened} raised · {c.still_open} still open",
        )
        yield trend_row(
            "Resolved per month",
            [c.resolved_per_month.get(m, 0) for m in months],
            f"{c.resolved} resolved",
        )
        median = "—" if c.median_days_to_resolve is None else f"{c.median_days_to_resolve:g}"
        lines = [
            f"Days to resolve: median {median}, longest "
            f"{c.longest_days_to_resolve if c.longest_days_to_resolve is not None else '—'}",
            f"Carried over more than two sessions: {c.carried_over_more_than_two}",
        ]
        if c.top_categories:
            lines.append(
                "Most frequent: "
                + ", ".join(f"{cat.label} ({n})" for cat, n in c.top_categories[:4])
            )
        yield text(lines)
        i = t.ideas
        yield title("Ideas and what clients are saying")
        yield text(
            [
                f"{i.raised} raised · {i.adopted} adopted (or adapted) · "
                f"{i.not_adopted} not adopted · {i.still_open} still open"
            ]
        )
        r = t.role
        yield title("Role negotiation")
        yield trend_row(
            "Drifting, per session",
            [p.drifting for p in r.per_session],
            f"{_pct(r.drifting_share)} of activities drifting overall",
        )
        yield trend_row(
            "Unsure, per session",
            [p.unsure for p in r.per_session],
            f"{len(r.per_session)} sessions with activities discussed",
        )
        if r.recurring_drift:
            yield text(
                [
                    "Keeps coming back as drifting: "
                    + "; ".join(f"{a} ({n} sessions)" for a, n in r.recurring_drift[:4])
                ]
            )
        g = t.goals
        yield title("Development goals")
        lines = [
            f"Active {g.active} · completed in this period {g.completed} · stalled {g.stalled}"
        ]
        for line in g.goals[-6:]:
            filled = line.progress // 10  # only 100% draws a full bar
            bar = "#" * filled + "." * (10 - filled)
            stalled = " — STALLED" if line.stalled else ""
            lines.append(
                f"[{bar}] {line.progress:>3}%  {line.text} ({line.status.label.lower()}){stalled}"
            )
        yield text(lines)
        yield title("Agreed actions (on time / late / open)")
        lines = []
        for owner, label in (("peer", t.name), ("supervisor", "Supervisors")):
            a = t.actions[owner]
            lines.append(
                f"{label}: {a.on_time} on time, {a.late} late, {a.open} open"
                + (f" ({a.overdue} overdue)" if a.overdue else "")
            )
        yield text(lines)
        yield title("Strengths most often named")
        yield text([f"{skill} ({n})" for skill, n in t.strengths] or ["None recorded."])
        yield title("Feedback on supervision (1–5)")
        yield from rated(FeedbackKey, t.feedback)
        cad = t.cadence
        yield title("Cadence")
        yield text(
            [
                f"Held {cad.held} of {cad.expected} expected by the peer's cadence",
                f"Longest gap: {cad.longest_gap_days if cad.longest_gap_days is not None else '—'}"  # noqa: E501
                f" days · since the last session: "
                f"{cad.days_since_last if cad.days_since_last is not None else '—'} days",
            ]
        )

    def action_back(self) -> None:
        self.app.pop_screen()
