"""The cooperation map: France and Russia side by side, each in its own conic projection, and an
enlargement of European Russia, where most Russian partners are.

Pure Python and no database: `build_map` takes places and partnerships already counted and returns
what the SVG template draws (projected coordinates in viewBox units, radii, stroke widths, labels).
The country outlines come from public/data/outlines.json (see scripts/build_map_outlines.py).
"""

import json
import math
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True, eq=False)  # hashed by identity: layouts are module constants, cached
class Layout:
    """Where each country's panel sits in the viewBox, and the sizes of marks and text in it.

    Sizes are in viewBox units and tuned for the width at which the layout is meant to be seen
    (about one unit per CSS pixel), so that text stays legible when the SVG is scaled to fit.
    """

    name: str
    width: int
    height: int
    panels: dict  # country -> (x, y, width, height); the outline is fitted and centred in it
    legend: tuple[float, float] | None  # top left corner of the key, if any
    font_size: float = 13
    point_unit: float = 4  # radius of a place with one project; the area grows with the count
    line_unit: float = 0.7  # stroke width added per project
    max_labels: int = 8  # per panel
    loop_size: float = 14
    # Radius of the invisible disc around each place that takes the pointer: at least 24 CSS pixels
    # across at the width the layout is drawn (WCAG 2.5.8), however small the visible circle.
    target_radius: float = 13
    # The screens it is drawn for: the stylesheet shows the "wide" or the "stacked" variant.
    variant: str = "wide"
    # An enlargement: country -> (projection, (west, south, east, north)) fitted in the panel instead
    # of the whole country, whose outline is clipped to the panel; places outside are left out.
    extent: dict = field(default_factory=dict)


WIDE = Layout("wide", 1000, 440, {"FR": (8, 8, 372, 424), "RU": (392, 8, 600, 352)}, legend=(540, 358))
STACKED = Layout(
    "stacked",
    400,
    772,
    {"FR": (6, 6, 388, 368), "RU": (6, 386, 388, 220)},
    legend=(14, 614),
    font_size=14,
    point_unit=3.6,
    line_unit=0.6,
    max_labels=5,
    loop_size=10,
    target_radius=15,  # drawn about 330 pixels wide for 400 units: 30 units ≈ 25 pixels
    variant="stacked",
)
# European Russia, from Kaliningrad to the Urals and from the Caucasus to Saint Petersburg: on the
# maps of the whole country, its forty places are a few millimetres apart. Its own Albers conic,
# centred on the region; no links (France is not drawn), more names.
EUROPEAN_RUSSIA = (Conic(41, (47, 58), 52), (19.5, 42.5, 62.5, 61.5))
DETAIL_WIDE = Layout(
    "european-russia",
    1000,
    640,
    {"RU": (8, 8, 984, 624)},
    legend=None,
    point_unit=5,
    max_labels=24,
    extent={"RU": EUROPEAN_RUSSIA},
)
DETAIL_STACKED = Layout(
    "european-russia-stacked",
    400,
    300,
    {"RU": (4, 4, 392, 292)},
    legend=None,
    font_size=14,
    point_unit=3.6,
    max_labels=10,
    target_radius=15,
    variant="stacked",
    extent={"RU": EUROPEAN_RUSSIA},
)
# For the small maps of project, territory and pair pages, seen from 320 to 512 pixels wide: the
# wide arrangement with bigger marks and names, no key.
MINI = Layout(
    "mini",
    480,
    190,
    {"FR": (4, 4, 180, 182), "RU": (194, 4, 282, 182)},
    legend=None,
    font_size=16,
    point_unit=5,
    line_unit=0.9,
    max_labels=4,
    loop_size=12,
    target_radius=18,  # drawn 320 to 512 pixels wide for 480 units
)


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
    # A French body based here, in Russia (the Embassy's services in Moscow, the Consulate General
    # in Saint Petersburg): ringed in the French colour, as the key explains.
    hosts_french_body: bool = False
    x: float = 0
    y: float = 0
    r: float = 0
    target: float = 0  # radius of the pointer's target (see Layout.target_radius)

    @property
    def colour(self):
        return COLOURS[self.country]

    @property
    def ring_r(self):
        return round(self.r + 2.5, 1)


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
    legend: dict | None = None
    divider: str = ""
    panel_titles: list = field(default_factory=list)  # (country, x, y)
    clip: list = field(default_factory=list)  # (x, y, width, height) of panels the land is cut to
    colours: dict = field(default_factory=lambda: COLOURS)

    @property
    def place_groups(self) -> list[tuple[str, list]]:
        """(colour, places) per country: the group gives its circles their colour. The panels do not
        overlap, so drawing the countries one after the other keeps small circles on top."""
        groups = {country: [] for country in self.layout.panels}
        for place in self.places:
            groups[place.country].append(place)
        return [(self.colours[country], places) for country, places in groups.items() if places]


