#!/usr/bin/env bash
# Memory under sustained load: serves the default model with the response cache off, drives it at
# 64 connections for MINUTES minutes (default 10) with the wrk bodies of scripts/bench/recommend.lua
# (50 behaviours x 100 candidates), and samples the server's resident set every 10 s. Prints a
# Markdown table (one row a minute) and the growth after warm-up, and plots RSS over time into
# docs/reliability-rss.png with gnuplot (apt-get install gnuplot-nox).
#
#   scripts/soak-rss.sh            (MINUTES=10 CONNECTIONS=64 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
MINUTES=${MINUTES:-10}
CONNECTIONS=${CONNECTIONS:-64}
PORT=18080
OUT=target/soak
mkdir -p "$OUT"
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

java -Dai.djl.offline=true -jar "$JAR" --server.port="$PORT" --din.cache.enabled=false \
  --din.batching.queue-capacity=1024 --logging.level.root=WARN > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done

rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER/status"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RSS when ready: $(rss) MB"
wrk -t2 -c"$CONNECTIONS" -d"$((MINUTES * 60))s" --timeout 10s -s scripts/bench/recommend.lua \
  "http://127.0.0.1:$PORT" -- 50 100 > "$OUT/wrk.txt" &
WRK=$!
echo "seconds,rss_mb" > "$OUT/rss.csv"
start=$(date +%s)
while kill -0 "$WRK" 2>/dev/null; do
  echo "$(( $(date +%s) - start )),$(rss)" >> "$OUT/rss.csv"
  sleep 10
done
wait "$WRK" || true
echo "RSS after the run: $(rss) MB"
grep RESULT "$OUT/wrk.txt" || cat "$OUT/wrk.txt"

echo
echo "| minute | RSS (MB) |"
echo "|---|---|"
awk -F, 'NR > 1 && $1 % 60 < 10 { printf "| %d | %s |\n", $1 / 60, $2 }' "$OUT/rss.csv"
# Warm-up is the first minute: the JIT, the allocator's arenas and the heap settle there.
awk -F, 'NR > 1 && $1 >= 60 && !base { base = $2 } NR > 1 { last = $2; if ($2 > max) max = $2 }
  END { printf "\nafter warm-up: %.1f MB at minute 1, %.1f MB at the end, peak %.1f MB: growth %.1f %%\n",
        base, last, max, (last - base) / base * 100 }' "$OUT/rss.csv"

if command -v gnuplot >/dev/null; then
  gnuplot <<PLOT
set terminal pngcairo size 900,450 font ",11"
set output "docs/reliability-rss.png"
set datafile separator ","
set title "din-serving RSS, ${CONNECTIONS} connections, 50 x 100 candidates, cache off"
set xlabel "minutes under load"
set ylabel "resident set (MB)"
set yrange [0:*]
set grid
set key off
plot "$OUT/rss.csv" every ::1 using (\$1/60):2 with linespoints pt 7 ps 0.5 lw 2
PLOT
  echo "plot: docs/reliability-rss.png"
fi
