"""Charts of the city report: each school's ratio against the plan's target line, as deterministic PNG."""

from __future__ import annotations

import io
import math
from typing import Any

from jigong.pipeline.chinese import percent
from jigong.pipeline.errors import OutputError
from jigong.pipeline.render.output import visible

CHART_FONT = "Noto Sans CJK SC"  # fonts-noto-cjk, installed by bootstrap.sh
WIDTH_IN = 6.1  # the 156 mm type area
DPI = 200
MAX_LABEL = 24  # characters of a school's name on a chart (the longest real one has 14)
# A dot per school up to this many schools, the rows closer together as they grow, so that the chart stays within
# one page's type area (225 mm); beyond, a histogram of fixed size. (A dot per school at any number made a chart
# 11.8 in tall for 30 schools, cut off at the page's foot, and 490 MB and 9 s at 1,000 schools.)
MAX_DOTS = 35
ROW_IN = 0.36  # inches a school, down to 7 in for all of them
COLOURS = {"pass": "#2e7d32", "below_target": "#c62828", "fail": "#c62828", "review": "#f9a825"}
LABELS = {"pass": "达到目标", "below_target": "低于目标", "fail": "未达到（不符合）", "review": "数据待核实（已计入）"}


def _label(name: str) -> str:
    """A school's name as a tick label: control characters in caret notation (^[ for ESC: the chart font has no
    control pictures), and "$" escaped (matplotlib reads "$…$" as mathematics; a malformed one stops the run)."""
    shown = "".join(f"^{chr(ord(ch) - 0x2400 + 64)}" if "\u2400" <= ch <= "\u241f" else ch for ch in visible(name))
    shown = shown.replace("\u2421", "^?")
    if len(shown) > MAX_LABEL:  # a name beyond any school's would squeeze the plot out of the chart
        shown = shown[: MAX_LABEL - 1] + "…"
    return shown.replace("$", r"\$")


