#!/usr/bin/env bash
# Builds the llama.cpp shared libraries from the pinned source (the git bundle in node-llama-cpp@3.22.1, the
# source of the prebuilt npm binaries) with this machine's compilers, into the folder the build copies from:
#   .tools/llama/<version>/cuda/   (default: CUDA, needs nvcc from the CUDA toolkit)
#   .tools/llama/<version>/cpu/    (--cpu)
# Then `dotnet build -p:LlamaBackend=cuda` (or LlamaBackend=cuda in the environment) copies them to native/cuda/.
# Options:
#   --cpu            no CUDA
#   --one-cpu        one generic CPU backend instead of all CPU variants (quick; for checking the layout)
#   --jobs N         parallel compile jobs (default: nproc)
#   --out DIR        put the libraries there instead (then point Llm:NativeLibraryPath at it)
# Environment: CUDA_ARCHITECTURES (e.g. "86;89", default: llama.cpp's list), CMAKE_ARGS (extra cmake options).
set -euo pipefail

version="${LLAMA_NPM_VERSION:-3.22.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
backend=cuda
variants=ON
jobs="$(nproc)"
out=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cpu) backend=cpu ;;
        --one-cpu) variants=OFF ;;
        --jobs) jobs="$2"; shift ;;
        --out) out="$2"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

"$root/scripts/llama-fetch.sh" source
src="$root/.tools/llama/$version/src"
build="$root/.tools/llama/$version/build-$backend"
dest="${out:-$root/.tools/llama/$version/$backend}"

options=(
    -DCMAKE_BUILD_TYPE=Release
    # Shared libraries that find each other next to themselves, wherever the folder is copied.
    -DBUILD_SHARED_LIBS=ON
    -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON
    '-DCMAKE_INSTALL_RPATH=$ORIGIN'
    # Backends as loadable modules: ggml_backend_load_all_from_path picks the best CPU variant at run time.
    -DGGML_BACKEND_DL=ON
    -DGGML_NATIVE=OFF
    -DGGML_CPU_ALL_VARIANTS="$variants"
    -DLLAMA_BUILD_COMMON=OFF
    -DLLAMA_BUILD_TESTS=OFF
    -DLLAMA_BUILD_TOOLS=OFF
    -DLLAMA_BUILD_EXAMPLES=OFF
    -DLLAMA_BUILD_SERVER=OFF
    -DLLAMA_BUILD_APP=OFF
    -DLLAMA_OPENSSL=OFF
)
if [[ "$backend" == cuda ]]; then
    command -v nvcc >/dev/null 2>&1 || { echo "nvcc not found: install the CUDA toolkit (or use --cpu)" >&2; exit 3; }
    options+=(-DGGML_CUDA=ON)
    [[ -n "${CUDA_ARCHITECTURES:-}" ]] && options+=("-DCMAKE_CUDA_ARCHITECTURES=$CUDA_ARCHITECTURES")
fi

# shellcheck disable=SC2086 # CMAKE_ARGS is a list of options on purpose
cmake -S "$src" -B "$build" "${options[@]}" ${CMAKE_ARGS:-}
cmake --build "$build" --config Release -j "$jobs"

# Each library under its SONAME (libllama.so.0, libggml.so.0, ...), the name its dependents ask the loader for;
# backend modules have none and keep their file names.
rm -rf "$dest" && mkdir -p "$dest"
find "$build/bin" -maxdepth 1 -type f -name 'lib*.so*' | while read -r lib; do
    soname="$(objdump -p "$lib" | awk '/SONAME/ { print $2 }')"
    cp "$lib" "$dest/${soname:-$(basename "$lib")}"
done
echo "source build ($backend, cpu variants: $variants)" >"$dest/.stamp"
echo "built into $dest:"
ls "$dest"