@cache
def _outline_rings():
    return json.loads(OUTLINES.read_text())["countries"]


def _projection(layout: Layout, country: str) -> Conic:
    return layout.extent[country][0] if country in layout.extent else PROJECTIONS[country]


def _box_edges(west, south, east, north, steps=16):
    """Points along the edges of a box of longitudes and latitudes (whose edges a conic bends)."""
    for i in range(steps + 1):
        lon, lat = west + (east - west) * i / steps, south + (north - south) * i / steps
        yield from ((lon, south), (lon, north), (west, lat), (east, lat))


@cache
def _panel_transform(layout: Layout, country: str):
    """Scale and offsets that fit the country's projected outline (or the layout's extent) into its
    panel."""
    project = _projection(layout, country)
    if country in layout.extent:
        points = [project(lon, lat) for lon, lat in _box_edges(*layout.extent[country][1])]
    else:
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
    x, y = _projection(layout, country)(float(lon), float(lat))
    return round(dx + scale * x, 1), round(dy - scale * y, 1)


@cache
def outline_paths(layout: Layout) -> dict:
    paths = {}
    for country, rings in _outline_rings().items():
        if country not in layout.panels:
            continue
        parts = []
        for ring in rings:
            coords = [project(layout, country, lon, lat) for lon, lat in ring]
            parts.append(_ring_path([(round(x), round(y)) for x, y in coords]))
        paths[country] = "".join(parts)
    return paths


def _ring_path(points: list[tuple[int, int]]) -> str:
    """A closed ring in whole viewBox units (a unit is about one CSS pixel or less on every layout),
    written as relative moves and without repeated points: a third of the bytes of the absolute,
    one-decimal path, the heaviest part of the map page otherwise."""
    (x0, y0), *rest = points
    steps, (x, y) = [], (x0, y0)
    for point in rest:
        if point != (x, y):
            steps.append(f"{point[0] - x},{point[1] - y}")
            x, y = point
    return f"M{x0},{y0}l" + " ".join(steps) + "z"


def radius(layout: Layout, count: int) -> float:
    """Square-root scale: the circle's area is proportional to the number of projects."""
    return round(layout.point_unit * math.sqrt(max(count, 1)), 1)


def stroke_width(layout: Layout, count: int) -> float:
    """Linear in the number of projects (few pairs have more than two), capped for the rare busy pair."""
    return round(layout.line_unit * (1 + min(count, 8)), 1)


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
    """Names of the busiest places, greedily, where they overlap neither another name nor a circle.

    The busiest few of each panel may cover small circles if there is no other room: Moscow
    unnamed because of its neighbours would be a poor map.
    """
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
        mine = (place.x - place.r, place.y - place.r, place.x + place.r, place.y + place.r)
        candidates = []
        for anchor, x, y in (
            ("start", place.x + gap, place.y + size / 3),
            ("end", place.x - gap, place.y + size / 3),
            ("middle", place.x, place.y - gap - 2),
            ("middle", place.x, place.y + gap + size - 2),
        ):
            x0 = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
            box = (x0, y - size, x0 + width, y + 3)
            inside = (
                left <= box[0] <= box[2] <= left + panel_width
                and top <= box[1] <= box[3] <= top + panel_height
            )
            if inside and not any(_boxes_overlap(box, other) for other in taken):
                covers = any(_boxes_overlap(box, c) for c in circles if c != mine)
                candidates.append((covers, Label(round(x, 1), round(y, 1), place.label, anchor), box))
        candidates.sort(key=lambda candidate: candidate[0])  # stable: the preferred side first
        if candidates and (not candidates[0][0] or shown[place.country] < 3):
            _, label, box = candidates[0]
            labels.append(label)
            taken.append(box)
            shown[place.country] += 1
    return labels


