#!/usr/bin/env bash
# Fetches the pinned llama.cpp source into <tools>/llama/<version>/src/ once (<tools>: scripts/tools-dir.sh) (a stamp file makes later runs no-ops),
# for the scripts that build llama.cpp's own tools (bench/llama-bench.sh: llama-bench, llama-batched-bench,
# llama-simple, llama-server). The build and the unit tests never need it.
#   llama-fetch.sh source
# The source comes from the git bundle in node-llama-cpp's npm package; `npm pack` downloads the tarball without
# installing anything.
set -euo pipefail

version="${LLAMA_NPM_VERSION:-3.22.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/tools-dir.sh"
base="$llama_tools"
what="${1:?usage: llama-fetch.sh source}"

need_npm() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "llama-fetch: npm not found; the llama.cpp tools need Node.js/npm to fetch their pinned source" >&2
        exit 3
    fi
}

# pack <package@version> <dir>: leaves exactly one .tgz in <dir> and prints its path.
pack() {
    local spec="$1" dir="$2"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null 2>"$dir/npm.log") || {
        cat "$dir/npm.log" >&2
        exit 4
    }
    ls "$dir"/*.tgz
}

case "$what" in
source)
    dest="$base/src"
    [[ -f "$dest/.stamp" ]] && exit 0
    need_npm
    command -v git >/dev/null 2>&1 || { echo "llama-fetch: git not found" >&2; exit 3; }
    tmp="$base/.pack-src"
    tgz="$(pack "node-llama-cpp@$version" "$tmp")"
    tar -xzf "$tgz" -C "$tmp" package/llama/gitRelease.bundle
    rm -rf "$dest"
    git clone --quiet "$tmp/package/llama/gitRelease.bundle" "$dest" 2>/dev/null
    rm -rf "$tmp"
    echo "node-llama-cpp@$version" >"$dest/.stamp"
    ;;
*)
    echo "usage: llama-fetch.sh source" >&2
    exit 2
    ;;
esac
