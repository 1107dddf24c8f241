#!/usr/bin/env bash
# Trains din, base and item-only over three seeds on MovieLens ml-latest-small and on generated
# data, then prints the comparison tables used in docs/model-quality.md.
#
#   scripts/model-quality.sh [MOVIELENS_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ML=${1:-../shared/data/ml-latest-small}
OUT=${2:-target/model-quality}
SEEDS=${SEEDS:-"1 2 3"}
JAR=${JAR:-target/din-serving.jar}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
din() { java -Dai.djl.offline=true -jar "$JAR" "$@"; }
mkdir -p "$OUT"

echo "## machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -d "$ML" ]; then
  for seed in $SEEDS; do
    for variant in din base item-only; do
      din train --movielens "$ML" --variant "$variant" --seed "$seed" --out "$OUT/ml-$variant-$seed" \
        > "$OUT/ml-$variant-$seed.log" 2>&1
    done
  done
  echo "### ml-latest-small (defaults)"
  din compare "$OUT"/ml-*-[0-9]
else
  echo "skipping MovieLens: $ML not found"
fi

din generate --out "$OUT/synthetic.csv" --seed 7 > /dev/null
for seed in $SEEDS; do
  for variant in din base item-only; do
    din train --log "$OUT/synthetic.csv" --category-col category --label-col label --variant "$variant" \
      --seed "$seed" --out "$OUT/syn-$variant-$seed" > "$OUT/syn-$variant-$seed.log" 2>&1
  done
done
echo "### generated (generate --seed 7)"
din compare "$OUT"/syn-*-[0-9]
