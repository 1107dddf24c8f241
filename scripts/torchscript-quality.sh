#!/usr/bin/env bash
# A DIN trained in PyTorch and served by din-serving against the DIN `train` fits, on identical
# samples: `prepare` writes ml-latest-small's samples once, with the fitted features and the encoded
# samples; then, for each seed, scripts/pytorch/train_din_torchscript.py trains on the encoded samples,
# `import` makes a bundle of its TorchScript and `evaluate` scores the test split through the service's
# scorer, while `train --samples` fits the Java DIN on the same samples file. Both train the model
# the Python script builds (raw attention weights, no embedding L2; train's settings before issue 12):
# 5 epochs, early stopping on validation AUC with patience 2, batch 256, Adam 1e-3, embeddings 16,
# attention 80-40, top MLP 200-80, PReLU.
#
#   scripts/torchscript-quality.sh [MOVIELENS_DIR] [OUT_DIR]      (SEEDS="1 2 3" to change)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ML=${1:-../shared/data/ml-latest-small}
OUT=${2:-target/torchscript-quality}
SEEDS=${SEEDS:-"1 2 3"}
JAR=${JAR:-target/din-serving.jar}
PYTHON=${PYTHON:-/usr/bin/python3}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
din() { java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -jar "$JAR" "$@"; }
mkdir -p "$OUT"
echo "## machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
din prepare --movielens "$ML" --seed 1 --out "$OUT/samples.csv" --fitted-features "$OUT/fitted.json" \
  --encoded "$OUT/encoded.csv" > "$OUT/prepare.log" 2>&1

for seed in $SEEDS; do
  # The two trainings are single-threaded; they run side by side, one per core.
  OMP_NUM_THREADS=1 "$PYTHON" scripts/pytorch/train_din_torchscript.py "$OUT/encoded.csv" "$OUT/fitted.json" \
    --out "$OUT/py-$seed.pt" --seed "$seed" > "$OUT/py-$seed.log" 2>&1 &
  din train --samples "$OUT/samples.csv" --weight-normalization none --epochs 5 --embedding-l2 0 --seed "$seed" --model-version "java-$seed" --out "$OUT/java-$seed" \
    > "$OUT/java-$seed.log" 2>&1
  wait
  din import --torchscript "$OUT/py-$seed.pt" --features "$OUT/fitted.json" --out "$OUT/py-$seed" \
    --model-version "pytorch-$seed" > "$OUT/import-$seed.log" 2>&1
  din evaluate --model "$OUT/py-$seed" --samples "$OUT/samples.csv" > "$OUT/eval-py-$seed.txt" 2>&1
  din evaluate --model "$OUT/java-$seed" --samples "$OUT/samples.csv" > "$OUT/eval-java-$seed.txt" 2>&1
done

echo
echo "| seed | model | test AUC | test GAUC | test log loss | kept epoch |"
echo "|---|---|---|---|---|---|"
for seed in $SEEDS; do
  for who in py java; do
    row=$(grep '^| test ' "$OUT/eval-$who-$seed.txt" | awk -F'|' '{print $4 "|" $5 "|" $6}')
    if [ "$who" = py ]; then
      kept=$(grep -o 'kept epoch [0-9]*' "$OUT/py-$seed.log" | awk '{print $3}'); name="PyTorch, served"
    else
      kept=$(grep -o 'best epoch [0-9]*' "$OUT/java-$seed.log" | awk '{print $3}'); name="din-serving train"
    fi
    echo "| $seed | $name |$row| $kept |"
  done
done
