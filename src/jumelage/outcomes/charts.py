"""Charts drawn on the server as inline SVG: no script, readable by screen readers.

Each function takes plain labels and numbers and returns a safe SVG string with a <title> and a
<desc> that the <svg> names through aria-labelledby; every bar or node carries its own <title>,
so hovering shows the exact number. Pages show the same numbers as a table beside the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = (
    "#0b5fa5",
    "#b3261e",
    "#1e7b34",
    "#8a5a00",
    "#6a3d9a",
    "#00838f",
    "#c2185b",
    "#5d4037",
    "#455a64",
    "#ef6c00",
    "#2e7d32",
    "#283593",
)
FONT = 'font-family="system-ui, DejaVu Sans, sans-serif"'


def _n(value: float | int) -> str:
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _open(
    chart_id: str, title: str, description: str, width: int, height: int, margin: int = 0
) -> list[str]:
    box = f"{-margin} {-margin // 2} {width + 2 * margin} {height + margin}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'viewBox="{box}" width="100%" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" {FONT} font-size="12">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _summary(rows: Sequence[tuple[str, float]]) -> str:
    return "; ".join(f"{label}: {_n(value)}" for label, value in rows)


def bar_chart(*, chart_id: str, title: str, rows: Sequence[tuple[str, float]]) -> SafeString:
    """Horizontal bars, one per (label, value), longest first as given."""
    width, label_width, bar_height, gap = 640, 230, 20, 6
    height = max(1, len(rows)) * (bar_height + gap) + 10
    top = max((value for _label, value in rows), default=0) or 1
    parts = _open(chart_id, title, _summary(rows), width, height)
    for index, (label, value) in enumerate(rows):
        y = 5 + index * (bar_height + gap)
        length = (width - label_width - 70) * value / top
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f"<g><title>{escape(label)}: {_n(value)}</title>"
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}"/>'
            f'<text x="{label_width + length + 5:.1f}" y="{y + 14}">{_n(value)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def funnel_chart(*, chart_id: str, title: str, stages: Sequence[tuple[str, float]]) -> SafeString:
    """A funnel: labels on the left, bars centred and narrowing, each with its share of the first."""
    width, label_width, bar_height, gap = 640, 200, 24, 6
    height = max(1, len(stages)) * (bar_height + gap) + 10
    top = max((value for _label, value in stages), default=0) or 1
    first = stages[0][1] if stages else 0
    area = width - label_width - 10
    parts = _open(chart_id, title, _summary(stages), width, height)
    for index, (label, value) in enumerate(stages):
        y = 5 + index * (bar_height + gap)
        length = max(2.0, area * value / top)
        x = label_width + (area - length) / 2
        share = f" ({_n(round(100 * value / first))} %)" if first and index else ""
        parts.append(
            f"<g><title>{escape(label)}: {_n(value)}{share}</title>"
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{escape(_short(label, 30))}</text>'
            f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar_height}" rx="3" '
            f'fill="{PALETTE[0]}" fill-opacity="{1 - index * 0.08:.2f}"/>'
            f'<text x="{label_width + area / 2:.1f}" y="{y + 16}" text-anchor="middle" fill="#1d2733" '
            f'stroke="#fff" stroke-width="3" paint-order="stroke">{_n(value)}{share}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def column_chart(*, chart_id: str, title: str, points: Sequence[tuple[str, float]]) -> SafeString:
    """A time series as columns (one per period) with a line through their tops."""
    width, height, left, bottom, top_margin = 640, 220, 40, 40, 15
    count = max(1, len(points))
    step = (width - left - 10) / count
    top = max((value for _label, value in points), default=0) or 1
    plot = height - bottom - top_margin
    parts = _open(chart_id, title, _summary(points), width, height)
    parts.append(
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#5b6776"/>'
        f'<text x="{left - 5}" y="{top_margin + 4}" text-anchor="end">{_n(top)}</text>'
        f'<text x="{left - 5}" y="{height - bottom}" text-anchor="end">0</text>'
    )
    line = []
    label_every = max(1, math.ceil(count / 12))
    for index, (label, value) in enumerate(points):
        x = left + index * step
        bar = plot * value / top
        y = height - bottom - bar
        line.append(f"{x + step / 2:.1f},{y:.1f}")
        parts.append(
            f"<g><title>{escape(label)}: {_n(value)}</title>"
            f'<rect x="{x + step * 0.15:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{bar:.1f}" fill="{PALETTE[0]}" fill-opacity="0.55"/></g>'
        )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="10">{escape(label)}</text>'
            )
    if line:
        parts.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="{PALETTE[1]}" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def target_chart(
    *, chart_id: str, title: str, rows: Sequence[tuple[str, float, float]], target_label: str
) -> SafeString:
    """Objectives: a bar per (label, target, actual), the actual over a pale target bar."""
    width, label_width, bar_height, gap = 640, 230, 20, 8
    height = max(1, len(rows)) * (bar_height + gap) + 10
    top = max((max(t, a) for _label, t, a in rows), default=0) or 1
    description = "; ".join(f"{label}: {_n(a)} / {_n(t)}" for label, t, a in rows)
    parts = _open(chart_id, title, description, width, height)
    scale = (width - label_width - 90) / top
    for index, (label, target, actual) in enumerate(rows):
        y = 5 + index * (bar_height + gap)
        reached = actual >= target
        parts.append(
            f"<g><title>{escape(label)}: {_n(actual)} / {_n(target)} ({escape(target_label)})</title>"
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{target * scale:.1f}" height="{bar_height}" fill="#d9dee5"/>'
            f'<rect x="{label_width}" y="{y + 4}" width="{actual * scale:.1f}" height="{bar_height - 8}" '
            f'fill="{PALETTE[2] if reached else PALETTE[0]}"/>'
            f'<text x="{label_width + max(target, actual) * scale + 5:.1f}" y="{y + 14}">{_n(actual)} / {_n(target)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def network_layout(
    groups: Sequence[dict[str, Any]], nodes: Sequence[dict[str, Any]], size: float = 900
) -> tuple[dict[str, tuple[float, float, float, float]], dict[int, tuple[float, float]]]:
    """Place groups on a ring (circles sized by their node count) and nodes in a spiral inside.

    Returns (group key -> (cx, cy, r, angle), node id -> (x, y)). Each group gets an arc of the
    ring as wide as its circle, and circles shrink together when they would not fit, so groups
    never overlap. Deterministic: the same network is always drawn the same way.
    """
    centre = size / 2
    radii = {g["key"]: 7.0 * math.sqrt(g["size"]) + 8 for g in groups}
    if len(groups) == 1:
        key = groups[0]["key"]
        return {key: (centre, centre, min(radii[key], centre - 40), 0.0)}, _spiral(
            {key: (centre, centre, min(radii[key], centre - 40), 0.0)}, groups, nodes
        )
    for _round in range(3):
        ring = centre - max(radii.values(), default=0) - 40
        room = 2 * math.pi * ring * 0.94
        total = sum(2 * r for r in radii.values()) or 1
        if total > room:
            radii = {key: r * room / total for key, r in radii.items()}
    ring = centre - max(radii.values(), default=0) - 40
    total = sum(2 * r for r in radii.values()) or 1
    placed: dict[str, tuple[float, float, float, float]] = {}
    angle = -math.pi / 2
    for group in groups:
        share = 2 * math.pi * 2 * radii[group["key"]] / total
        angle += share / 2
        placed[group["key"]] = (
            centre + ring * math.cos(angle),
            centre + ring * math.sin(angle),
            radii[group["key"]],
            angle,
        )
        angle += share / 2
    return placed, _spiral(placed, groups, nodes)


def _spiral(placed, groups, nodes) -> dict[int, tuple[float, float]]:
    golden = math.pi * (3 - math.sqrt(5))
    position: dict[int, tuple[float, float]] = {}
    counters: dict[str, int] = {}
    members: dict[str, int] = {g["key"]: g["size"] for g in groups}
    for node in nodes:
        key = node["group"]
        if key not in placed:
            continue
        cx, cy, radius, _angle = placed[key]
        index = counters.get(key, 0)
        counters[key] = index + 1
        r = max(0.0, radius - 3) * math.sqrt((index + 0.5) / max(1, members.get(key, 1)))
        position[node["id"]] = (
            cx + r * math.cos(index * golden),
            cy + r * math.sin(index * golden),
        )
    return position


GROUP_LINKS_SHOWN = 40


def network_chart(*, chart_id: str, title: str, network: Any, description: str) -> SafeString:
    """The cooperation network: group circles, thick links between groups, capped node links."""
    size = 900
    placed, position = network_layout(network.groups, network.nodes, size)
    parts = _open(chart_id, title, description, size, size, margin=120)
    between = [link for link in network.group_links if link["source"] != link["target"]]
    between = between[:GROUP_LINKS_SHOWN]
    heaviest = max((link["weight"] for link in between), default=1) or 1
    parts.append('<g class="group-links" fill="none" stroke="#0b5fa5" stroke-opacity="0.3">')
    for link in between:
        a, b = placed.get(link["source"]), placed.get(link["target"])
        if a is None or b is None:
            continue
        stroke = 0.5 + 12 * link["weight"] / heaviest
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        qx, qy = mx + (size / 2 - mx) * 0.5, my + (size / 2 - my) * 0.5
        parts.append(
            f'<path d="M{a[0]:.1f},{a[1]:.1f} Q{qx:.1f},{qy:.1f} {b[0]:.1f},{b[1]:.1f}" stroke-width="{stroke:.1f}">'
            f"<title>{escape(link['source'])} — {escape(link['target'])}: {_n(link['weight'])}</title></path>"
        )
    parts.append("</g>")
    for index, group in enumerate(network.groups):
        cx, cy, radius, _angle = placed[group["key"]]
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f"<g><title>{escape(group['label'])}: {_n(group['size'])}</title>"
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.07" stroke="{colour}"/></g>'
        )
    parts.append('<g class="edges" stroke="#1d2733" stroke-opacity="0.18">')
    for edge in network.edges:
        a, b = position.get(edge["source"]), position.get(edge["target"])
        if a is None or b is None:
            continue
        parts.append(
            f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
            f'stroke-width="{min(3.0, 0.5 + 0.3 * edge["weight"]):.1f}"/>'
        )
    parts.append("</g>")
    colours = {g["key"]: PALETTE[i % len(PALETTE)] for i, g in enumerate(network.groups)}
    parts.append('<g class="nodes">')
    for node in network.nodes:
        point = position.get(node["id"])
        if point is None:
            continue
        radius = min(6.0, 1.8 + math.log1p(node["degree"])) if len(network.nodes) <= 400 else 1.8
        parts.append(
            f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="{radius:.1f}" fill="{colours[node["group"]]}">'
            f"<title>{escape(node['name'])} ({_n(node['degree'])})</title></circle>"
        )
    parts.append("</g>")
    for group in network.groups[:40]:
        cx, cy, radius, angle = placed[group["key"]]
        x, y = cx + (radius + 6) * math.cos(angle), cy + (radius + 6) * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="700" '
            f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(_short(group["label"], 28))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
