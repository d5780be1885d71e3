#!/usr/bin/env python3
"""Summarises one bench/run scale directory: prints the table of Depeche / peer ratios and the
issue's targets, and writes results.json and results.tsv next to raw/.

    python3 bench/report.py bench/out/100000

Standard library only (Debian's python3)."""
import json
import statistics
import sys
from pathlib import Path

ENGINES = ["depeche", "xapian", "lucene", "fts5"]
NAMES = {"depeche": "Depeche", "xapian": "scriptindex/Xapian", "lucene": "Lucene++", "fts5": "SQLite FTS5"}
PEERS = ENGINES[1:]
MIB = 1024 * 1024


def read_lines(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip().startswith("{")]


def summarise(d):
    meta = json.loads((d / "meta.json").read_text())
    n, text = meta["articles"], meta["input_bytes"]
    engines = {e: {"queries": {}} for e in ENGINES}
    for e in ENGINES:
        runs = [r for r in read_lines(d / "raw" / "index.jsonl") if r["engine"] == e]
        if runs:
            secs = statistics.median(r["seconds"] for r in runs)
            size = runs[-1]["size_bytes"]
            engines[e]["index"] = {
                "runs": len(runs),
                "seconds": secs,
                "articles_per_s": n / secs if secs else 0,
                "mb_per_s": text / 1e6 / secs if secs else 0,
                "cpu_seconds": statistics.median(cpu) if (cpu := [r["cpu_seconds"] for r in runs if "cpu_seconds" in r]) else None,
                "peak_rss_mib": statistics.median(r["rss_kb"] for r in runs) / 1024,
                "articles_per_cpu_s": None,
                "size_bytes": size,
                "size_ratio": size / text,
            }
            cpu = engines[e]["index"]["cpu_seconds"]
            engines[e]["index"]["articles_per_cpu_s"] = n / cpu if cpu else None
        for r in read_lines(d / "raw" / "compact.jsonl"):
            if r["engine"] == e:
                engines[e]["compact"] = {"seconds": r["seconds"], "size_bytes": r["size_bytes"],
                                         "size_ratio": r["size_bytes"] / text}
    suggest = None
    for q in read_lines(d / "raw" / "queries.jsonl"):
        if q["engine"] == "depeche-suggest":
            suggest = q
        elif q["engine"] in engines:
            engines[q["engine"]]["queries"][f'{q["mode"]}/{q["threads"]}'] = q
    # Depeche's "filter" mode is its full mode (it always makes snippets).
    for t in (1, 2):
        full = engines["depeche"]["queries"].get(f"full/{t}")
        if full and f"filter/{t}" not in engines["depeche"]["queries"]:
            engines["depeche"]["queries"][f"filter/{t}"] = full
    http = {h["endpoint"]: h for h in read_lines(d / "raw" / "http.jsonl")}
    return {"meta": meta, "engines": engines, "suggest": suggest, "http": http, "slowest": slowest(d)}


def per_query(path):
    """query key -> (median ms, matches) from a harness's --per-query TSV."""
    if not path.exists():
        return {}
    rows = {}
    for line in path.read_text().splitlines()[1:]:
        f = line.split("\t")
        rows[tuple(f[:4])] = (float(f[4]), int(f[6]))
    return rows


def slowest(d, count=5):
    """Depeche's slowest full searches, with raw Xapian's time for the same query and filters."""
    dep = per_query(d / "raw" / "per-query-depeche-full-1.tsv")
    xap = per_query(d / "raw" / "per-query-xapian-filter-1.tsv")
    out = []
    for key, (ms, matches) in sorted(dep.items(), key=lambda kv: -kv[1][0])[:count]:
        out.append({"query": key[0], "filters": " ".join(x for x in key[1:] if x), "depeche_ms": ms,
                    "matches": matches, "xapian_ms": xap.get(key, (None, None))[0]})
    return out


def get(res, engine, path):
    v = res["engines"][engine]
    for k in path:
        if v is None or k not in v:
            return None
        v = v[k]
    return v


