#!/usr/bin/env bash
# Builds llama.cpp's OpenAI-compatible HTTP server (llama-server, CPU only) and its plain greedy example
# (llama-simple) from the pinned llama.cpp source (scripts/llama-fetch.sh source) once, into
# .tools/llama/<version>/server/. Later runs are no-ops (stamp file). The tests of the remote provider start
# llama-server on 127.0.0.1, and the greedy parity test compares our engine with llama-simple; the test build runs
# this script when either binary is absent, so a fresh clone builds them too.
# Options:
#   --jobs N   parallel compile jobs (default: nproc)
#   --force    rebuild even when the stamp is there
# .tools may be shared between checkouts: a lock file keeps two builds from running at once (the second waits,
# then finds the stamp and returns).
set -euo pipefail

version="${LLAMA_NPM_VERSION:-3.22.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"
force=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --jobs) jobs="$2"; shift ;;
        --force) force=1 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

base="$root/.tools/llama/$version"
dest="$base/server"
mkdir -p "$base"
exec 9>"$base/.server-build.lock"
flock 9
if [[ $force -eq 0 && -f "$dest/.stamp" && -x "$dest/llama-server" && -x "$dest/llama-simple" ]]; then
    exit 0
fi

"$root/scripts/llama-fetch.sh" source
src="$base/src"
build="$base/build-server"

options=(
    -DCMAKE_BUILD_TYPE=Release
    # One self-contained executable: no shared libraries to find at run time.
    -DBUILD_SHARED_LIBS=OFF
    -DGGML_BACKEND_DL=OFF
    # Built on the machine that runs it (tests, benchmark): use all of its CPU's instructions.
    -DGGML_NATIVE=ON
    # A one-off build: no compiler cache to look for (its absence would be reported as a build warning).
    -DGGML_CCACHE=OFF
    -DLLAMA_BUILD_COMMON=ON
    -DLLAMA_BUILD_TOOLS=ON
    -DLLAMA_BUILD_SERVER=ON
    -DLLAMA_BUILD_TESTS=OFF
    -DLLAMA_BUILD_EXAMPLES=ON
    -DLLAMA_BUILD_APP=OFF
    # No web UI, and nothing downloaded during the build.
    -DLLAMA_BUILD_UI=OFF
    -DLLAMA_USE_PREBUILT_UI=OFF
    -DLLAMA_OPENSSL=OFF
)
cmake -S "$src" -B "$build" -G Ninja "${options[@]}"
cmake --build "$build" --config Release --target llama-server llama-simple -j "$jobs"

rm -rf "$dest" && mkdir -p "$dest"
cp "$build/bin/llama-server" "$build/bin/llama-simple" "$dest/"
echo "llama-server and llama-simple from node-llama-cpp@$version source (CPU, native)" >"$dest/.stamp"
echo "built $dest/llama-server and $dest/llama-simple"
