#!/usr/bin/env bash
# Hot reload under load, and memory across reloads. Serves a model repository (version 1 = the
# default bundle) with the response cache off and polling every second, then:
#   1. after 30 s of warm-up, a steady minute at CONNECTIONS (32) connections of scripts/bench/recommend.lua bodies
#      (50 behaviours x 100 candidates);
#   2. a minute at the same load during which version 2 is published, 30 s in, by an atomic rename;
#   3. RELOADS (20) more versions published one after another, each awaited on /actuator/models,
#      with the server's resident set after each.
# Prints requests/s, p99 and errors of both minutes, the swap time, and the RSS table.
#
#   scripts/reload-under-load.sh      (CONNECTIONS=32 RELOADS=20 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
CONNECTIONS=${CONNECTIONS:-32}
RELOADS=${RELOADS:-20}
PORT=18081
OUT=target/reload
REPO=$OUT/repository
rm -rf "$OUT" && mkdir -p "$REPO"
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

publish() { # publish VERSION: stage inside the repository, then rename in one step
  local staged
  staged=$(mktemp -d "$REPO/.staging-XXXX")
  cp models/default/* "$staged/"
  mv -T "$staged" "$REPO/$1"
}
state_of() { # state_of VERSION: LOADING, SERVING, FAILED, RETIRED or nothing
  curl -fs "localhost:$PORT/actuator/models" | grep -o "\"version\":\"$1\",\"state\":\"[A-Z]*\"" | cut -d'"' -f8
}
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER/status"; }

publish 1
java -Dai.djl.offline=true -jar "$JAR" --server.port="$PORT" --din.model.path="$REPO" \
  --din.model.poll-interval=1s --din.cache.enabled=false --din.batching.queue-capacity=1024 \
  --logging.level.root=WARN --logging.level.io.dinserving.serving=INFO > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

load() { wrk -t2 -c"$CONNECTIONS" -d"${1:-60s}" --timeout 10s -s scripts/bench/recommend.lua "http://127.0.0.1:$PORT" -- 50 100; }
load 30s > "$OUT/warm-up.txt" # the JIT and the allocator settle first
load > "$OUT/steady.txt"
load > "$OUT/swap.txt" &
WRK=$!
sleep 30
swap_started=$(date +%s.%N)
publish 2
until [ "$(state_of 2)" = SERVING ]; do sleep 0.1; done
swap_done=$(date +%s.%N)
wait "$WRK"
until [ "$(state_of 1)" = RETIRED ]; do sleep 0.1; done

echo
echo "| minute | requests/s | p99 | errors |"
echo "|---|---|---|---|"
for m in steady swap; do
  sed -n 's/.*requests\/s=\([0-9.]*\).*p99=\([0-9.]*ms\).*errors=\([0-9]*\).*/| '"$m"' | \1 | \2 | \3 |/p' "$OUT/$m.txt"
done
grep -h "Non-2xx\|Socket errors" "$OUT/steady.txt" "$OUT/swap.txt" || echo "(wrk saw no non-2xx responses and no socket errors)"
printf "version 2 published to serving in %.1f s (load and warm-up under load, 1 s polling)\n" \
  "$(echo "$swap_done - $swap_started" | bc)"

echo
echo "| reload | version serving | RSS (MB) |"
echo "|---|---|---|"
echo "| 0 | 2 | $(rss) |"
for i in $(seq 1 "$RELOADS"); do
  v=$((i + 2))
  publish "$v"
  until [ "$(state_of "$v")" = SERVING ]; do sleep 0.1; done
  until [ "$(state_of $((v - 1)))" = RETIRED ]; do sleep 0.1; done
  echo "| $i | $v | $(rss) |"
done
