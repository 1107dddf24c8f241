#!/usr/bin/env bash
# The GPU path in one command, on a machine with an NVIDIA GPU: the compiled pass's equivalence tests
# (CompiledDinTest and the bundle round trips, which run on DJL's default device, the GPU when the
# engine sees one), then `bench` on the GPU beside the CPU. Prints what to paste into
# docs/benchmarks.md.
#
#   PYTORCH_LIBRARY_PATH=/opt/libtorch/lib scripts/gpu-check.sh
#
# DJL 0.36's JNI is built for libtorch 2.7.1, whose CUDA build is not on Maven Central: point
# PYTORCH_LIBRARY_PATH at a CUDA libtorch 2.7.1 (the pytorch/pytorch 2.7.1 CUDA images carry one,
# under site-packages/torch/lib) and set PYTORCH_FLAVOR to its flavour (cu126 for example).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nvidia-smi >/dev/null || { echo "no nvidia-smi: this is not a GPU machine" >&2; exit 1; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
: "${PYTORCH_LIBRARY_PATH:?set it to a CUDA libtorch 2.7.1 lib directory}"
export PYTORCH_LIBRARY_PATH PYTORCH_FLAVOR=${PYTORCH_FLAVOR:-cu126} PYTORCH_VERSION=2.7.1
JAR=${JAR:-target/din-serving.jar}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package

echo "== equivalence tests on the engine's default device"
./mvnw -q -B test -Dtest='CompiledDinTest,DinBlockTest,BundleFormatTest' -Dsurefire.failIfNoSpecifiedTests=false

echo "== bench, GPU then CPU (50 behaviours; 1 x 100, 1 x 1000, 1 x 10000, 256 x 1)"
for device in gpu cpu; do
  java -jar "$JAR" bench --device "$device" --behaviours 50 --candidates 100,1000,10000 --max-rows 100000 \
    --iterations 200 2>/dev/null
  java -jar "$JAR" bench --device "$device" --behaviours 50 --candidates 1 --requests 256 --max-rows 100000 \
    --iterations 200 2>/dev/null | tail -1
done
