#!/usr/bin/env bash
# Drives the running service with wrk on loopback and prints a Markdown table for docs/benchmarks.md:
# 50 behaviours x 100 candidates at 1, 8, 32 and 64 connections with batching on and off, and
# 50 x 1000 candidates; then the model's forward pass alone at the same shapes.
#
#   scripts/bench-serving.sh            (DURATION=20s PORT=18080 to change)
# Needs wrk (apt-get install wrk). The response cache is off so every request is scored.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"

serve() { # serve BATCHING_ENABLED
  java -Dai.djl.offline=true -jar "$JAR" --server.port="$PORT" --din.cache.enabled=false \
    --din.batching.enabled="$1" --din.batching.queue-capacity=1024 --logging.level.root=WARN > "target/bench-server-$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "server did not become ready" >&2; exit 1
}
stop() { kill "$SERVER" && wait "$SERVER" 2>/dev/null || true; }
trap 'kill $SERVER 2>/dev/null || true' EXIT

run() { # run CONNECTIONS BEHAVIOURS CANDIDATES LABEL
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$1" -d"$DURATION" --timeout 10s -s scripts/bench/recommend.lua "http://127.0.0.1:$PORT" -- "$2" "$3" \
    | awk -v label="$4" -v c="$1" -v b="$2" -v n="$3" '/^RESULT/ {
        split($0, f, /[ =]/); printf "| %s | %s x %s | %s | %s | %s | %s | %s | %s | %s |\n", label, b, n, c, f[3], f[5], f[7], f[9], f[11], f[13] }'
}

echo
echo "| batching | behaviours x candidates | connections | requests/s | candidates/s | p50 | p95 | p99 | errors |"
echo "|---|---|---|---|---|---|---|---|---|"
for batching in true false; do
  serve "$batching"
  label=$([ "$batching" = true ] && echo on || echo off)
  run 8 50 100 "warm-up ($label)" > /dev/null
  for c in 1 8 32 64; do run "$c" 50 100 "$label"; done
  for c in 1 8 32; do run "$c" 50 1000 "$label"; done
  stop
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "Forward pass alone (one intra-op thread, as a server worker):"
java -Dai.djl.offline=true -jar "$JAR" bench --behaviours 50 --candidates 100,1000 --requests 1,4 --max-rows 512 2>/dev/null
java -Dai.djl.offline=true -jar "$JAR" bench --behaviours 50 --candidates 100,1000 --requests 1 --max-rows 100000 --iterations 100 2>/dev/null
