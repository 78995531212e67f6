#!/usr/bin/env bash
# Builds llama.cpp's shared libraries for LLamaSharp 0.30.0 from a llama.cpp checkout you pass, at the commit
# LLamaSharp binds (815a2a59; other commits are not ABI-compatible), with your CUDA toolkit:
#   scripts/build-llama.sh [--cpu] [--jobs N] LLAMA_CPP_CHECKOUT OUT_DIR
# Then set Llm:NativeLibraryPath=OUT_DIR (and Llm:Backend=cuda): LLamaSharp's NativeLibraryConfig loads
# OUT_DIR/libllama.so, which finds its libggml*.so next to itself.
# Get the source with: git clone https://github.com/ggml-org/llama.cpp && git -C llama.cpp checkout 815a2a59
# Environment: CUDA_ARCHITECTURES (e.g. "86;89", default: llama.cpp's list), CMAKE_ARGS (extra cmake options).
set -euo pipefail

commit=815a2a59
cuda=ON
jobs="$(nproc)"
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cpu) cuda=OFF ;;
        --jobs) jobs="$2"; shift ;;
        -*) echo "unknown option $1" >&2; exit 1 ;;
        *) args+=("$1") ;;
    esac
    shift
done
if [[ ${#args[@]} -ne 2 ]]; then
    echo "usage: scripts/build-llama.sh [--cpu] [--jobs N] LLAMA_CPP_CHECKOUT OUT_DIR" >&2
    exit 1
fi
src="$(cd "${args[0]}" && pwd)"
out="${args[1]}"

[[ -f "$src/include/llama.h" ]] || { echo "$src is not a llama.cpp checkout (no include/llama.h)" >&2; exit 2; }
head="$(git -C "$src" rev-parse HEAD 2>/dev/null || echo unknown)"
if [[ "$head" != "$commit"* ]]; then
    echo "$src is at $head, not $commit (LLamaSharp 0.30.0's commit): git -C $src checkout $commit" >&2
    exit 2
fi
command -v cmake >/dev/null 2>&1 || { echo "cmake not found" >&2; exit 3; }
if [[ "$cuda" == ON ]]; then
    command -v nvcc >/dev/null 2>&1 || { echo "nvcc not found: install the CUDA toolkit (or use --cpu)" >&2; exit 3; }
fi

build="$(mktemp -d "${TMPDIR:-/tmp}/llama-build.XXXXXX")"
trap 'rm -rf "$build"' EXIT
options=(
    -DCMAKE_BUILD_TYPE=Release
    # Shared libraries that find each other next to themselves, wherever the folder is copied; the backends are
    # linked in (no GGML_BACKEND_DL), as LLamaSharp expects.
    -DBUILD_SHARED_LIBS=ON
    -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON
    '-DCMAKE_INSTALL_RPATH=$ORIGIN'
    -DGGML_BACKEND_DL=OFF
    -DGGML_NATIVE=ON
    -DGGML_CUDA="$cuda"
    -DLLAMA_BUILD_TESTS=OFF
    -DLLAMA_BUILD_TOOLS=OFF
    -DLLAMA_BUILD_EXAMPLES=OFF
    -DLLAMA_BUILD_SERVER=OFF
    -DLLAMA_CURL=OFF
)
[[ -n "${CUDA_ARCHITECTURES:-}" ]] && options+=("-DCMAKE_CUDA_ARCHITECTURES=$CUDA_ARCHITECTURES")

# shellcheck disable=SC2086 # CMAKE_ARGS is a list of options on purpose
cmake -S "$src" -B "$build" "${options[@]}" ${CMAKE_ARGS:-}
cmake --build "$build" --config Release -j "$jobs"

# Each library under its file name and its SONAME (libllama.so and libllama.so.0): LLamaSharp opens the first,
# the loader resolves dependencies by the second.
mkdir -p "$out"
find "$build/bin" -maxdepth 1 -name 'lib*.so*' | while read -r lib; do
    cp -L "$lib" "$out/$(basename "$lib")"
    soname="$(objdump -p "$lib" | awk '/SONAME/ { print $2 }')"
    [[ -n "$soname" && ! -e "$out/$soname" ]] && cp -L "$lib" "$out/$soname"
done
echo "built llama.cpp $commit (CUDA: $cuda) into $out:"
ls "$out"
