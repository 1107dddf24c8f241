#!/usr/bin/env bash
# One closed loop on MovieLens ml-latest-small (issue 21): events -> store -> rankings logged as
# impressions -> clicks -> prepare/train from the log, against a model trained by --movielens on
# the same ratings. Prints what docs/model-quality.md reports.
#
#   scripts/closed-loop.sh       (EPOCHS=4 PORT=18080 ML=../shared/data/ml-latest-small to change)
#
# 1. Ratings sorted by time; the first 80 % train the served model (train --movielens) and are
#    replayed as events into its user store.
# 2. Each later rating is a ranking of the rated movie and 4 random ones for its user, logged as an
#    impression; the user clicks the rated movie, and the rating becomes an event.
# 3. The log joined with the clicks (prepare --impressions) gives samples whose histories are what
#    the served model saw; the latest 10 % of rankings are the test split.
# 4. On that test split: the served model, a model trained from the log (train --impressions), and
#    one trained by --movielens on every rating before the test period (the first 98 %).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
PORT=${PORT:-18080}
EPOCHS=${EPOCHS:-4}
ML=${ML:-../shared/data/ml-latest-small}
DIR=target/closed-loop
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
[ -f "$ML/ratings.csv" ] || { echo "needs $ML/ratings.csv (MovieLens ml-latest-small)" >&2; exit 1; }
din() { java -jar "$JAR" "$@"; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; commit $(git rev-parse --short HEAD)"
rm -rf "$DIR" && mkdir -p "$DIR"
java scripts/bench/ClosedLoop.java split "$ML/ratings.csv" "$DIR"
din train --movielens "$DIR/ml-80" --epochs "$EPOCHS" --out "$DIR/served" > "$DIR/train-served.log" 2>&1

din --server.port="$PORT" --din.model.path="$DIR/served" --din.impressions.sample-rate=1 \
  --din.impressions.directory="$DIR/impressions" --logging.level.root=WARN > "$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
java scripts/bench/ClosedLoop.java replay "$ML/ratings.csv" "$DIR" "http://localhost:$PORT"
java scripts/bench/ClosedLoop.java simulate "$ML/ratings.csv" "$DIR" "http://localhost:$PORT"
kill "$SERVER" && wait "$SERVER" 2>/dev/null || true # completes the open impression file

din prepare --impressions "$DIR/impressions" --events "$DIR/clicks.jsonl" --out "$DIR/loop-samples.csv"
din train --impressions "$DIR/impressions" --events "$DIR/clicks.jsonl" --epochs "$EPOCHS" \
  --out "$DIR/from-log" > "$DIR/train-from-log.log" 2>&1
din train --movielens "$DIR/ml-98" --epochs "$EPOCHS" --out "$DIR/movielens-98" > "$DIR/train-movielens-98.log" 2>&1

echo
echo "On the loop's test split (the latest 10 % of rankings, 1 clicked of 5 shown):"
echo
label() {
  case "$1" in
    served) echo "train --movielens, the first 80 % (the model that ranked)" ;;
    from-log) echo "train --impressions: the log joined with its clicks" ;;
    movielens-98) echo "train --movielens, every rating before the test period (98 %)" ;;
  esac
}
echo "| model | trained on | test samples | test AUC | test GAUC | test log loss |"
echo "|---|---|---|---|---|---|"
for model in served from-log movielens-98; do
  # evaluate prints "| split | samples | AUC | GAUC | log loss | accuracy |" rows
  din evaluate --model "$DIR/$model" --samples "$DIR/loop-samples.csv" 2>/dev/null \
    | awk -F'|' -v m="$model" -v l="$(label "$model")" '$2 ~ /^ *test *$/ {
        gsub(/ /, "", $3); gsub(/ /, "", $4); gsub(/ /, "", $5); gsub(/ /, "", $6)
        printf "| %s | %s | %s | %s | %s | %s |\n", m, l, $3, $4, $5, $6 }'
done
for model in served from-log movielens-98; do
  echo "$model: $(grep -m1 'Best epoch' "$DIR/$model/report.md")"
done
