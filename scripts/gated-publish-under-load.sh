#!/usr/bin/env bash
# Gated publishing under load. Builds an evaluation file from the default model's world (300 users
# of `generate --seed 7`, through `prepare`), and trains two models on that world's log: a first
# version (one epoch) and a worse one (item-only, one epoch, tiny). Then serves a repository whose
# version 1 is the first model, with the evaluation file beside it, the cache off and polling every
# second. Under CONNECTIONS (32) clients posting without pause (scripts/bench/LoadClient.java,
# 50 behaviours x 100 candidates) it publishes the worse model as version 2, waits until the gate
# has rejected it, publishes the bundled default model (five epochs, better) as version 3, waits
# until it serves, and keeps the load on to the end of its 90 s. Prints each step's time, the
# gate's figures and every request's fate.
#
#   scripts/gated-publish-under-load.sh      (CONNECTIONS=32 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/din-serving.jar}
CONNECTIONS=${CONNECTIONS:-32}
PORT=18083
OUT=target/gated
REPO=$OUT/repository
rm -rf "$OUT" && mkdir -p "$REPO"
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
din() { java -jar "$JAR" "$@"; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
din generate --out "$OUT/recent.csv" --users 300 --seed 7 > /dev/null 2>&1
din prepare --log "$OUT/recent.csv" --category-col category --label-col label --out "$OUT/evaluation.csv" > /dev/null 2>&1
din generate --out "$OUT/log.csv" --seed 7 > /dev/null 2>&1
din train --log "$OUT/log.csv" --category-col category --label-col label --weight-normalization none \
  --epochs 1 --embedding-l2 0 --seed 3 --out "$OUT/first" --model-version first > /dev/null 2>&1
din train --log "$OUT/recent.csv" --category-col category --label-col label --variant item-only --epochs 1 \
  --embedding-dim 4 --top-hidden 8 --seed 1 --out "$OUT/worse" --model-version worse > /dev/null 2>&1
echo "trained: the first version and the worse one"

publish() { # publish DIR VERSION: stage inside the repository, then rename in one step
  local staged
  staged=$(mktemp -d "$REPO/.staging-XXXX")
  cp "$1"/* "$staged/"
  mv -T "$staged" "$REPO/$2"
}
state() { curl -fs "localhost:$PORT/actuator/models" | jq -r --arg v "$1" '.[] | select(.version == $v) | .state'; }
await() { # await VERSION STATE: seconds until the version is in the state
  local began=$SECONDS
  until [ "$(state "$1")" = "$2" ]; do
    [ $((SECONDS - began)) -lt 120 ] || { echo "version $1 never became $2" >&2; exit 1; }
    sleep 0.2
  done
  echo $((SECONDS - began))
}

publish "$OUT/first" 1
cp "$OUT/evaluation.csv" "$REPO/evaluation.csv"
java -jar "$JAR" --server.port="$PORT" --din.model.path="$REPO" --din.model.poll-interval=1s \
  --din.cache.enabled=false --logging.level.root=WARN > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done

java scripts/bench/LoadClient.java "http://localhost:$PORT/recommend" --connections "$CONNECTIONS" --seconds 30 --report 30 > /dev/null
java scripts/bench/LoadClient.java "http://localhost:$PORT/recommend" --connections "$CONNECTIONS" --seconds 90 --report 10 > "$OUT/load.txt" &
LOAD=$!
sleep 20
publish "$OUT/worse" 2
echo "version 2 (worse) published; REJECTED after $(await 2 REJECTED) s, version 1 still $(state 1)"
sleep 10
publish models/default 3
echo "version 3 (the default model) published; SERVING after $(await 3 SERVING) s, version 1 now $(await 1 RETIRED >/dev/null; state 1)"
wait $LOAD
curl -fs "localhost:$PORT/actuator/models" | jq -c '.[] | {version, state, reason, gate}'
echo
cat "$OUT/load.txt"
