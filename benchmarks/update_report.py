#!/usr/bin/env python3
"""The update-or-create ratio table from UpdateStatementTimer's RESULT lines (see update_report.sh).

Ratios are of throughput (calls or keys per second): DAO / floor = floor ms / DAO ms.
"""
import sys

TARGET_FLOOR = {"h2": 0.8, "postgres": 0.9, "mariadb": 0.9}
# floor / Django measured on PostgreSQL before this harness (issue 10): the low end of each range.
EARLIER_PG_FLOOR_OVER_DJANGO = {"create": 1.7, "change": 1.45, "nochange": 1.3}
SCENARIO = {"create": "create", "change": "change", "nochange": "no-change"}
ORDER = ["h2", "postgres", "mariadb"]

medians = {}
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            if line.startswith("RESULT|"):
                _, db, mode, scenario, contender, median, _p10, _p90 = line.strip().split("|")
                medians[(db, mode, scenario, contender)] = float(median)

print("| database | per | scenario | DAO ms | floor ms | Django ms | DAO / floor (target) | DAO / Django "
      "| floor / Django | DAO / Django ≥ 0.9 × floor / Django? |")
print("|---|---|---|---|---|---|---|---|---|---|")
keys = sorted({(db, mode, s) for (db, mode, s, _c) in medians},
              key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 9, k[1] != "call", list(SCENARIO).index(k[2])))
for db, mode, scenario in keys:
    try:
        dao, floor, django = (medians[(db, mode, scenario, c)] for c in ("dao", "floor", "django"))
    except KeyError:
        continue
    target = TARGET_FLOOR.get(db, 0.9)
    dao_floor = floor / dao
    dao_django = django / dao
    floor_django = django / floor
    met = "yes" if dao_floor >= target else "**no**"
    gain = "yes" if dao_django >= 0.9 * floor_django else "**no**"
    if db == "postgres":
        earlier = 0.9 * EARLIER_PG_FLOOR_OVER_DJANGO[scenario]
        gain += " (≥ %.2f, 0.9 × the earlier low end: %s)" % (earlier, "yes" if dao_django >= earlier else "no")
    print("| %s | %s | %s | %.3f | %.3f | %.3f | %.2f (%.1f) %s | %.2f | %.2f | %s |" % (
        db, mode, SCENARIO[scenario], dao, floor, django, dao_floor, target, met, dao_django, floor_django, gain))
