#!/usr/bin/env bash
# Trains din, base and item-only with the default settings over three seeds on MovieLens
# ml-latest-small (sampled negatives), on the DIN tutorial's layout built from it (labels from the
# rating) and on generated data, then prints the comparison tables used in docs/model-quality.md.
# Runs go two at a time with one intra-op thread each: the same seed gives the same metrics.
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
din() {
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -jar "$JAR" "$@"
}
# Runs "$@" for din, base and item-only and each seed, two at a time; $1 is the output prefix.
variants() {
  local prefix=$1; shift
  local running=0
  for seed in $SEEDS; do
    for variant in din base item-only; do
      din train "$@" --variant "$variant" --seed "$seed" --out "$OUT/$prefix-$variant-$seed" \
        > "$OUT/$prefix-$variant-$seed.log" 2>&1 &
      running=$((running + 1))
      if [ "$running" -ge 2 ]; then wait -n; running=$((running - 1)); fi
    done
  done
  wait
}
mkdir -p "$OUT"

echo "## machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -d "$ML" ]; then
  # The tutorial's layout: ratings >= 4 are positives and form the history, lower ones are the
  # negatives; per user the latest 20 % of ratings are test and 20 % of the rest validation.
  din prepare --movielens "$ML" --positive-threshold 4 --negatives 0 --holdout-share 0.2 \
    --out "$OUT/tutorial.csv" > /dev/null
  variants tutorial --samples "$OUT/tutorial.csv"
  echo "### ml-latest-small in the DIN tutorial's layout (defaults)"
  din compare "$OUT"/tutorial-*-[0-9]
fi

din generate --out "$OUT/synthetic.csv" --seed 7 > /dev/null
variants syn --log "$OUT/synthetic.csv" --category-col category --label-col label
echo "### generated (generate --seed 7)"
din compare "$OUT"/syn-*-[0-9]

if [ -d "$ML" ]; then
  variants ml --movielens "$ML"
  echo "### ml-latest-small (defaults)"
  din compare "$OUT"/ml-*-[0-9]
else
  echo "skipping MovieLens: $ML not found"
fi
