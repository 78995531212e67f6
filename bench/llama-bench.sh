#!/usr/bin/env bash
# Builds llama.cpp's llama-bench and llama-batched-bench (CPU) from the pinned source into the tools cache (scripts/tools-dir.sh) once
# (the second is the reference for concurrent requests), then runs llama-bench with the given arguments, e.g.  bench/llama-bench.sh -m bench/work/qwen-shape.gguf -t 2 -p 512 -n 128
# The build uses shared libraries with the CPU backend compiled for this machine (GGML_NATIVE, which
# llama.cpp does not allow together with GGML_BACKEND_DL); `dotnet run -c Release --project bench/Bench -- llama
# --native <tools>/llama/<v>/bench-build/bin` runs our engine on those very libraries for a fair comparison.
set -euo pipefail

version="${LLAMA_NPM_VERSION:-3.22.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/tools-dir.sh"
src="$llama_tools/src"
build="$llama_tools/bench-build"

"$root/scripts/llama-fetch.sh" source
if [[ ! -x "$build/bin/llama-bench" || ! -x "$build/bin/llama-batched-bench" ]]; then
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
        -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=ON \
        -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
        -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF >"$build.log" 2>&1
    cmake --build "$build" --target llama-bench llama-batched-bench -j "$(nproc)" >>"$build.log" 2>&1
fi
[[ $# -gt 0 ]] && exec "$build/bin/llama-bench" "$@"
echo "built: $build/bin/llama-bench"
