#!/usr/bin/env bash
# Shutdown under load, as Kubernetes stops a pod. Serves the default model with the response cache
# off and puts CONNECTIONS (16) kept-alive clients on it, posting without pause
# (scripts/bench/LoadClient.java, 50 behaviours x 100 candidates). 15 s in, the pod's endpoint is
# removed: the clients open no new connection to it, as a load balancer would not, while the
# connections already open carry on. PRESTOP (5, the chart's preStop sleep) seconds later it gets
# SIGTERM. Every request sent must be answered; one sent and dropped is the failure this checks.
# Prints the clients' tally and the time from SIGTERM to exit, for ROUNDS (3) rounds.
#
#   scripts/shutdown-under-load.sh      (CONNECTIONS=16 ROUNDS=3 PRESTOP=5 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/din-serving.jar}
CONNECTIONS=${CONNECTIONS:-16}
ROUNDS=${ROUNDS:-3}
PRESTOP=${PRESTOP:-5}
PORT=18084
OUT=target/shutdown
mkdir -p "$OUT"
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
for round in $(seq 1 "$ROUNDS"); do
  java -jar "$JAR" --server.port="$PORT" --din.cache.enabled=false > "$OUT/server-$round.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
  rm -f "$OUT/removed"
  java scripts/bench/LoadClient.java "http://localhost:$PORT/recommend" --connections "$CONNECTIONS" --seconds 30 \
    --report 5 --removed-when "$OUT/removed" > "$OUT/load-$round.txt" &
  LOAD=$!
  sleep 15
  touch "$OUT/removed"
  sleep "$PRESTOP"
  began=$(date +%s%N)
  kill -TERM "$SERVER"
  wait "$SERVER" || true
  stopped=$(( ($(date +%s%N) - began) / 1000000 ))
  wait "$LOAD"
  echo "round $round: exited $stopped ms after SIGTERM; $(grep '^RESULT' "$OUT/load-$round.txt")"
done
