#!/usr/bin/env python3
"""Turns the JMH JSON results (one file per thread count) and the statement counts into BENCHMARKS.md tables.

Usage: python3 benchmarks/report.py result-t1.json result-t8.json statements.md > tables.md
"""
import json
import sys
from collections import defaultdict

CONTENDERS = ["dao", "floor", "django", "hibernate", "sqlobject"]
DBS = ["h2", "postgres", "mariadb"]
SCENARIOS = ["hit", "miss", "race", "mixed"]


def load(paths):
    rows = defaultdict(dict)  # (db, scenario, threads, contender) -> metrics
    for path in paths:
        for r in json.load(open(path)):
            scenario = r["benchmark"].rsplit(".", 1)[1]
            key = (r["params"]["db"], scenario, r["threads"], r["params"]["contender"])
            m = r["primaryMetric"]
            if r["mode"] == "thrpt":
                rows[key]["ops"] = m["score"] * 1e6 if m["scoreUnit"] == "ops/us" else m["score"]
                alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm") or r.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm")
                if alloc:
                    rows[key]["alloc"] = alloc["score"]
            else:
                p = m["scorePercentiles"]
                rows[key]["p50"] = p["50.0"]
                rows[key]["p99"] = p["99.0"]
    return rows


def statements(path):
    counts = {}
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0] in DBS:
            counts[(cells[0], cells[1])] = dict(zip(["hit", "miss", "race", "mixed"], cells[2:6]))
    return counts


def main():
    *results, stmt_path = sys.argv[1:]
    rows = load(results)
    stmts = statements(stmt_path)
    threads = sorted({k[2] for k in rows})
    print("## Headline: the DAO's throughput as a ratio of each contender's\n")
    print("| database | scenario | threads | DAO / floor | DAO / Django's algorithm | DAO / Hibernate | DAO / JDBI SqlObject |")
    print("|---|---|---|---|---|---|---|")
    for db in DBS:
        for s in SCENARIOS:
            for t in threads:
                dao = rows.get((db, s, t, "dao"), {}).get("ops")
                if not dao:
                    continue
                cells = []
                for c in ["floor", "django", "hibernate", "sqlobject"]:
                    other = rows.get((db, s, t, c), {}).get("ops")
                    cells.append(f"{dao / other:.2f}" if other else "-")
                print(f"| {db} | {s} | {t} | " + " | ".join(cells) + " |")
    print("\n## Full results\n")
    print("Throughput in operations per second (all threads together); latency percentiles in microseconds from "
          "JMH's sample mode; allocation per operation from `-prof gc`; statements per operation counted with one "
          "thread (`StatementCounter`).\n")
    for db in DBS:
        print(f"### {db}\n")
        print("| scenario | threads | contender | ops/s | p50 µs | p99 µs | B/op | statements/op |")
        print("|---|---|---|---|---|---|---|---|")
        for s in SCENARIOS:
            for t in threads:
                for c in CONTENDERS:
                    m = rows.get((db, s, t, c))
                    if not m:
                        continue
                    st = stmts.get((db, c), {}).get(s, "-")
                    print(f"| {s} | {t} | {c} | {m.get('ops', 0):,.0f} | {m.get('p50', 0):.1f} | {m.get('p99', 0):.1f} "
                          f"| {m.get('alloc', 0):,.0f} | {st} |")
        print()


if __name__ == "__main__":
    main()
