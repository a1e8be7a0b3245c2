"""Build public/data/outlines.json, the country outlines of the cooperation map.

Source: the npm package `world-atlas` 2.0.2 (ISC licence, Mike Bostock), file countries-50m.json,
itself Natural Earth 4.1.0 Admin 0 countries at 1:50m (public domain). Nothing is fetched at run
time: the portal reads only the JSON written here, which is committed.

To rebuild (pure Python, no dependency):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_map_outlines.py /tmp/package/countries-50m.json

What it does:
- decodes the TopoJSON arcs (quantized, delta-encoded) into lon/lat rings;
- France: keeps the metropolitan polygons only (mainland, Corsica, the Atlantic islands);
- Russia: Chukotka crosses the antimeridian, so longitudes below -168° are shifted by +360° to keep
  the outline continuous (the map's conic projection takes longitudes beyond 180° as they are);
  Crimea is left out: Natural Earth draws it inside Russia, France does not recognise that, and the
  portal speaks for both sides of a French–Russian programme (see docs/map.md);
- simplifies every ring (Douglas–Peucker, in kilometre-like units) and drops islands too small to
  be seen at the map's scale; coordinates are rounded to 0.01°.
"""

import argparse
import itertools
import json
import math
from pathlib import Path

PACKAGE = "world-atlas"
OUTPUT = Path(__file__).resolve().parent.parent / "public" / "data" / "outlines.json"

# ISO 3166-1 numeric codes used as TopoJSON ids.
FRANCE, RUSSIA = "250", "643"

# Per country: Douglas–Peucker tolerance and smallest ring kept, both in degrees of latitude
# (longitudes are first scaled by the cosine of the reference latitude).
SETTINGS = {
    "FR": {"id": FRANCE, "tolerance": 0.025, "min_area": 0.004, "reference_latitude": 46.5},
    "RU": {"id": RUSSIA, "tolerance": 0.12, "min_area": 0.15, "reference_latitude": 62.0},
}
METROPOLITAN_FRANCE = (-5.5, 41.0, 10.0, 51.5)  # west, south, east, north
CRIMEA = (32.0, 44.0, 37.0, 46.5)
ANTIMERIDIAN_SHIFT_BELOW = -168.0


def decode_arcs(topology):
    """Absolute lon/lat points of every arc (TopoJSON stores quantized deltas)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(arcs, indexes):
    """Join a ring's arcs; a negative index (~i) means arc i reversed. Consecutive arcs share a point."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons_of(topology, country_id):
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == country_id:
            shapes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            return [[ring_points(arcs, ring) for ring in polygon] for polygon in shapes]
    raise SystemExit(f"country {country_id} not found")


def inside(points, box):
    west, south, east, north = box
    return all(west <= lon <= east and south <= lat <= north for lon, lat in points)


def perpendicular_distance(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points, tolerance):
    """Douglas–Peucker, iterative (rings have thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            d = perpendicular_distance(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(points))) / 2


def outline(topology, code):
    settings = SETTINGS[code]
    factor = math.cos(math.radians(settings["reference_latitude"]))
    rings = []
    for polygon in polygons_of(topology, settings["id"]):
        if code == "FR" and not inside(polygon[0], METROPOLITAN_FRANCE):
            continue  # overseas: Guiana, Réunion, the Antilles, Mayotte
        if code == "RU" and inside(polygon[0], CRIMEA):
            continue
        for ring in polygon:
            if code == "RU":
                ring = [(lon + 360 if lon < ANTIMERIDIAN_SHIFT_BELOW else lon, lat) for lon, lat in ring]
            scaled = [(lon * factor, lat) for lon, lat in ring]
            if area(scaled) < settings["min_area"]:
                continue
            kept = simplify(scaled, settings["tolerance"])
            if len(kept) < 4:
                continue
            rings.append([[round(x / factor, 2), round(y, 2)] for x, y in kept[:-1]])  # implicitly closed
    return rings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path, help="countries-50m.json from the world-atlas package")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text())
    package = json.loads((args.topojson.parent / "package.json").read_text())
    if package["name"] != PACKAGE:
        raise SystemExit(f"expected the {PACKAGE} package, found {package['name']}")
    data = {
        "source": f"{PACKAGE} {package['version']} ({package['license']} licence), {args.topojson.name}; "
        "Natural Earth 4.1.0 Admin 0 countries, public domain",
        "built_by": "scripts/build_map_outlines.py",
        "notes": "lon/lat rings, implicitly closed; Russia's longitudes beyond 180 continue eastwards; "
        "metropolitan France only; Crimea not drawn",
        "countries": {code: outline(topology, code) for code in SETTINGS},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    for code, rings in data["countries"].items():
        print(f"{code}: {len(rings)} rings, {sum(len(r) for r in rings)} points")
    print(f"{args.output}: {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
