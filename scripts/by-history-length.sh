#!/usr/bin/env bash
# Splits a samples file written by `prepare` into the validation and test rows with a short history
# (under MAX_LEN behaviours) and a full one, then evaluates each bundle on each part: how a model's
# quality depends on how much history a sample has (docs/model-quality.md, the tutorial layout).
#
#   scripts/by-history-length.sh SAMPLES_CSV BUNDLE...
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
SAMPLES=$1; shift
MAX_LEN=${MAX_LEN:-50}
JAR=${JAR:-target/din-serving.jar}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# prepare's columns: userId,timestamp,itemId,category,historyItemIds,historyCategories,label,split
awk -F, -v max="$MAX_LEN" -v out="$OUT" '
  { sub(/\r$/, "") }
  NR == 1 { header = $0; next }
  $8 == "validation" || $8 == "test" {
    n = ($5 == "") ? 0 : split($5, ids, "|")
    file = out "/" $8 "-" (n < max ? "short" : "full") ".csv"
    if (!(file in seen)) { print header > file; seen[file] = 1 }
    print > file
  }' "$SAMPLES"
echo "| model | rows | samples | AUC | GAUC | log loss | accuracy |"
echo "|---|---|---|---|---|---|---|"
for bundle in "$@"; do
  for part in validation-short validation-full test-short test-full; do
    row=$(java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -jar "$JAR" evaluate --model "$bundle" \
      --samples "$OUT/$part.csv" 2>/dev/null | grep -E '^\| (validation|test) \|' | cut -d'|' -f3-)
    echo "| $(basename "$bundle") | $part |$row"
  done
done
