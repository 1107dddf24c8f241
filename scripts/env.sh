# Sourced by the scripts: runtime settings every java -jar run of din-serving should have.
# glibc hands tensors above its mmap threshold fresh pages, so each forward pass pays page faults
# until the threshold adapts; a fixed 32 MB threshold and lazy trimming avoid that (the first
# training epoch runs about 3x faster, see docs/model-quality.md).
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-33554432}
export MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-1073741824}
