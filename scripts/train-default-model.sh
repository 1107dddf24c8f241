#!/usr/bin/env bash
# Rebuilds the bundled default model, models/default, from seeded generated data.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
JAR=${JAR:-target/din-serving.jar}
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
java -jar "$JAR" generate --out target/synthetic/log.csv --seed 7
java -jar "$JAR" train --log target/synthetic/log.csv --category-col category --label-col label \
  --seed 1 --out models/default --model-version synthetic-din-v1
