#!/usr/bin/env bash
# Many small requests in one pass against one request of as many candidates, and `evaluate`'s
# throughput, for two jars alternating: JAR (default: this checkout's) and BASE_JAR (e.g. a build of
# the commit before the cross-request pass). One intra-op thread, as a server worker runs.
#   BASE_JAR=/tmp/old.jar scripts/bench-cross-request.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
BASE_JAR=${BASE_JAR:?set BASE_JAR to the jar to compare against}
ROUNDS=${ROUNDS:-2}
OUT=${OUT:-target/bench-cross-request}
mkdir -p "$OUT"
[ -f "$OUT/samples.csv" ] || {
  java -jar "$JAR" generate --out "$OUT/log.csv" --seed 7 >/dev/null
  java -jar "$JAR" prepare --log "$OUT/log.csv" --category-col category --label-col label --out "$OUT/samples.csv" >/dev/null
}
bench() { # JAR REQUESTS CANDIDATES
  java -Dai.djl.pytorch.num_threads=1 -jar "$1" bench --behaviours 50 --max-rows 100000 \
    --requests "$2" --candidates "$3" --iterations 200 --warmup 30 2>/dev/null | grep -E '^\| [0-9]'
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  for jar in "$BASE_JAR" "$JAR"; do
    echo "== round $round: $jar"
    bench "$jar" 256 1; bench "$jar" 1 256; bench "$jar" 64 4
    start=$(date +%s.%N)
    java -Dai.djl.pytorch.num_threads=1 -jar "$jar" evaluate --model models/default --samples "$OUT/samples.csv" \
      2>/dev/null | grep '| all'
    echo "evaluate wall: $(echo "$(date +%s.%N) - $start" | bc) s"
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
