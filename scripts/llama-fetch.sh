#!/usr/bin/env bash
# Fetches the pinned llama.cpp pieces into .tools/llama/<version>/ once; later runs are no-ops (stamp files).
#   llama-fetch.sh natives <cpu|cuda>   prebuilt shared libraries -> .tools/llama/<v>/<backend>/
#   llama-fetch.sh source               llama.cpp source of those libraries -> .tools/llama/<v>/src/
# The binaries and the source come from node-llama-cpp's npm packages (see docs in bench/README.md);
# `npm pack` downloads a package tarball without installing anything.
set -euo pipefail

version="${LLAMA_NPM_VERSION:-3.22.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$root/.tools/llama/$version"
what="${1:?usage: llama-fetch.sh natives <cpu|cuda> | source}"

need_npm() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "llama-fetch: npm not found; install Node.js/npm and rebuild, or set Llm:NativeLibraryPath" >&2
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
natives)
    backend="${2:-cpu}"
    case "$backend" in
        cpu) pkg="@node-llama-cpp/linux-x64@$version" ;;
        cuda) pkg="@node-llama-cpp/linux-x64-cuda@$version" ;;
        *) echo "llama-fetch: unknown backend '$backend' (cpu|cuda)" >&2; exit 2 ;;
    esac
    dest="$base/$backend"
    [[ -f "$dest/.stamp" ]] && exit 0
    need_npm
    tmp="$base/.pack-$backend"
    tgz="$(pack "$pkg" "$tmp")"
    mkdir -p "$tmp/x"
    # Only the shared libraries: the .node addon and the JavaScript are of no use to .NET.
    tar -xzf "$tgz" -C "$tmp/x" --wildcards 'package/bins/linux-x64*/*.so*'
    rm -rf "$dest" && mkdir -p "$dest"
    find "$tmp/x/package/bins" -name '*.so*' -exec cp {} "$dest/" \;
    rm -rf "$tmp"
    echo "$pkg" >"$dest/.stamp"
    ;;
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
    echo "usage: llama-fetch.sh natives <cpu|cuda> | source" >&2
    exit 2
    ;;
esac
