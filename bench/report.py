"""Benchmark figures (median of runs against a floor measured in the same run) and their table."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

OK, MISSED, INFO, FAILED = "ok", "MISSED", "info", "FAILED"


@dataclass
class Figure:
    """One measured figure: its runs, the floor's runs, and the ratio target (None = no target)."""

    name: str
    unit: str  # "ms", "s" or "MB"
    runs: list[float] = field(default_factory=list)
    floor_runs: list[float] = field(default_factory=list)
    target: float | None = None  # the figure must be <= target x floor
    floor_name: str = ""
    error: str = ""  # why the figure could not be measured

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @property
    def floor(self) -> float | None:
        return statistics.median(self.floor_runs) if self.floor_runs else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor:
            return None
        return self.median / self.floor

    @property
    def status(self) -> str:
        if self.error or self.median is None:
            return FAILED
        if self.target is None or self.ratio is None:
            return INFO
        return OK if self.ratio <= self.target else MISSED


def _value(x: float | None, unit: str) -> str:
    if x is None:
        return "—"
    if unit == "ms":
        return f"{x * 1000:,.0f} ms"
    if unit == "s":
        return f"{x:,.1f} s"
    return f"{x:,.0f} MB"


def describe(fig: Figure) -> str:
    """One line while the benchmark runs: every run, the median, the floor and the verdict."""
    if fig.status == FAILED:
        return f"{fig.name}: FAILED ({fig.error})"
    runs = ", ".join(_value(r, fig.unit) for r in fig.runs)
    line = f"{fig.name}: median {_value(fig.median, fig.unit)}  [runs: {runs}]"
    if fig.floor_runs:
        line += f"; floor ({fig.floor_name}) {_value(fig.floor, fig.unit)}"
    if fig.ratio is not None:
        line += f"; ratio {fig.ratio:.2f}x"
    if fig.target is not None:
        line += f"; target <= {fig.target:g}x: {fig.status}"
    return line


def table(figures: list[Figure]) -> str:
    """The final table: figure, median, floor, ratio, target, verdict."""
    header = ("figure", "median", "floor", "ratio", "target", "verdict")
    rows = [header]
    for fig in figures:
        rows.append(
            (
                fig.name,
                _value(fig.median, fig.unit),
                _value(fig.floor, fig.unit) if fig.floor_runs else "—",
                f"{fig.ratio:.2f}x" if fig.ratio is not None else "—",
                f"<= {fig.target:g}x" if fig.target is not None else "—",
                fig.status,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
