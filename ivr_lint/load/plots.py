"""`--plot DIR`: four matplotlib charts of a load run, each as PNG and SVG.

- `offered-answered`: calls offered, asking for an agent and answered, per interval;
- `wait-heatmap`: weekday × hour of the mean wait of callers asking for an agent;
- `agents`: agents scheduled against agents needed (the closed forms' `--solve`);
- `answer-rate`: the answer rate per interval against the target line.

matplotlib is imported here only, with the Agg backend (no display needed).
"""

from __future__ import annotations

import io
from typing import Callable

from ivr_lint.load.run import Result

PLOTS = ("offered-answered", "wait-heatmap", "agents", "answer-rate")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _open_slots(result: Result):
    """The intervals with calls or agents, as (x position, slot, stats)."""
    rows = []
    for slot, stats in zip(result.plan.slots, result.intervals):
        if stats.offered or any(q.agents for q in stats.queues.values()):
            rows.append((slot, stats))
    return rows


def _time_axis(ax, rows) -> list[int]:
    """Intervals side by side, days separated by a line and labelled once."""
    xs = list(range(len(rows)))
    ticks, labels, previous = [], [], None
    for x, (slot, _) in zip(xs, rows):
        if slot.day != previous:
            if previous is not None:
                ax.axvline(x - 0.5, color="#888888", linewidth=0.8, zorder=3)
            ticks.append(x)
            labels.append(f"{_WEEKDAYS[slot.day.weekday()]} {slot.day.day:02d}/{slot.day.month:02d}")
            previous = slot.day
    ax.set_xticks(ticks, labels, rotation=0, ha="left", fontsize=8)
    ax.set_axisbelow(True)
    ax.set_xlim(-0.5, len(rows) - 0.5)
    return xs


def _title(result: Result, what: str) -> str:
    engine = "closed forms" if result.engine == "closed" else f"simulation, {result.replications} replication(s)"
    return f"{what}\n{result.plan.walk.start_file.flow.name or result.plan.walk.start_file.flow.id} ({engine})"


def offered_answered(plt, result: Result):
    rows = _open_slots(result)
    fig, ax = plt.subplots(figsize=(12, 4.2), dpi=110)
    xs = _time_axis(ax, rows)
    offered = [s.offered for _, s in rows]
    asked = [s.total().asked for _, s in rows]
    answered = [s.total().answered for _, s in rows]
    ax.bar(xs, offered, width=0.9, color="#c9d6e8", label="offered")
    ax.plot(xs, asked, color="#e07b39", linewidth=1.4, label="asked for an agent")
    ax.plot(xs, answered, color="#2a6f3e", linewidth=1.6, label="answered by an agent")
    ax.set_ylabel(f"calls per {result.plan.traffic.interval} min")
    ax.set_title(_title(result, "Calls offered and answered"), fontsize=10)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.grid(axis="y", color="#eeeeee")
    fig.tight_layout()
    return fig


def wait_heatmap(plt, result: Result):
    import numpy as np

    sums = np.zeros((7, 24))
    counts = np.zeros((7, 24))
    for slot, stats in zip(result.plan.slots, result.intervals):
        t = stats.total()
        if t.asked < 0.5:
            continue
        waits = t.wait_sum / t.answered if t.answered else 0.0
        sums[slot.day.weekday(), slot.minute // 60] += waits * t.asked
        counts[slot.day.weekday(), slot.minute // 60] += t.asked
    with np.errstate(invalid="ignore", divide="ignore"):
        grid = np.where(counts > 0, sums / np.maximum(counts, 1e-12), np.nan)
    hours = [h for h in range(24) if counts[:, h].any()] or list(range(8, 18))
    days = [d for d in range(7) if counts[d, :].any()] or list(range(5))
    shown = grid[np.ix_(days, hours)]
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=110)
    image = ax.imshow(shown, aspect="auto", cmap="YlOrRd", vmin=0)
    ax.set_xticks(range(len(hours)), [f"{h:02d}h" for h in hours], fontsize=8)
    ax.set_yticks(range(len(days)), [_WEEKDAYS[d] for d in days], fontsize=8)
    for i in range(len(days)):
        for j in range(len(hours)):
            value = shown[i, j]
            if value == value:
                ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if value > np.nanmax(shown) * 0.6 else "black")
    fig.colorbar(image, ax=ax, label="mean wait of answered calls (s)")
    ax.set_title(_title(result, "Waiting time by weekday and hour"), fontsize=10)
    fig.tight_layout()
    return fig


def agents(plt, result: Result):
    rows = _open_slots(result)
    fig, ax = plt.subplots(figsize=(12, 4.2), dpi=110)
    xs = _time_axis(ax, rows)
    scheduled = [s.total().agents for _, s in rows]
    needed = [s.total().needed for _, s in rows]
    ax.step(xs, scheduled, where="mid", color="#3b5b92", linewidth=1.6, label="scheduled")
    if any(n is not None for n in needed):
        ax.step(xs, [n if n is not None else float("nan") for n in needed], where="mid", color="#d1495b",
                linewidth=1.4, linestyle="--", label=f"needed for {result.targets[0] if result.targets else 'target'}")
    ax.set_ylabel("agents")
    ax.set_ylim(bottom=0)
    ax.set_title(_title(result, "Agents scheduled and needed"), fontsize=10)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.grid(axis="y", color="#eeeeee")
    fig.tight_layout()
    return fig


def answer_rate(plt, result: Result):
    rows = [(slot, s) for slot, s in _open_slots(result) if s.total().asked >= 0.5]
    fig, ax = plt.subplots(figsize=(12, 4.2), dpi=110)
    xs = _time_axis(ax, rows) if rows else []
    rates = [s.total().answered / s.total().asked for _, s in rows]
    level = next((t.level for t in result.targets if t.kind == "answer-rate"), 0.85)
    colours = ["#2a6f3e" if r >= level else "#d1495b" for r in rates]
    ax.bar(xs, [100 * r for r in rates], width=0.9, color=colours)
    ax.axhline(100 * level, color="#222222", linewidth=1.2, linestyle="--", label=f"target {100 * level:.0f}%")
    ax.set_ylim(0, 105)
    ax.set_ylabel("answered / asked for an agent (%)")
    ax.set_title(_title(result, "Answer rate per interval"), fontsize=10)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="y", color="#eeeeee")
    fig.tight_layout()
    return fig


def write_plots(result: Result, folder: str, write: Callable[[str, bytes], None]) -> list[str]:
    """Draw every chart; `write(path, data)` stores each file whole. Returns the paths written."""
    import os

    plt = _pyplot()
    written = []
    for name, draw in zip(PLOTS, (offered_answered, wait_heatmap, agents, answer_rate)):
        figure = draw(plt, result)
        try:
            for fmt in ("png", "svg"):
                buffer = io.BytesIO()
                figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
                path = os.path.join(folder, f"{name}.{fmt}")
                write(path, buffer.getvalue())
                written.append(path)
        finally:
            plt.close(figure)
    return written
