#!/usr/bin/env bash
# The scoring core against the PyTorch peer of ../shared/peers, in one run on one machine, rows
# alternating project then peer, twice: the forward pass alone (1 x 100 and 1 x 1000 candidates, one
# thread), then POST /recommend over HTTP at 1, 4 and 32 connections (50 behaviours x 100
# candidates, response cache off). Prints Markdown tables for docs/benchmarks.md.
#
#   scripts/bench-peer.sh              (DURATION=20s PEERS=../shared/peers to change)
#   ROUNDS=5 HTTP=0 BASELINE_JAR=/tmp/old.jar scripts/bench-peer.sh
#                                      (forward pass only, five rounds, with an older build's
#                                       bench in each round too)
#
# Needs wrk and, for the peer only, Debian's python3-torch python3-fastapi python3-uvicorn
# python3-uvloop python3-httptools and an optimised BLAS (libopenblas0-pthread: with Debian's
# reference BLAS the peer's forward pass is about 20x slower). The peer's BLAS gets one thread, as
# each of our workers has one intra-op thread.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
PEERS=${PEERS:-../shared/peers}
DURATION=${DURATION:-20s}
PORT=18080
PEER_PORT=18900
MANIFEST=${MANIFEST:-models/default/manifest.json}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$PEERS/pytorch_din_server.py" ] || { echo "no peer at $PEERS" >&2; exit 1; }
export OPENBLAS_NUM_THREADS=1 MANIFEST

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); peer: torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"

echo
echo "Forward pass alone, one thread, 50 behaviours (ms per pass; project: mean / p50 of 300 passes):"
echo
echo "| round | system | 1 x 100 | 1 x 1000 |"
echo "|---|---|---|---|"
forward() { # forward JAR LABEL ROUND
  java -Dai.djl.offline=true -jar "$1" bench --behaviours 50 --candidates 100,1000 --max-rows 100000 \
      --iterations 300 2>/dev/null \
    | awk -v r="$3" -v s="$2" -F'|' '/^\| 1 x 100 /{a=$4" / "$5} /^\| 1 x 1000 /{b=$4" / "$5} END{printf "| %s | %s | %s | %s |\n", r, s, a, b}'
}
for round in $(seq 1 "${ROUNDS:-2}"); do
  forward "$JAR" project "$round"
  [ -z "${BASELINE_JAR:-}" ] || forward "$BASELINE_JAR" baseline "$round"
  /usr/bin/python3 "$PEERS/pytorch_din_forward.py" \
    | awk -v r="$round" '/1 x 100:/{a=$7} /1 x 1000:/{b=$7} END{printf "| %s | peer | %s | %s |\n", r, a, b}'
done

[ "${HTTP:-1}" = 1 ] || exit 0

ready() { # ready URL
  for _ in $(seq 1 120); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "not ready: $1" >&2; exit 1
}
java -Dai.djl.offline=true -jar "$JAR" --server.port="$PORT" --din.cache.enabled=false \
  --din.batching.queue-capacity=1024 --logging.level.root=WARN > target/bench-peer-server.log 2>&1 &
SERVER=$!
/usr/bin/python3 -m uvicorn pytorch_din_server:app --app-dir "$PEERS" --port "$PEER_PORT" --workers 2 \
  --log-level warning > target/bench-peer-peer.log 2>&1 &
PEER=$!
trap 'kill $SERVER $PEER 2>/dev/null || true' EXIT
ready "localhost:$PORT/actuator/health/readiness"
ready "localhost:$PEER_PORT/docs"

run() { # run SYSTEM PORT CONNECTIONS ROUND
  local threads=$(( $3 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$3" -d"$DURATION" --timeout 10s -s scripts/bench/recommend.lua "http://127.0.0.1:$2" -- 50 100 \
    | awk -v s="$1" -v c="$3" -v r="$4" '/^RESULT/ { split($0, f, /[ =]/);
        printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", r, c, s, f[3], f[7], f[9], f[11], f[13] }'
}
for port in "$PORT" "$PEER_PORT"; do # warm both up, unrecorded
  wrk -t2 -c8 -d10s -s scripts/bench/recommend.lua "http://127.0.0.1:$port" -- 50 100 > /dev/null
done

echo
echo "POST /recommend, 50 behaviours x 100 candidates, $DURATION per row:"
echo
echo "| round | connections | system | requests/s | p50 | p95 | p99 | errors |"
echo "|---|---|---|---|---|---|---|---|"
for round in 1 2; do
  for c in 1 4 32; do
    run project "$PORT" "$c" "$round"
    run peer "$PEER_PORT" "$c" "$round"
  done
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
