#!/usr/bin/env bash
# Twice capacity for MINUTES minutes (default 10): serves the default model with the response cache
# off, measures capacity with scripts/bench/LoadClient.java closed loop (64 clients posting without
# pause, 50 behaviours x 100 candidates), then offers twice that rate open loop, on a fixed schedule
# whatever the answers, and samples the server's resident set each minute. Prints the client's view
# (per minute: answers by status, requests never answered, p50/p99), the server's own view of the
# same requests from /actuator/prometheus, the RSS table, and whether the server answers normally
# and reports ready afterwards.
#
#   scripts/overload.sh            (MINUTES=10 FACTOR=2 to change; SERVER_ARGS for server settings)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/din-serving.jar}
MINUTES=${MINUTES:-10}
FACTOR=${FACTOR:-2}
PORT=18082
OUT=target/overload
mkdir -p "$OUT"
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
LOAD="java scripts/bench/LoadClient.java http://localhost:$PORT/recommend"

java -jar "$JAR" --server.port="$PORT" --din.cache.enabled=false --logging.level.root=WARN ${SERVER_ARGS:-} > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done

rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER/status"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jar: $JAR; tree: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"

$LOAD --connections 64 --seconds 30 --report 30 > "$OUT/warmup.txt"
$LOAD --connections 64 --seconds 60 --report 60 | tee "$OUT/capacity.txt" | grep RESULT
CAPACITY=$(sed -n 's/^RESULT answered\/s=\([0-9.]*\).*/\1/p' "$OUT/capacity.txt")
RATE=$(awk -v c="$CAPACITY" -v f="$FACTOR" 'BEGIN { printf "%.0f", c * f }')
echo "capacity: $CAPACITY answers/s at 64 clients; offering $RATE requests/s for $MINUTES min"
curl -fs "localhost:$PORT/actuator/prometheus" > "$OUT/before.prom"

echo "RSS when the overload starts: $(rss) MB"
(
  for minute in $(seq 1 "$MINUTES"); do
    sleep 60
    echo "| $minute | $(rss) |"
  done
) > "$OUT/rss.md" &
SAMPLER=$!
$LOAD --rate "$RATE" --connections 1024 --seconds "$((MINUTES * 60))" --report 60 | tee "$OUT/overload.txt"
wait $SAMPLER || true
echo
echo "| minute | RSS (MB) |"
echo "|---|---|"
cat "$OUT/rss.md"

curl -fs "localhost:$PORT/actuator/prometheus" > "$OUT/after.prom"
# The server's view: counts and latency buckets of /recommend by status, this run only.
echo
echo "server-side, /recommend during the overload (http.server.requests):"
# sum SERIES STATUS LE FILE: the /recommend samples of one series and status (LE "" for any bucket)
sum() { awk -v m="$1" -v s="status=\"$2\"" -v l="${3:+le=\"$3\"}" 'index($0, m) == 1 && index($0, "uri=\"/recommend\"") && index($0, s) && index($0, l) { n += $NF } END { printf "%d", n }' "$4"; }
during() { echo $(( $(sum "$@" "$OUT/after.prom") - $(sum "$@" "$OUT/before.prom") )); }
for status in 200 503 504 500; do
  total=$(during http_server_requests_seconds_count "$status" "")
  [ "$total" -gt 0 ] || { echo "  $status: 0"; continue; }
  line="  $status: $total"
  for le in 0.005 0.025 0.1 0.25; do
    within=$(during http_server_requests_seconds_bucket "$status" "$le")
    line="$line, $(awk -v w="$within" -v t="$total" 'BEGIN { printf "%.1f", 100 * w / t }')% within ${le}s"
  done
  echo "$line"
done
echo
echo "afterwards: readiness $(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/actuator/health/readiness"), liveness $(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/actuator/health/liveness"), a plain request $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{"behaviors":["i1","i2"],"candidates":["i3","i4"]}' "localhost:$PORT/recommend")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
