#!/bin/sh
# Update-or-create benchmarks (BENCHMARKS.md, "Update or create: updateOrCreate"), from the repository root:
#
#   benchmarks/update_report.sh                 # h2, postgres and mariadb
#   benchmarks/update_report.sh mariadb         # one database again (the others' results are kept)
#
# Builds the benchmarks jar (offline, from this checkout: -am builds runtime and processor with it), then per
# database: UpdateStatementCounter (statements, transaction control, rows written; checks every answer) into
# benchmarks/results/update-statements-<db>.md, and UpdateStatementTimer (dao, floor and Django's algorithm
# interleaved) per call and per batch of 1,000 keys for each scenario into update-interleaved-<db>.txt; last,
# update_report.py turns update-interleaved-{h2,postgres,mariadb}.txt into update-ratios.md. Databases: GETORCREATE_POSTGRES_URL,
# GETORCREATE_MARIADB_URL (default: the local servers). CALLS (default 1000) and BATCHES (default 20) per
# contender; SKIP_BUILD=1 uses the jar as it is. About 2-4 minutes per database on a loaded 2-core box.
set -e
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/results
CALLS=${CALLS:-1000}
BATCHES=${BATCHES:-20}
DBS=${*:-h2 postgres mariadb}
if [ -z "$SKIP_BUILD" ]; then
  mvn -B -o -q -DskipTests package -pl benchmarks -am
fi
mkdir -p "$OUT"
for db in $DBS; do
  java -cp "$JAR" io.getorcreate.benchmarks.UpdateStatementCounter "$db" > "$OUT/update-statements-$db.md"
  : > "$OUT/update-interleaved-$db.txt"
  for mode in call batch; do
    n=$CALLS
    [ "$mode" = batch ] && n=$BATCHES
    for scenario in create change nochange; do
      java -cp "$JAR" io.getorcreate.benchmarks.UpdateStatementTimer "$db" "$mode" "$scenario" "$n" dao floor django \
        >> "$OUT/update-interleaved-$db.txt"
      echo >> "$OUT/update-interleaved-$db.txt"
    done
  done
done
files=""
for db in h2 postgres mariadb; do
  [ -f "$OUT/update-interleaved-$db.txt" ] && files="$files $OUT/update-interleaved-$db.txt"
done
python3 benchmarks/update_report.py $files > "$OUT/update-ratios.md"
cat "$OUT/update-ratios.md"