# (label, path into an engine's results, True when higher is better)
ROWS = [
    ("indexing: articles/s", ("index", "articles_per_s"), True),
    ("indexing: MB/s of JSONL", ("index", "mb_per_s"), True),
    ("indexing: CPU seconds (user+sys)", ("index", "cpu_seconds"), False),
    ("indexing: articles per CPU second", ("index", "articles_per_cpu_s"), True),
    ("indexing: peak RSS, MiB", ("index", "peak_rss_mib"), False),
    ("index size / JSONL size", ("index", "size_ratio"), False),
    ("after compaction / JSONL size", ("compact", "size_ratio"), False),
    ("compaction: seconds", ("compact", "seconds"), False),
    ("plain: p50 ms, 1 thread", ("queries", "plain/1", "p50_ms"), False),
    ("plain: p99 ms, 1 thread", ("queries", "plain/1", "p99_ms"), False),
    ("plain: queries/s, 2 threads", ("queries", "plain/2", "qps"), True),
    ("+ exact facet: p50 ms", ("queries", "facet/1", "p50_ms"), False),
    ("+ exact facet: p99 ms", ("queries", "facet/1", "p99_ms"), False),
    ("+ filters: p50 ms (*)", ("queries", "filter/1", "p50_ms"), False),
    ("+ filters: p99 ms (*)", ("queries", "filter/1", "p99_ms"), False),
    ("full: p50 ms, 1 thread", ("queries", "full/1", "p50_ms"), False),
    ("full: p95 ms, 1 thread", ("queries", "full/1", "p95_ms"), False),
    ("full: p99 ms, 1 thread", ("queries", "full/1", "p99_ms"), False),
    ("full: queries/s, 1 thread", ("queries", "full/1", "qps"), True),
    ("full: queries/s, 2 threads", ("queries", "full/2", "qps"), True),
    ("full: p99 ms, 2 threads", ("queries", "full/2", "p99_ms"), False),
]


def fmt(v):
    if v is None:
        return "-"
    if v >= 100:
        return f"{v:,.0f}".replace(",", " ")
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def targets(res):
    """The issue's targets, as (description, measured, passed or None when not measured)."""
    out = []

    def ratio(a, b):
        return a / b if a is not None and b else None

    def add(desc, value, ok, shown):
        out.append({"target": desc, "value": value, "pass": ok, "shown": shown})

    dep_aps = get(res, "depeche", ("index", "articles_per_s"))
    for peer, need in (("xapian", 3.0), ("lucene", 1.0)):
        r = ratio(dep_aps, get(res, peer, ("index", "articles_per_s")))
        add(f"indexing throughput >= {need:g}x {NAMES[peer]}", r, None if r is None else r >= need,
            "-" if r is None else f"{r:.2f}x")
    rss = get(res, "depeche", ("index", "peak_rss_mib"))
    add("peak indexing RSS <= 1.5 GiB", rss, None if rss is None else rss <= 1536,
        "-" if rss is None else f"{rss:.0f} MiB")
    size = get(res, "depeche", ("compact", "size_ratio"))
    add("index size after depeche compact <= 2x the JSONL", size, None if size is None else size <= 2,
        "-" if size is None else f"{size:.2f}x")
    dep_p99 = get(res, "depeche", ("queries", "full/1", "p99_ms"))
    r = ratio(dep_p99, get(res, "xapian", ("queries", "filter/1", "p99_ms")))
    add("full search p99 <= 2x raw Xapian p99 (same query, filters, exact facet)", r,
        None if r is None else r <= 2, "-" if r is None else f"{r:.2f}x ({fmt(dep_p99)} ms)")
    r = ratio(dep_p99, get(res, "lucene", ("queries", "filter/1", "p99_ms")))
    add("full search p99 < Lucene++ p99 with its facet (same filters)", r, None if r is None else r < 1,
        "-" if r is None else f"{r:.2f}x")
    s = res["http"].get("suggest", {}).get("p99_ms")
    add("/api/suggest p99 < 5 ms (HTTP, wrk)", s, None if s is None else s < 5, "-" if s is None else f"{s:.2f} ms")
    rps = res["http"].get("search", {}).get("rps")
    add("/api/search >= 1000 requests/s (HTTP, wrk)", rps, None if rps is None else rps >= 1000,
        "-" if rps is None else f"{rps:.0f} /s")
    return out


