# syntax=docker/dockerfile:1
#
# CPU image (default):  docker build -t din-serving .
# GPU image:            docker build --build-arg FLAVOR=gpu -t din-serving:gpu .
#
# Both serve the bundled model from /app/models/default; mount a volume over /app/models (or set
# DIN_MODEL_PATH) to serve another bundle. The root filesystem may be read-only: the DJL cache and
# tmp are the only places written, and both are declared volumes.

ARG FLAVOR=cpu
ARG JDK_IMAGE=eclipse-temurin:17-jdk-jammy
ARG JRE_IMAGE=eclipse-temurin:17-jre-jammy
# A base image that carries libtorch 2.7.1 built for CUDA 12.8 (DJL 0.36's JNI is built against it).
ARG GPU_BASE_IMAGE=pytorch/pytorch:2.7.1-cuda12.8-cudnn9-runtime
# Where that image keeps libtorch; change it together with GPU_BASE_IMAGE.
ARG GPU_TORCH_LIB=/opt/conda/lib/python3.11/site-packages/torch/lib

############################ build ############################
FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/din-serving.jar extract --destination /out/app

############################ runtime bases ############################
FROM ${JRE_IMAGE} AS base-cpu

FROM ${GPU_BASE_IMAGE} AS base-gpu
ARG GPU_TORCH_LIB
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
# DJL loads this libtorch (and the cu128 JNI bundled in the jar) instead of extracting the CPU natives.
ENV PYTORCH_LIBRARY_PATH=${GPU_TORCH_LIB} \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128

############################ runtime ############################
FROM base-${FLAVOR} AS runtime
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin din \
 && mkdir -p /var/cache/djl && chown 10001 /var/cache/djl
# Container-aware heap; DJL offline with one intra-op thread per worker (the service scales by
# workers); malloc settings that keep tensor buffers on the heap instead of fresh pages per pass.
ENV DJL_CACHE_DIR=/var/cache/djl \
    ENGINE_CACHE_DIR=/var/cache/djl \
    DIN_MODEL_PATH=/app/models/default \
    DIN_MODEL_DEVICE=auto \
    MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=1073741824 \
    JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
WORKDIR /app
COPY --from=build /out/app/ /app/
COPY models /app/models
USER 10001
VOLUME ["/var/cache/djl", "/tmp"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health/readiness HTTP/1.0\r\n\r\n" >&3 && grep -q "\"status\":\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/app/din-serving.jar"]
