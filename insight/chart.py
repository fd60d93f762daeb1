"""Geometry for the dashboard's daily bar charts, drawn as SVG on the server."""

import math

WIDTH = 720
HEIGHT = 240
LEFT = 64  # room for the value labels
RIGHT = 8
TOP = 12
BOTTOM = 36  # room for the date labels


def nice_ceiling(value: int) -> int:
    """The axis top: 1, 2 or 5 times a power of ten, at least `value`."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def bar_chart(days: list[dict], key: str) -> dict:
    """Bars for `days[i][key]`, with two axis ticks and the first and last dates."""
    top = nice_ceiling(max((day[key] for day in days), default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(days), 1)
    bar_width = max(step * 0.8, 0.5)
    bars = []
    for index, day in enumerate(days):
        bar_height = plot_height * day[key] / top
        bars.append(
            {
                "x": round(LEFT + index * step + (step - bar_width) / 2, 2),
                "y": round(TOP + plot_height - bar_height, 2),
                "width": round(bar_width, 2),
                "height": round(bar_height, 2),
                "date": day["date"],
                "value": day[key],
            }
        )
    baseline = TOP + plot_height
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": baseline,
        "bars": bars,
        "ticks": [
            {"y": baseline, "value": 0},
            {"y": TOP + plot_height / 2, "value": top // 2 if top > 1 else None},
            {"y": TOP, "value": top},
        ],
        "first": days[0]["date"] if days else None,
        "last": days[-1]["date"] if days else None,
        "total": sum(day[key] for day in days),
        "peak": max(days, key=lambda day: day[key]) if days else None,
    }
