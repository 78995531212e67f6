#!/usr/bin/env bash
# Builds llama.cpp's OpenAI-compatible HTTP server (llama-server, CPU only) and its plain greedy example
# (llama-simple) from the pinned llama.cpp source (scripts/llama-fetch.sh source) once, into
# <tools>/llama/<version>/server/ (<tools>: scripts/tools-dir.sh, a cache outside the clone, shared by every clone
# and worktree of the machine). Later runs are no-ops (stamp file). The tests of the remote provider start
# llama-server on 127.0.0.1, and the greedy parity test compares our engine with llama-simple; the test build runs
# this script when either binary is absent, so a fresh clone builds them too.
# Options:
#   --jobs N    parallel compile jobs (default: nproc)
#   --force     rebuild even when the stamp is there
#   --verbose   the compiler's output on the console instead of in the log
# The C++ build prints tens of thousands of lines (thousands of them compiler warnings about llama.cpp's code): they
# go to <tools>/llama/<version>/build-server.log, and the console gets one line when it starts and one when it ends
# (on failure, the log's last lines). It takes about 25 minutes on 2 cores, a few minutes on 16.
# The folder is shared between checkouts: a lock file keeps two builds from running at once (the second waits,
# then finds the stamp and returns).
set -euo pipefail

version="${LLAMA_NPM_VERSION:-3.22.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"
force=0
verbose=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --jobs) jobs="$2"; shift ;;
        --force) force=1 ;;
        --verbose) verbose=1 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

source "$root/scripts/tools-dir.sh"
base="$llama_tools"
dest="$base/server"
mkdir -p "$base"
exec 9>"$base/.server-build.lock"
flock 9
if [[ $force -eq 0 && -f "$dest/.stamp" && -x "$dest/llama-server" && -x "$dest/llama-simple" ]]; then
    exit 0
fi

src="$base/src"
build="$base/build-server"
log="$base/build-server.log"

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
compile() {
    "$root/scripts/llama-fetch.sh" source
    cmake -S "$src" -B "$build" -G Ninja "${options[@]}"
    cmake --build "$build" --config Release --target llama-server llama-simple -j "$jobs"
}

if [[ $verbose -eq 1 ]]; then
    compile
else
    echo "Building llama-server and llama-simple from the pinned llama.cpp source ($jobs jobs; about 25 minutes on 2 cores, once): output in $log"
    started=$SECONDS
    # A subshell outside any condition, so that set -e still stops it at the first failing step.
    set +e
    (set -e; compile) >"$log" 2>&1
    status=$?
    set -e
    elapsed="$(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
    if [[ $status -ne 0 ]]; then
        echo "building llama-server failed (exit $status) after $elapsed; the end of $log:" >&2
        tail -n 15 "$log" >&2
        exit "$status"
    fi

    echo "built llama-server and llama-simple in $elapsed ($(grep -c 'warning:' "$log" || true) compiler warnings in $log)"
fi

rm -rf "$dest" && mkdir -p "$dest"
cp "$build/bin/llama-server" "$build/bin/llama-simple" "$dest/"
echo "llama-server and llama-simple from node-llama-cpp@$version source (CPU, native)" >"$dest/.stamp"
