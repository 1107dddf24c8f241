#!/usr/bin/env bash
# A new user's first hour, scripted: every command of the README, as written, from a plain
# `java -jar` (no scripts/env.sh), each one timed and its output checked; at the end every log is
# searched for warnings, exceptions and stack frames. Run it from a clean clone:
#
#   scripts/newcomer.sh            # the whole walk, about 17 min on 2 cores
#   QUICK=1 scripts/newcomer.sh    # leaves out tune, the second MovieLens model and the publish
#
# It writes only under models/ (ignored by git, as the README's commands do) and target/newcomer.
# Exit status 0 only when every step passed and no log holds anything unexpected.
set -uo pipefail
cd "$(dirname "$0")/.."
ML=${DIN_SHARED_DATA:-../shared/data}/ml-latest-small
LOGS=target/newcomer
PORT=8080
QUICK=${QUICK:-0}
J="java -jar target/din-serving.jar"
rm -rf "$LOGS" models/ml-din models/ml-base models/repository models/py-din target/ml-samples.csv target/eval
mkdir -p "$LOGS"
failures=0
rows=()

# step NAME LIMIT_SECONDS EXPECTED_REGEX COMMAND...: runs the command, fails the step on a non-zero
# exit, output without the expected text, or a time over the limit (0: the README states none).
step() {
  local name=$1 limit=$2 expect=$3
  shift 3
  local log="$LOGS/$name.log" started ended seconds verdict=ok
  started=$(date +%s.%N)
  bash -c "$*" >"$log" 2>&1
  local rc=$?
  ended=$(date +%s.%N)
  seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }')
  if [ "$rc" -ne 0 ]; then
    verdict="FAILED: exit $rc"
  elif ! grep -Eq -- "$expect" "$log"; then
    verdict="FAILED: no /$expect/ in the output"
  elif [ "$limit" != 0 ] && awk -v s="$seconds" -v l="$limit" 'BEGIN { exit !(s > l) }'; then
    verdict="FAILED: over the README's ${limit} s"
  fi
  [ "$verdict" = ok ] || failures=$((failures + 1))
  rows+=("| $name | ${seconds} s | ${limit/#0/–} | $verdict |")
  printf '%-28s %8s s  %s\n' "$name" "$seconds" "$verdict"
}

skip() {
  rows+=("| $1 | – | – | skipped: $2 |")
  printf '%-28s %10s  skipped: %s\n' "$1" "" "$2"
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"

# --- Two commands: serve the bundled default model (the test command is .ci/run's) ---
if curl -s -o /dev/null "localhost:$PORT"; then
  echo "port $PORT is taken: stop what listens there first" >&2
  exit 2
fi
started=$(date +%s.%N)
setsid ./mvnw -q spring-boot:run >"$LOGS/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
ready=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "spring-boot:run ready after ${ready} s (Maven compiles first on a clean clone)"
step recommend 0 '"itemId":"i23","score":[0-9.]+,"rank":1\},\{"itemId":"i9",[^}]*"rank":2\},\{"itemId":"i232"' \
  "curl -s localhost:$PORT/recommend -H 'Content-Type: application/json' -d '{
  \"behaviors\": [{\"itemId\": \"i17\", \"category\": \"c0\"}, \"i23\", \"i41\"],
  \"candidates\": [\"i232\", {\"itemId\": \"i9\", \"category\": \"c0\"}, \"i400\", \"i23\"],
  \"topK\": 3}'"
step recommend-400 0 '"detail":"candidates: at least one candidate is required",.*"status":400,.*"field":"candidates"' \
  "curl -s localhost:$PORT/recommend -H 'Content-Type: application/json' -d '{\"candidates\": []}'"
step demo-page 0 '<title>din-serving' "curl -sf localhost:$PORT/"
step openapi 0 '"/recommend"' "curl -sf localhost:$PORT/v3/api-docs"
step prometheus 0 '^http_server_requests_seconds_count' "curl -sf localhost:$PORT/actuator/prometheus"
kill -TERM -- -"$server" 2>/dev/null
wait "$server" 2>/dev/null

# --- Training: the README's block, as written ---
step package 0 '.' "./mvnw -q -DskipTests package && ls target/din-serving.jar"
step help 0 '^Usage: din' "$J --help"
if [ -d "$ML" ]; then
  step train-ml-din 262 'written to models/ml-din' \
    "$J train --movielens $ML --out models/ml-din"
  if [ "$QUICK" = 1 ]; then
    skip train-ml-base "QUICK=1"
    step compare 0 '\| settings' "$J compare models/ml-din"
  else
    step train-ml-base 262 'written to models/ml-base' \
      "$J train --movielens $ML --variant base --seed 2 --out models/ml-base"
    step compare 0 '\| settings' "$J compare models/ml-din models/ml-base"
  fi
  step prepare 0 'samples .* written to target/ml-samples.csv' \
    "$J prepare --movielens $ML --out target/ml-samples.csv"
  step evaluate 0 'AUC' "$J evaluate --model models/ml-din --samples target/ml-samples.csv --report target/eval"
  if [ "$QUICK" = 1 ]; then
    skip publish "QUICK=1"
  else
    step publish 262 'models/repository/1' "$J train --movielens $ML --publish-to models/repository"
  fi
  step bench 0 'requests x candidates' "$J bench --model models/ml-din --explain"
  if [ "$QUICK" = 1 ]; then
    skip tune "QUICK=1"
  else
    step tune 450 'winner' "$J tune --movielens $ML \
      --space 'weight-normalization=none|softmax' --epochs 4 --winner-seeds 1 --out target/tune"
  fi
else
  for s in train-ml-din train-ml-base compare prepare evaluate publish bench tune; do
    skip "$s" "no MovieLens data at $ML"
  done
fi
step import 0 'takes the service.s inputs' \
  "$J import --torchscript src/test/resources/torchscript/model.pt \
    --features src/test/resources/torchscript/fitted.json --out models/py-din"
# The default model's two commands, into target/ so the committed bundle stays as it is.
step generate 0 'events written' "$J generate --out target/synthetic/log.csv --seed 7"
step train-default 300 'written to' "$J train --log target/synthetic/log.csv --category-col category \
  --label-col label --weight-normalization none --epochs 5 --embedding-l2 0 --seed 1 \
  --out $LOGS/default --model-version synthetic-din-v1"

# --- Nothing unexpected in any log ---
noise=$(grep -nE 'WARN|Exception|^[[:space:]]+at [[:alnum:]_$.]+\(' "$LOGS"/*.log)
if [ -n "$noise" ]; then
  failures=$((failures + 1))
  echo "unexpected lines in the logs:"
  echo "$noise" | head -40
else
  echo "no WARN, exception or stack frame in any log"
fi

printf '\n| step | took | README limit (s) | verdict |\n|---|---|---|---|\n'
printf '%s\n' "${rows[@]}"
echo "spring-boot:run ready after ${ready} s; ${failures} failure(s)"
[ "$failures" -eq 0 ]
