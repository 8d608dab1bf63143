#!/usr/bin/env python3
"""Turns BulkBenchmark's JMH JSON results (one file per thread count) and BulkStatementCounter's output
into the tables of BENCHMARKS.md's "Many keys at once" section.

Usage: python3 benchmarks/bulk_report.py bulk-t1.json bulk-t8.json bulk-statements.md > tables.md
"""
import json
import sys

CONTENDERS = ["bulk", "loop", "floor", "floorloop", "django"]
NAMES = {
    "bulk": "DAO bulk",
    "loop": "DAO loop",
    "floor": "floor",
    "floorloop": "floor loop",
    "django": "Django's recipe",
}
DBS = ["h2", "postgres", "mariadb"]
SCENARIOS = ["allMiss", "allHit", "half"]
SCENARIO_NAMES = {"allMiss": "all-miss", "allHit": "all-hit", "half": "half"}


def load(paths):
    rows = {}  # (db, scenario, threads, contender) -> metrics
    for path in paths:
        for r in json.load(open(path)):
            scenario = r["benchmark"].rsplit(".", 1)[1]
            key = (r["params"]["db"], scenario, r["threads"], r["params"]["contender"])
            m = r["primaryMetric"]
            metrics = {"keys": m["score"], "error": m.get("scoreError")}
            secondary = r.get("secondaryMetrics", {})
            alloc = secondary.get("gc.alloc.rate.norm") or secondary.get("·gc.alloc.rate.norm")
            if alloc:
                metrics["alloc"] = alloc["score"]
            rows[key] = metrics
    return rows


def statements(path):
    counts = {}
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in DBS:
            counts[(cells[0], cells[1])] = dict(zip(SCENARIOS, cells[2:5]))
    return counts


def ratio(rows, a, b):
    if a not in rows or b not in rows:
        return "n/a"
    return "%.2f" % (rows[a]["keys"] / rows[b]["keys"])


def main():
    *results, stmt_path = sys.argv[1:]
    rows = load(results)
    stmts = statements(stmt_path)
    threads = sorted({k[2] for k in rows})

    print("### Ratios (keys per second of the first over the second)\n")
    print("| database | scenario | threads | DAO bulk / floor | DAO bulk / DAO loop | floor / floor loop | DAO bulk / Django's recipe |")
    print("|---|---|---|---|---|---|---|")
    for db in DBS:
        for s in SCENARIOS:
            for t in threads:
                k = lambda c: (db, s, t, c)
                print("| %s | %s | %d | %s | %s | %s | %s |" % (
                    db, SCENARIO_NAMES[s], t,
                    ratio(rows, k("bulk"), k("floor")),
                    ratio(rows, k("bulk"), k("loop")),
                    ratio(rows, k("floor"), k("floorloop")),
                    ratio(rows, k("bulk"), k("django"))))
    print()

    for db in DBS:
        print("### %s\n" % db)
        print("| scenario | threads | contender | keys/s | ± (99.9%) | B/key | statements + transaction control per 1,000 keys |")
        print("|---|---|---|---|---|---|---|")
        for s in SCENARIOS:
            for t in threads:
                for c in CONTENDERS:
                    r = rows.get((db, s, t, c))
                    if not r:
                        continue
                    err = r.get("error")
                    err = "{:,.0f}".format(err) if err is not None and err == err else ""
                    alloc = "{:,.0f}".format(r["alloc"]) if "alloc" in r else ""
                    count = stmts.get((db, c), {}).get(s, "")
                    print("| %s | %d | %s | %s | %s | %s | %s |" % (
                        SCENARIO_NAMES[s], t, NAMES[c], "{:,.0f}".format(r["keys"]), err, alloc, count))
        print()


if __name__ == "__main__":
    main()