def table(res):
    m = res["meta"]
    lines = []
    lines.append(f'Depeche vs peers: {m["articles"]:,} articles ({m["input_bytes"] / 1e6:.1f} MB of JSON Lines), '
                 f'{m["cores"]} cores, {m["date"]}, commit {m["commit"]}'.replace(",", " "))
    lines.append("Cells: value (Depeche / peer). Higher is better for rows marked ^, lower for the others.")
    width = [34, 12, 22, 22, 22]
    head = ["", NAMES["depeche"]] + [NAMES[p] for p in PEERS]
    lines.append("".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, width))))
    for label, path, higher in ROWS:
        dep = get(res, "depeche", path)
        cells = [(label + (" ^" if higher else "")).ljust(width[0]), fmt(dep).rjust(width[1])]
        for p, w in zip(PEERS, width[2:]):
            v = get(res, p, path)
            r = f" ({dep / v:.2f}x)" if dep is not None and v else ""
            cells.append((fmt(v) + r).rjust(w))
        lines.append("".join(cells))
    lines.append("(*) Depeche always makes snippets: its filter row is its full search.")
    matches = []
    for e in ENGINES:
        q = get(res, e, ("queries", "filter/1"))
        if q:
            matches.append(f'{NAMES[e]} {q["mean_matches"]:.0f} ({q["zero_match_queries"]} empty)')
    lines.append("Mean matches per query with filters (a check that engines answer alike): " + ", ".join(matches))
    if res.get("slowest"):
        lines.append("Slowest Depeche full searches (median ms; raw Xapian with the same filters and facet):")
        for q in res["slowest"]:
            x = "-" if q["xapian_ms"] is None else fmt(q["xapian_ms"])
            lines.append(f'  {fmt(q["depeche_ms"]):>8} ms  (Xapian {x} ms)  {q["matches"]:>7} matches  '
                         f'{q["query"]}  {q["filters"]}')
    lines.append("")
    s = res["suggest"]
    if s:
        lines.append(f'Depeche suggestions (in process): p50 {fmt(s["p50_ms"])} ms, p99 {fmt(s["p99_ms"])} ms')
    for ep, h in res["http"].items():
        lines.append(f'HTTP /api/{ep} (wrk, loopback): {h["rps"]:.0f} requests/s, p50 {fmt(h["p50_ms"])} ms, '
                     f'p99 {fmt(h["p99_ms"])} ms, {h["non_2xx"]} non-2xx, {h["socket_errors"]} socket errors')
    lines.append("")
    note = "" if m["articles"] == 100000 else f' (the targets are defined at 100 000 articles; this run has {m["articles"]:,}: indicative only)'.replace(",", " ")
    lines.append("Targets" + note)
    for t in res["targets"]:
        verdict = "n/a " if t["pass"] is None else ("PASS" if t["pass"] else "MISS")
        lines.append(f'  {verdict}  {t["target"]:<72} {t["shown"]}')
    return "\n".join(lines)


def tsv(res):
    rows = ["engine\tmetric\tvalue"]
    for e in ENGINES:
        er = res["engines"][e]
        for phase in ("index", "compact"):
            for k, v in er.get(phase, {}).items():
                rows.append(f"{e}\t{phase}.{k}\t{v}")
        for cfg, q in sorted(er["queries"].items()):
            for k in ("p50_ms", "p95_ms", "p99_ms", "qps", "mean_matches"):
                rows.append(f"{e}\tquery.{cfg}.{k}\t{q[k]}")
    if res["suggest"]:
        for k in ("p50_ms", "p95_ms", "p99_ms", "qps"):
            rows.append(f"depeche\tsuggest.{k}\t{res['suggest'][k]}")
    for ep, h in res["http"].items():
        for k in ("rps", "p50_ms", "p90_ms", "p99_ms", "non_2xx"):
            rows.append(f"depeche\thttp.{ep}.{k}\t{h[k]}")
    for t in res["targets"]:
        rows.append(f"target\t{t['target']}\t{t['value']}")
    return "\n".join(rows) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: report.py bench/out/ARTICLES")
    d = Path(sys.argv[1])
    res = summarise(d)
    res["targets"] = targets(res)
    (d / "results.json").write_text(json.dumps(res, indent=1) + "\n")
    (d / "results.tsv").write_text(tsv(res))
    print(table(res))


if __name__ == "__main__":
    main()
