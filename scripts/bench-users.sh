#!/usr/bin/env bash
# Requests that name only a userId against requests that send the history, with the embedded user
# store and with Redis, at 1 and 32 connections (alternating, ROUNDS times); then event ingestion
# while serving userId-only requests at 32 connections. Prints Markdown for docs/benchmarks.md.
#
#   scripts/bench-users.sh          (DURATION=15s ROUNDS=2 USERS=5000 PORT=18080 to change)
# Needs wrk and redis-server (apt-get install wrk redis-server). The response cache is off, so every
# request is looked up and scored.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
PORT=${PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16379}
DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-2}
USERS=${USERS:-5000}
DIR=target/bench-users
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
for tool in wrk redis-server; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 1; }
done

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD)"
rm -rf "$DIR" && java scripts/bench/UserBodies.java "$DIR" "$USERS" 50 100

SERVER=""; REDIS=""
trap 'kill $SERVER $REDIS 2>/dev/null || true' EXIT
serve() { # serve STORE
  java -jar "$JAR" --server.port="$PORT" --din.cache.enabled=false --din.users.store="$1" \
    --spring.data.redis.port="$REDIS_PORT" --din.batching.queue-capacity=1024 --logging.level.root=WARN \
    > "$DIR/server-$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  for batch in "$DIR"/preload-*.json; do
    curl -fs "localhost:$PORT/events" -H 'Content-Type: application/json' --data-binary @"$batch" >/dev/null
  done
}
stop() { kill "$SERVER" && wait "$SERVER" 2>/dev/null || true; }
load() { # load PATH BODIES CONNECTIONS -> RESULT line
  wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"$DURATION" --timeout 10s -s scripts/bench/bodies.lua \
    "http://127.0.0.1:$PORT" -- "$1" "$2" | grep '^RESULT'
}
field() { sed -E "s|.*$1=([0-9.]+).*|\1|"; }

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$DIR" > "$DIR/redis.log" 2>&1 &
REDIS=$!
sleep 1

echo
echo "| store | connections | request | round | requests/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|---|---|"
for store in memory redis; do
  serve "$store"
  load /recommend "$DIR/history.txt" 8 > /dev/null # warm-up
  load /recommend "$DIR/userid.txt" 8 > /dev/null
  for c in 1 32; do
    for round in $(seq 1 "$ROUNDS"); do
      for mode in history userid; do
        r=$(load /recommend "$DIR/$mode.txt" "$c")
        label=$([ "$mode" = history ] && echo "50 behaviours sent" || echo "userId only")
        echo "| $store | $c | $label | $round | $(echo "$r" | field requests/s) | $(echo "$r" | field p50) | $(echo "$r" | field p99) | $(echo "$r" | field errors) |"
      done
    done
  done
  stop
done

echo
echo "Ingestion while serving userId-only requests at 32 connections (batches of 100 events, 2 connections):"
echo
echo "| store | round | serving requests/s | serving p50 ms | serving p99 ms | events/s | batch p99 ms | errors |"
echo "|---|---|---|---|---|---|---|---|"
for store in memory redis; do
  serve "$store"
  load /recommend "$DIR/userid.txt" 8 > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    ingest=$(load /events "$DIR/ingest.txt" 2)
    echo "| $store, ingestion alone | $round | | | | $(echo "$ingest" | field requests/s | awk '{printf "%.0f", $1 * 100}') | $(echo "$ingest" | field p99) | $(echo "$ingest" | field errors) |"
    alone=$(load /recommend "$DIR/userid.txt" 32)
    echo "| $store, serving alone | $round | $(echo "$alone" | field requests/s) | $(echo "$alone" | field p50) | $(echo "$alone" | field p99) | | | $(echo "$alone" | field errors) |"
    load /events "$DIR/ingest.txt" 2 > "$DIR/ingest.out" &
    INGEST=$!
    both=$(load /recommend "$DIR/userid.txt" 32)
    wait "$INGEST"
    ingest=$(cat "$DIR/ingest.out")
    events=$(echo "$ingest" | field requests/s | awk '{printf "%.0f", $1 * 100}')
    echo "| $store, with ingestion | $round | $(echo "$both" | field requests/s) | $(echo "$both" | field p50) | $(echo "$both" | field p99) | $events | $(echo "$ingest" | field p99) | $(( $(echo "$both" | field errors) + $(echo "$ingest" | field errors) )) |"
  done
  stop
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