def legend(layout: Layout, french_bodies: bool = False) -> dict | None:
    """Positions of the key's marks; the template writes the words in the page language.

    Colours and the partnership line in a first column, the sizes in a second one beside it on
    wide layouts, below it on narrow ones. With `french_bodies`, the ring that marks a French body
    based in Russia is explained below the sizes.
    """
    if layout.legend is None:
        return None
    x, y = layout.legend
    size = layout.font_size
    row = round(size * 1.6, 1)
    rows = [round(y + row * (i + 0.8), 1) for i in range(3)]
    side_by_side = layout.width >= 600
    column_x = x + 12 * size + 22 if side_by_side else x
    size_y = rows[0] if side_by_side else round(rows[2] + row, 1)
    biggest = radius(layout, 9)
    sample_y = round(size_y + size * 0.6 + biggest + 2, 1)
    samples, cx = [], column_x + 10
    for count in (1, 4, 9):
        r = radius(layout, count)
        samples.append({"count": count, "x": round(cx + r, 1), "r": r, "text_x": round(cx + 2 * r + 4, 1)})
        cx += 2 * r + 4 + size * 1.4
    width = column_x + 16 * size - x
    ring = None
    if french_bodies:  # below the sizes, with room for a name of 30 characters
        ring = {"x": column_x + 15, "y": round(sample_y + biggest + size * 1.2, 1), "text_x": column_x + 27}
        width = max(width, ring["text_x"] + 0.6 * size * 30 + 4 - x)
    bottom = max(rows[2] + row * 0.6, sample_y + biggest + 6, ring["y"] + size * 0.9 if ring else 0)
    return {
        "x": x,
        "y": y,
        "width": round(width, 1),
        "height": round(bottom - y, 1),
        "ring": ring,
        "rows": rows,
        "swatch": x + 10,
        "text_x": x + 22,
        "line": f"M{x + 2:g},{rows[2] + 3:g}q8,-8 16,0",
        "line_width": stroke_width(layout, 1),
        "size_x": column_x + 4,
        "size_y": size_y,
        "samples": samples,
        "sample_y": sample_y,
        "font_size": size,
    }


def divider(layout: Layout) -> str:
    """A thin line between the two panels, so that nobody reads them as one continent."""
    if len(layout.panels) < 2:
        return ""
    (fx, fy, fw, fh), (rx, ry, rw, rh) = layout.panels["FR"], layout.panels["RU"]
    if rx >= fx + fw:  # side by side
        x = (fx + fw + rx) / 2
        return f"M{x:g},{min(fy, ry):g}V{max(fy + fh, ry + rh):g}"
    y = (fy + fh + ry) / 2
    return f"M{min(fx, rx):g},{y:g}H{max(fx + fw, rx + rw):g}"


def pair_name(pair, french_place=None, russian_place=None):
    """“Partner (place) – partner (place)”, a place named only when the partner's name does not say it."""

    def named(partner, place):
        place = place or partner.territory
        return partner.name if place.name in partner.name else f"{partner.name} ({place.name})"

    return f"{named(pair.french_partner, french_place)} – {named(pair.russian_partner, russian_place)}"


def build_map(places: list[Place], links: list[Link], layout: Layout = WIDE) -> Map:
    """Project the places, draw the links between them and choose which names to show.

    Places in a country without a panel or outside an enlargement's panel, and links whose ends are
    not among the places, are dropped. Links between the same two places get increasing bends so
    that each stays visible. Places are copied: one list of places makes several maps.
    """
    drawn = {}
    for place in places:
        if place.country not in layout.panels:
            continue
        x, y = project(layout, place.country, place.lon, place.lat)
        left, top, width, height = layout.panels[place.country]
        if left <= x <= left + width and top <= y <= top + height:
            place = replace(place, x=x, y=y)
            place.r = radius(layout, place.count)
            place.target = max(place.r, layout.target_radius)
            drawn[place.key] = place
    kept, siblings = [], {}
    for link in links:
        if link.start not in drawn or link.end not in drawn:
            continue
        start, end = drawn[link.start], drawn[link.end]
        rank = siblings.get((link.start, link.end), 0)
        siblings[(link.start, link.end)] = rank + 1
        d = curve((start.x, start.y), (end.x, end.y), 0.18 + 0.09 * rank, layout.loop_size)
        kept.append(replace(link, d=d, width=stroke_width(layout, link.count)))
    ordered = sorted(drawn.values(), key=lambda p: (-p.r, p.label))  # small circles on top of big ones
    return Map(
        layout=layout,
        outlines=outline_paths(layout),
        places=ordered,
        links=sorted(kept, key=lambda link: -link.width),  # thin lines on top of thick ones
        labels=place_labels(layout, ordered),
        legend=legend(layout, french_bodies=any(p.hosts_french_body for p in drawn.values())),
        divider=divider(layout),
        panel_titles=[
            (c, x + 6, round(y + 1.3 * layout.font_size, 1)) for c, (x, y, _, _) in layout.panels.items()
        ],
        clip=[layout.panels[country] for country in layout.extent],
    )
