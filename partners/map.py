"""The cooperation map: France and Russia side by side, each in its own conic projection.

Pure Python and no database: `build_map` takes places and partnerships already counted and returns
what the SVG template draws (projected coordinates in viewBox units, radii, stroke widths, labels).
The country outlines come from partners/data/outlines.json (see scripts/build_map_outlines.py).
"""

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

OUTLINES = Path(__file__).parent / "data" / "outlines.json"

# Colours, also used as presentation attributes so that the downloaded SVG looks the same.
# Every mark keeps a contrast of at least 3:1 with the sea and the land (tests/partners/test_map.py).
COLOURS = {
    "FR": "#1f3a93",
    "RU": "#b10d27",
    "line": "#5b2a86",
    "land": "#eceff4",
    "border": "#8a93a6",
    "sea": "#ffffff",
}


@dataclass(frozen=True)
class Conic:
    """Albers equal-area conic projection on the sphere; returns (x, y) in earth radii, y northwards."""

    central_meridian: float
    parallels: tuple[float, float]
    origin_latitude: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        first, second = (math.radians(p) for p in self.parallels)
        n = (math.sin(first) + math.sin(second)) / 2
        c = math.cos(first) ** 2 + 2 * n * math.sin(first)
        rho_0 = math.sqrt(c - 2 * n * math.sin(math.radians(self.origin_latitude))) / n
        rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
        theta = n * math.radians(lon - self.central_meridian)
        return rho * math.sin(theta), rho_0 - rho * math.cos(theta)


# France: the parallels of Lambert-93, the French official conic. Russia: the usual Albers for the
# whole federation, from Kaliningrad (20°E) to Chukotka (beyond 180°, taken as 190°E).
PROJECTIONS = {"FR": Conic(3, (44, 49), 46.5), "RU": Conic(100, (52, 64), 60)}


@dataclass(frozen=True)
class Layout:
    """Where each country's panel sits in the viewBox, and the sizes of marks and text in it.

    Sizes are in viewBox units and tuned for the width at which the layout is meant to be seen
    (about one unit per CSS pixel), so that text stays legible when the SVG is scaled to fit.
    """

    name: str
    width: int
    height: int
    panels: dict  # country -> (x, y, width, height); the outline is fitted and centred in it
    legend: tuple[float, float]  # top left corner
    font_size: float = 13
    point_unit: float = 4  # radius of a place with one project; the area grows with the count
    line_unit: float = 1.1  # stroke width added per project
    max_labels: int = 8  # per panel
    loop_size: float = 14


WIDE = Layout("wide", 1000, 420, {"FR": (8, 8, 372, 404), "RU": (392, 8, 600, 330)}, legend=(560, 330))
STACKED = Layout(
    "stacked",
    400,
    720,
    {"FR": (6, 6, 388, 368), "RU": (6, 386, 388, 220)},
    legend=(14, 614),
    font_size=14,
    point_unit=3.6,
    line_unit=0.9,
    max_labels=5,
    loop_size=10,
)
LAYOUTS = {layout.name: layout for layout in (WIDE, STACKED)}


@dataclass
class Place:
    """A territory drawn as a circle; `key` identifies it for lines."""

    key: object
    country: str
    lon: float
    lat: float
    count: int
    label: str
    url: str = ""
    title: str = ""
    x: float = 0
    y: float = 0
    r: float = 0


@dataclass
class Link:
    """A partnership drawn as a curve between two places (`start` on the French side)."""

    key: object
    start: object
    end: object
    count: int
    url: str = ""
    title: str = ""
    d: str = ""
    width: float = 0
    ends: tuple = ()


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str  # SVG text-anchor


@dataclass
class Map:
    layout: Layout
    outlines: dict  # country -> SVG path data
    places: list = field(default_factory=list)
    links: list = field(default_factory=list)
    labels: list = field(default_factory=list)


@cache
def _outline_rings():
    return json.loads(OUTLINES.read_text())["countries"]


