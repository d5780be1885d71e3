#!/usr/bin/env python3
"""How cost grows with the corpus: SVG charts from several bench/run scale directories.

    python3 bench/plot.py --out docs bench/out/10000 bench/out/100000 bench/out/1000000

Writes bench-latency.svg (full search p50 and p99 against articles), bench-index-size.svg
(compacted index size against articles, with the JSONL text for reference) and
bench-indexing.svg (indexing throughput against articles). Log-log axes; SVG written by hand
(standard library only)."""
import argparse
import json
import math
from pathlib import Path

ENGINES = ["depeche", "xapian", "lucene", "fts5"]
NAMES = {"depeche": "Depeche", "xapian": "Xapian (scriptindex)", "lucene": "Lucene++", "fts5": "SQLite FTS5"}
COLOURS = {"depeche": "#c0392b", "xapian": "#2471a3", "lucene": "#229954", "fts5": "#7d3c98", "text": "#888888"}
W, H = 680, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 190, 40, 50


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def nice(v):
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def log_ticks(lo, hi):
    ticks = []
    e = math.floor(math.log10(lo))
    while 10 ** e <= hi * 1.0001:
        for m in (1, 2, 5):
            v = m * 10 ** e
            if lo / 1.0001 <= v <= hi * 1.0001:
                ticks.append(v)
        e += 1
    return ticks


def chart(title, ylabel, series, path):
    """series: list of (label, colour, dashed, [(x, y), ...])."""
    xs = [x for _, _, _, pts in series for x, _ in pts]
    ys = [y for _, _, _, pts in series for _, y in pts if y > 0]
    if not xs or not ys:
        return
    x0, x1 = min(xs), max(xs)
    if x0 == x1:
        x0, x1 = x0 / 2, x1 * 2
    y0 = 10 ** math.floor(math.log10(min(ys)))
    y1 = 10 ** math.ceil(math.log10(max(ys)))
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def px(x):
        return LEFT + (math.log10(x) - math.log10(x0)) / (math.log10(x1) - math.log10(x0)) * pw

    def py(y):
        return TOP + ph - (math.log10(y) - math.log10(y0)) / (math.log10(y1) - math.log10(y0)) * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{esc(title)}</text>']
    for v in log_ticks(y0, y1):
        y = py(v)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + pw}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{nice(v)}</text>')
    for v in sorted(set(xs)):
        x = px(v)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + ph}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + ph + 16}" text-anchor="middle">{nice(v)}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>')
    out.append(f'<text x="{LEFT + pw / 2}" y="{H - 12}" text-anchor="middle">articles (log scale)</text>')
    out.append(f'<text transform="translate(16 {TOP + ph / 2}) rotate(-90)" text-anchor="middle">{esc(ylabel)}</text>')
    for i, (label, colour, dashed, pts) in enumerate(series):
        pts = sorted(p for p in pts if p[1] > 0)
        if not pts:
            continue
        d = " ".join(f"{'M' if j == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for j, (x, y) in enumerate(pts))
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"><title>{esc(label)}: '
                       f'{y:.3g} at {x:,} articles</title></circle>')
        ly = TOP + 10 + i * 18
        out.append(f'<line x1="{LEFT + pw + 12}" y1="{ly}" x2="{LEFT + pw + 36}" y2="{ly}" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')
        out.append(f'<text x="{LEFT + pw + 42}" y="{ly + 4}">{esc(label)}</text>')
    out.append("</svg>")
    Path(path).write_text("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    runs = []
    for d in a.dirs:
        p = Path(d) / "results.json"
        if p.exists():
            runs.append(json.loads(p.read_text()))
    runs.sort(key=lambda r: r["meta"]["articles"])

    def points(engine, path):
        pts = []
        for r in runs:
            v = r["engines"].get(engine, {})
            for k in path:
                v = v.get(k) if isinstance(v, dict) else None
            if v:
                pts.append((r["meta"]["articles"], v))
        return pts

    out = Path(a.out)
    lat = []
    for e in ENGINES:
        lat.append((f"{NAMES[e]} p99", COLOURS[e], False, points(e, ("queries", "full/1", "p99_ms"))))
        lat.append((f"{NAMES[e]} p50", COLOURS[e], True, points(e, ("queries", "full/1", "p50_ms"))))
    chart("Full search latency (filters, facets, snippets; 1 thread)", "milliseconds (log scale)", lat,
          out / "bench-latency.svg")
    size = [(NAMES[e], COLOURS[e], False, [(x, y / 1e6) for x, y in points(e, ("compact", "size_bytes"))])
            for e in ENGINES]
    size.append(("JSONL text", COLOURS["text"], True,
                 [(r["meta"]["articles"], r["meta"]["input_bytes"] / 1e6) for r in runs]))
    chart("Index size after compaction", "MB (log scale)", size, out / "bench-index-size.svg")
    speed = [(NAMES[e], COLOURS[e], False, points(e, ("index", "articles_per_s"))) for e in ENGINES]
    chart("Indexing throughput", "articles per second (log scale)", speed, out / "bench-indexing.svg")
    print(f"plot.py: wrote bench-latency.svg, bench-index-size.svg, bench-indexing.svg into {out}")


if __name__ == "__main__":
    main()
