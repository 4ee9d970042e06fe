"""Build tracker/basemap.json: country borders and coastlines of South and Central Asia, for an
offline map.

Source: Natural Earth 1:50m admin-0 countries (public domain), as TopoJSON in the npm package
world-atlas 2.0.2 (ISC licence): `npm pack world-atlas@2.0.2`, untar, then
    python tools/build_basemap.py package/countries-50m.json
Each TopoJSON arc (a stretch of border or coast) becomes one polyline; polylines are separated by
nulls, as plotly draws them.
"""

import json
import sys
from pathlib import Path

BBOX = (40.0, 5.0, 100.0, 50.0)  # lon min, lat min, lon max, lat max
OUT = Path(__file__).resolve().parent.parent / "tracker" / "basemap.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-decoded, de-quantised arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        arcs.append(points)
    return arcs


def in_bbox(points) -> bool:
    return any(BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3] for lon, lat in points)


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text())
    lon, lat = [], []
    for points in filter(in_bbox, decode_arcs(topology)):
        lon += [p[0] for p in points] + [None]
        lat += [p[1] for p in points] + [None]
    OUT.write_text(json.dumps({
        "source": "Natural Earth 1:50m admin-0 countries v4.1.0 (public domain), via npm world-atlas 2.0.2",
        "bbox": BBOX, "lon": lon, "lat": lat}, separators=(",", ":")))
    print(f"wrote {OUT}: {sum(v is None for v in lon)} lines, {len(lon)} points")


if __name__ == "__main__":
    main(sys.argv[1])
