#!/usr/bin/env bash
# An imported TorchScript DIN against the native bundle of the same shape, both from
# scripts/torchscript-quality.sh (ml-latest-small, embeddings 16, attention 80-40, top MLP 200-80):
# the forward pass alone (`bench`, 50 behaviours x 100 and 1,000 candidates, one unbounded pass),
# alternating the two bundles twice; then end-to-end requests/s over HTTP (wrk, 32 connections,
# 50 x 100 bodies of the bundles' own item ids, cache off), once each.
#
#   scripts/bench-torchscript.sh [NATIVE_BUNDLE] [IMPORTED_BUNDLE]   (DURATION=20s)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
NATIVE=${1:-target/torchscript-quality/java-1}
IMPORTED=${2:-target/torchscript-quality/py-1}
JAR=${JAR:-target/din-serving.jar}
DURATION=${DURATION:-20s}
PORT=18082
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
din() { java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -jar "$JAR" "$@"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "| round | bundle | 1 x 100 mean ms | 1 x 1000 mean ms |"
echo "|---|---|---|---|"
for round in 1 2; do
  for bundle in "$NATIVE" "$IMPORTED"; do
    out=$(din bench --model "$bundle" --behaviours 50 --candidates 100,1000 --max-rows 100000 --iterations 200 2>/dev/null)
    m100=$(echo "$out" | awk -F'|' '/^\| 1 x 100 /{gsub(/ /,"",$4); print $4}')
    m1000=$(echo "$out" | awk -F'|' '/^\| 1 x 1000 /{gsub(/ /,"",$4); print $4}')
    echo "| $round | $(basename "$bundle") | $m100 | $m1000 |"
  done
done

echo
echo "| bundle | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
for bundle in "$NATIVE" "$IMPORTED"; do
  ids=target/bench-ids-$(basename "$bundle").txt
  grep -m1 '"itemId" : \[' "$bundle/manifest.json" | sed 's/.*\[//; s/\].*//' | tr ',' '\n' | tr -d ' "' > "$ids"
  din --server.port="$PORT" --din.model.path="$bundle" --din.cache.enabled=false --din.batching.queue-capacity=1024 \
    --logging.level.root=WARN > "target/bench-ts-server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
  wrk -t2 -c32 -d"$DURATION" --timeout 10s -s scripts/bench/recommend.lua "http://127.0.0.1:$PORT" -- 50 100 "$ids" \
    | sed -n 's/.*requests\/s=\([0-9.]*\).*p50=\([0-9.]*ms\).*p99=\([0-9.]*ms\).*errors=\([0-9]*\).*/| '"$(basename "$bundle")"' | \1 | \2 | \3 | \4 |/p'
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done
