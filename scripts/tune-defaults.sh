#!/usr/bin/env bash
# The searches behind the training defaults (docs/model-quality.md): one `tune` per data set over
# the same space, chosen on validation AUC, each winner trained with seeds 1-3 for its test metrics.
# Two searches run side by side, one intra-op thread each, so a 2-core machine is fully used and
# every run is reproducible.
#
#   scripts/tune-defaults.sh [MOVIELENS_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ML=${1:-../shared/data/ml-latest-small}
OUT=${2:-target/tune-defaults}
JAR=${JAR:-target/din-serving.jar}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
din() {
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -jar "$JAR" "$@"
}
SPACE=(--space "weight-normalization=none|softmax" --space "activation=prelu|dice" --space "dropout=0|0.3"
  --space "lr-schedule=constant|cosine")
mkdir -p "$OUT"

# The DIN tutorial's layout built from MovieLens: every rating is a sample labelled by rating >= 4, the
# history is the user's earlier high ratings, and each user's latest 20 % (then 20 % of the rest) of
# ratings are test (validation).
tutorial() {
  din prepare --movielens "$ML" --positive-threshold 4 --negatives 0 --holdout-share 0.2 \
    --out "$OUT/tutorial.csv" > /dev/null
  din tune --samples "$OUT/tutorial.csv" "${SPACE[@]}" --epochs 10 --search random --budget 10 --seed 1 \
    --out "$OUT/tune-tutorial" > "$OUT/tune-tutorial.log" 2>&1
}
generated() {
  din generate --out "$OUT/synthetic.csv" --seed 7 > /dev/null
  din tune --log "$OUT/synthetic.csv" --category-col category --label-col label "${SPACE[@]}" --epochs 10 \
    --search random --budget 8 --seed 1 --out "$OUT/tune-generated" > "$OUT/tune-generated.log" 2>&1
}
movielens() {
  din tune --movielens "$ML" "${SPACE[@]}" --epochs 10 --search random --budget 5 --seed 1 \
    --out "$OUT/tune-ml" > "$OUT/tune-ml.log" 2>&1
}

if [ -d "$ML" ]; then
  (tutorial; generated) &
  movielens
  wait
else
  echo "skipping the MovieLens searches: $ML not found"
  generated
fi
for report in "$OUT"/tune-*/tune-report.md; do
  echo "### $report"
  cat "$report"
done

# Regularisation on the tutorial layout, where every trial above overfits within two or three
# epochs: dropout, Adam's weight decay and the paper's embedding L2, in both din and base.
if [ -d "$ML" ]; then
  din tune --samples "$OUT/tutorial.csv" --space "variant=din|base" --space "dropout=0|0.3" \
    --space "weight-decay=0|0.0001" --space "embedding-l2=0|0.05" --epochs 10 --search grid --budget 16 --seed 1 \
    --winner-seeds 1 --out "$OUT/tune-tutorial-regularisation" > "$OUT/tune-tutorial-regularisation.log" 2>&1
  cat "$OUT/tune-tutorial-regularisation/tune-report.md"
fi