@cache
def _panel_transform(layout: Layout, country: str):
    """Scale and offsets that fit the country's projected outline into its panel."""
    project = PROJECTIONS[country]
    points = [project(lon, lat) for ring in _outline_rings()[country] for lon, lat in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, top, width, height = layout.panels[country]
    scale = min(width / (max(xs) - min(xs)), height / (max(ys) - min(ys)))
    dx = left + (width - scale * (max(xs) - min(xs))) / 2 - scale * min(xs)
    dy = top + (height - scale * (max(ys) - min(ys))) / 2 + scale * max(ys)
    return scale, dx, dy


def project(layout: Layout, country: str, lon: float, lat: float) -> tuple[float, float]:
    """viewBox coordinates (y downwards) of a point in its country's panel."""
    scale, dx, dy = _panel_transform(layout, country)
    x, y = PROJECTIONS[country](float(lon), float(lat))
    return round(dx + scale * x, 1), round(dy - scale * y, 1)


@cache
def outline_paths(layout: Layout) -> dict:
    paths = {}
    for country, rings in _outline_rings().items():
        parts = []
        for ring in rings:
            coords = (project(layout, country, lon, lat) for lon, lat in ring)
            parts.append("M" + " ".join(f"{x:g},{y:g}" for x, y in coords) + "Z")
        paths[country] = "".join(parts)
    return paths


def radius(layout: Layout, count: int) -> float:
    """Square-root scale: the circle's area is proportional to the number of projects."""
    return round(layout.point_unit * math.sqrt(max(count, 1)), 1)


def stroke_width(layout: Layout, count: int) -> float:
    return round(layout.line_unit * (1 + min(count, 6)), 1)


def curve(start, end, bend: float, loop_size: float) -> str:
    """A quadratic Bézier bowed to the left of the direction of travel (upwards from west to east)."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:  # both partners in the same place (the embassy in Moscow and a Moscow partner)
        s = loop_size * (1 + bend)
        return f"M{x1:g},{y1:g}C{x1 - s:.1f},{y1 - 2 * s:.1f} {x1 + s:.1f},{y1 - 2 * s:.1f} {x1:g},{y1:g}"
    cx = (x1 + x2) / 2 + bend * (y2 - y1)
    cy = (y1 + y2) / 2 - bend * (x2 - x1)
    return f"M{x1:g},{y1:g}Q{cx:.1f},{cy:.1f} {x2:g},{y2:g}"


def _boxes_overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(layout: Layout, places: list[Place]) -> list[Label]:
    """Names of the busiest places, greedily, where they overlap neither another name nor a circle."""
    size = layout.font_size
    taken, labels = [], []
    circles = [(p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r) for p in places]
    shown = dict.fromkeys(layout.panels, 0)
    for place in sorted(places, key=lambda p: (-p.count, p.label)):
        if shown[place.country] >= layout.max_labels:
            continue
        width = 0.6 * size * len(place.label)
        gap = place.r + 3
        left, top, panel_width, panel_height = layout.panels[place.country]
        for anchor, x, y in (
            ("start", place.x + gap, place.y + size / 3),
            ("end", place.x - gap, place.y + size / 3),
            ("middle", place.x, place.y - gap - 2),
            ("middle", place.x, place.y + gap + size - 2),
        ):
            x0 = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
            box = (x0, y - size, x0 + width, y + 3)
            inside = left <= box[0] and box[2] <= left + panel_width and top <= box[1]
            mine = (place.x - place.r, place.y - place.r, place.x + place.r, place.y + place.r)
            if (
                inside
                and box[3] <= top + panel_height
                and not any(_boxes_overlap(box, other) for other in taken)
                and not any(_boxes_overlap(box, c) for c in circles if c != mine)
            ):
                labels.append(Label(round(x, 1), round(y, 1), place.label, anchor))
                taken.append(box)
                shown[place.country] += 1
                break
    return labels


def build_map(places: list[Place], links: list[Link], layout: Layout = WIDE, labels: bool = True) -> Map:
    """Project the places, draw the links between them and choose which names to show.

    Places in a country without a panel, and links whose ends are not among the places, are
    dropped. Links between the same two places get increasing bends so that each stays visible.
    """
    drawn = {}
    for place in places:
        if place.country in layout.panels:
            place.x, place.y = project(layout, place.country, place.lon, place.lat)
            place.r = radius(layout, place.count)
            drawn[place.key] = place
    kept, siblings = [], {}
    for link in links:
        if link.start not in drawn or link.end not in drawn:
            continue
        start, end = drawn[link.start], drawn[link.end]
        rank = siblings.get((link.start, link.end), 0)
        siblings[(link.start, link.end)] = rank + 1
        link.d = curve((start.x, start.y), (end.x, end.y), 0.18 + 0.09 * rank, layout.loop_size)
        link.width = stroke_width(layout, link.count)
        link.ends = (link.start, link.end)
        kept.append(link)
    ordered = sorted(drawn.values(), key=lambda p: (-p.r, p.label))  # small circles on top of big ones
    return Map(
        layout=layout,
        outlines=outline_paths(layout),
        places=ordered,
        links=sorted(kept, key=lambda link: -link.width),  # thin lines on top of thick ones
        labels=place_labels(layout, ordered) if labels else [],
    )
