#!/usr/bin/env bash
# Shutdown under load: serves the default model with the response cache off, puts CONNECTIONS (16)
# kept-alive clients on it posting without pause (scripts/bench/LoadClient.java, 50 behaviours x
# 100 candidates), and sends SIGTERM 15 s in, as Kubernetes does when it stops a pod. Every request
# must end one of two ways: answered (200, or 503 once the server is closing), or refused before it
# was sent because nothing listens any more, which a client or load balancer retries elsewhere. A
# request sent and never answered is the failure this checks for. Prints the client's tally and the
# time from SIGTERM to exit.
#
#   scripts/shutdown-under-load.sh      (CONNECTIONS=16 ROUNDS=3 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/din-serving.jar}
CONNECTIONS=${CONNECTIONS:-16}
ROUNDS=${ROUNDS:-3}
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
  java scripts/bench/LoadClient.java "http://localhost:$PORT/recommend" --connections "$CONNECTIONS" --seconds 25 \
    --report 5 > "$OUT/load-$round.txt" &
  LOAD=$!
  sleep 15
  began=$(date +%s%N)
  kill -TERM "$SERVER"
  wait "$SERVER" || true
  stopped=$(( ($(date +%s%N) - began) / 1000000 ))
  wait "$LOAD"
  echo "round $round: exited $stopped ms after SIGTERM; $(grep '^RESULT' "$OUT/load-$round.txt")"
done
