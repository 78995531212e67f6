# The folder of the pinned llama.cpp version's source and builds. It lies outside the clone, so every clone and
# worktree on a machine shares one build (about 25 minutes on 2 cores): $PAPERBOT_TOOLS_DIR, else
# $XDG_CACHE_HOME/paperbot, else ~/.cache/paperbot; where that folder cannot be made (no home, a read-only one), the
# clone's .tools, as before.
#   source scripts/tools-dir.sh    sets llama_tools (needs $version, the node-llama-cpp npm version that carries the
#                                  source, and $root, the repository root), as the build scripts do
#   bash scripts/tools-dir.sh      prints it, as build/LlamaServer.targets does (one rule for both)
llama_tools_root() {
    local candidate
    for candidate in "${PAPERBOT_TOOLS_DIR:-}" "${XDG_CACHE_HOME:+$XDG_CACHE_HOME/paperbot}" "${HOME:+$HOME/.cache/paperbot}"; do
        if [[ -n "$candidate" ]] && mkdir -p "$candidate" 2>/dev/null && [[ -w "$candidate" ]]; then
            echo "$candidate"
            return
        fi
    done
    echo "$root/.tools"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    version="${LLAMA_NPM_VERSION:-3.22.1}"
fi
llama_tools="$(llama_tools_root)/llama/$version"
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "$llama_tools"
fi