def _pyplot() -> Any:
    """matplotlib with the Agg backend and a Chinese font; imported on first use (it takes a while)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    try:
        font_manager.findfont(CHART_FONT, fallback_to_default=False)
    except ValueError:
        raise OutputError(
            f"未找到图表所需的中文字体“{CHART_FONT}”，请运行 bash bootstrap.sh 安装 fonts-noto-cjk。"
        ) from None
    return plt


def _png(fig: Any) -> bytes:
    """The figure laid out and saved as PNG, with no software tag or time: the same data gives the same bytes."""
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def ratio_chart(target: dict[str, Any]) -> bytes:
    """A dot per school at its ratio, the target as a dashed line; schools without data are named. More than
    MAX_DOTS schools: how many schools stand at each ratio (distribution_chart)."""
    rows = target["schools"]
    if len(rows) > MAX_DOTS:
        return distribution_chart(target)
    plt = _pyplot()
    from matplotlib.ticker import MultipleLocator

    known = sorted((r for r in rows if r["value"] is not None), key=lambda r: (-r["value"], r["name"]))
    unknown = [r for r in rows if r["value"] is None]
    order = known + unknown
    height = 1.0 + max(len(order), 3) * min(ROW_IN, 7.0 / max(len(order), 1))
    goal = float(target["target"])
    values = [r["value"] for r in known] + [goal]
    low = max(0.0, min(values) - 10)
    low = 10 * int(low // 10)
    high = min(100, 10 * math.ceil((max(values) + 5) / 10)) + 1
    with plt.rc_context(
        {
            "font.family": [CHART_FONT],
            "font.size": 9,
            "axes.unicode_minus": False,
            "svg.hashsalt": "jigong",
            "path.simplify": False,
        }
    ):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=DPI)
        try:
            y = list(range(len(order)))[::-1]
            for pos, row in zip(y, order, strict=True):
                if row["value"] is None:
                    ax.text(low + 0.5, pos, "未提供，未计入", va="center", fontsize=8, color="#666666")
                    continue
                colour = COLOURS.get(row["status"], COLOURS["review"])
                ax.hlines(pos, low, row["value"], color="#d0d0d0", linewidth=1, zorder=1)
                hollow = row["status"] == "review"
                ax.scatter(
                    [row["value"]], [pos], s=46, zorder=3, color="white" if hollow else colour,
                    edgecolors=colour, linewidths=1.6,
                )  # fmt: skip
                ax.annotate(
                    percent(row['value']), (row["value"], pos), xytext=(7, 0), textcoords="offset points",
                    va="center", fontsize=8,
                )  # fmt: skip
            ax.axvline(goal, color="#1f3b73", linestyle="--", linewidth=1.2, zorder=2)
            ax.annotate(
                f"目标 {goal:g}%", (goal, len(order) - 0.5), xytext=(0, 2), textcoords="offset points",
                ha="center", va="bottom", fontsize=8, color="#1f3b73",
                bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
            )  # fmt: skip
            ax.set_yticks(y, [_label(r["name"]) for r in order])
            ax.set_xlim(low, high)
            ax.set_ylim(-0.7, len(order) + 0.1)
            ax.set_xlabel(f"各校{target['title'].removeprefix('全市')}")
            ax.xaxis.set_major_locator(MultipleLocator(5 if high - low <= 40 else 10))
            ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:g}%")
            ax.spines[["top", "right"]].set_visible(False)
            ax.grid(axis="x", color="#eeeeee", linewidth=0.6, zorder=0)
            seen = [s for s in ("pass", "below_target", "fail", "review") if any(r["status"] == s for r in known)]
            handles = [
                plt.Line2D([], [], marker="o", linestyle="", markersize=6, color=COLOURS[s],
                           markerfacecolor="white" if s == "review" else COLOURS[s], label=LABELS[s])
                for s in seen
            ]  # fmt: skip
            if handles:
                ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=3, frameon=False)
            return _png(fig)
        finally:
            plt.close(fig)


def distribution_chart(target: dict[str, Any]) -> bytes:
    """Schools counted in bins of 2 points of the ratio, bins under the target red, the rest green, the target
    dashed; the title counts the schools at, below and without a figure. The same size for any number of schools."""
    plt = _pyplot()
    rows = target["schools"]
    values = [float(r["value"]) for r in rows if r["value"] is not None]
    goal = float(target["target"])
    step = 2.0
    low = step * math.floor(min([*values, goal - 10]) / step)
    high = min(100.0 + step, step * math.ceil(max([*values, goal + 2]) / step + 1e-9) + step)
    edges = [low + step * i for i in range(round((high - low) / step) + 1)]
    counts = [0] * (len(edges) - 1)
    for v in values:
        counts[min(max(int((v - low) // step), 0), len(counts) - 1)] += 1
    with plt.rc_context({"font.family": [CHART_FONT], "font.size": 9, "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.2), dpi=DPI)
        try:
            colours = [COLOURS["below_target"] if left + step <= goal else COLOURS["pass"] for left in edges[:-1]]
            ax.bar(edges[:-1], counts, width=step, align="edge", color=colours, edgecolor="white", linewidth=0.5)
            ax.axvline(goal, color="#1f3b73", linestyle="--", linewidth=1.2)
            ax.annotate(
                f"目标 {goal:g}%", (goal, max(counts, default=0)), xytext=(3, 0), textcoords="offset points",
                va="top", fontsize=8, color="#1f3b73",
            )  # fmt: skip
            ax.set_xlim(low, high)
            ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:g}%")
            ax.set_xlabel(f"各校{target['title'].removeprefix('全市')}")
            ax.set_ylabel("学校数（所）")
            ax.spines[["top", "right"]].set_visible(False)
            ax.grid(axis="y", color="#eeeeee", linewidth=0.6, zorder=0)
            ax.set_title(_tally(rows), fontsize=9)
            return _png(fig)
        finally:
            plt.close(fig)


def _tally(rows: list[dict[str, Any]]) -> str:
    """ "共200所：达到目标180所，低于目标15所，数据待核实3所，未提供2所" (parts that are nought left out)."""
    known = [r for r in rows if r["value"] is not None]
    parts = [
        ("达到目标", sum(1 for r in known if r["status"] == "pass")),
        ("低于目标", sum(1 for r in known if r["status"] in ("below_target", "fail"))),
        ("数据待核实", sum(1 for r in known if r["status"] not in ("pass", "below_target", "fail"))),
        ("未提供", len(rows) - len(known)),
    ]
    return f"共{len(rows)}所：" + "，".join(f"{label}{n}所" for label, n in parts if n)


TREND = (("senior_ratio", "高级工班及以上在校生比例", 40), ("coop_ratio", "校企合作专业比例", 90),
         ("employment_rate", "毕业生就业率", 98))  # fmt: skip


def trend_chart(history: dict[str, Any]) -> bytes:
    """Year over year: the city's rate (bold) and each school's (thin) against the target, one panel a rate."""
    plt = _pyplot()
    years = history["years"]
    with plt.rc_context({"font.family": [CHART_FONT], "font.size": 8, "axes.unicode_minus": False}):
        fig, axes = plt.subplots(1, len(TREND), figsize=(WIDTH_IN, 2.4), dpi=DPI, sharex=True)
        try:
            for ax, (code, title, goal) in zip(axes, TREND, strict=True):
                for name in sorted(history["schools"]):
                    points = history["schools"][name].get(code, [])
                    if points:
                        ax.plot([p[0] for p in points], [p[1] for p in points], color="#b0b0b0", linewidth=0.8,
                                marker="o", markersize=2)  # fmt: skip
                city = history["city"].get(code, [])
                if city:
                    ax.plot([p[0] for p in city], [p[1] for p in city], color="#1f3b73", linewidth=2, marker="o",
                            markersize=4, label="全市")  # fmt: skip
                    ax.annotate(percent(city[-1][1]), (city[-1][0], city[-1][1]), xytext=(4, 4),
                                textcoords="offset points", fontsize=7, color="#1f3b73")  # fmt: skip
                ax.axhline(goal, color="#c62828", linestyle="--", linewidth=1)
                ax.set_title(f"{title}（目标{goal}%）", fontsize=8)
                ax.set_xticks(years, [str(y) for y in years])
                ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:g}%")
                ax.spines[["top", "right"]].set_visible(False)
            return _png(fig)
        finally:
            plt.close(fig)


def city_charts(targets: list[dict[str, Any]], history: dict[str, Any] | None = None) -> dict[str, bytes]:
    """chart name → PNG, one per ratio target (the 40 % / 90 % / 98 % lines), and the trend over the years
    in the store when there are two years or more."""
    charts = {t["chart"]: ratio_chart(t) for t in targets if t["chart"]}
    if history and len(history.get("years", [])) >= 2:
        charts["trend"] = trend_chart(history)
    return charts
