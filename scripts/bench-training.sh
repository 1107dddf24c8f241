#!/usr/bin/env bash
# Training throughput against the PyTorch peer (scripts/pytorch/train_din_peer.py) on the identical
# samples file: `prepare` writes ml-latest-small's samples once, then `train --samples` and the peer
# each train the same DIN (raw attention weights as the peer has them, no embedding L2, embeddings 16, attention 80-40, top 200-80, PReLU, batch 256, Adam 1e-3)
# for EPOCHS epochs, alternating, twice, each on THREADS intra-op threads. Prints samples/s per epoch.
#
#   scripts/bench-training.sh [MOVIELENS_DIR]      (EPOCHS=3 THREADS=1 to change)
#
# The peer needs Debian's python3-torch and an optimised BLAS (libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
ML=${1:-../shared/data/ml-latest-small}
JAR=${JAR:-target/din-serving.jar}
EPOCHS=${EPOCHS:-3}
THREADS=${THREADS:-1}
OUT=target/bench-training
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
mkdir -p "$OUT"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS
din() { java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 \
  -jar "$JAR" "$@"; }
din prepare --movielens "$ML" --out "$OUT/samples.csv" > "$OUT/prepare.log" 2>&1
echo "samples: $OUT/samples.csv ($(($(wc -l < "$OUT/samples.csv") - 1)) rows), $THREADS thread(s), $EPOCHS epochs"
echo
echo "| round | system | epoch | samples/s | validation AUC |"
echo "|---|---|---|---|---|"
for round in 1 2; do
  din train --samples "$OUT/samples.csv" --weight-normalization none --embedding-l2 0 --epochs "$EPOCHS" --patience "$EPOCHS" --seed 1 --out "$OUT/bundle" 2>&1 \
    | tr '\r' '\n' | awk -v r="$round" '/^epoch [0-9]+: / { e = $2; sub(":", "", e); s = $0; sub(/.*loss [0-9.]+, /, "", s);
        sub(/ samples\/s.*/, "", s); a = $0; sub(/.*validation AUC /, "", a); sub(/ .*/, "", a);
        printf "| %s | project | %s | %s | %s |\n", r, e, s, a }'
  /usr/bin/python3 scripts/pytorch/train_din_peer.py "$OUT/samples.csv" --epochs "$EPOCHS" --threads "$THREADS" \
    | awk -v r="$round" '/^epoch/ { e = $2; sub(":", "", e); s = $3; a = $NF; printf "| %s | peer | %s | %s | %s |\n", r, e, s, a }'
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
