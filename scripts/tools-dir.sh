# Sourced by the scripts that build llama.cpp's tools: sets llama_tools to the folder of the pinned version's
# source and builds. It lies outside the clone, so every clone and worktree on a machine shares one build (about 25
# minutes on 2 cores): $PAPERBOT_TOOLS_DIR, else $XDG_CACHE_HOME/paperbot, else ~/.cache/paperbot, else the
# clone's .tools. build/LlamaServer.targets follows the same order; keep the two in step.
# Needs: $version (the node-llama-cpp npm version that carries the source) and $root (the repository root).
if [[ -n "${PAPERBOT_TOOLS_DIR:-}" ]]; then
    tools_root="$PAPERBOT_TOOLS_DIR"
elif [[ -n "${XDG_CACHE_HOME:-}" ]]; then
    tools_root="$XDG_CACHE_HOME/paperbot"
elif [[ -n "${HOME:-}" ]]; then
    tools_root="$HOME/.cache/paperbot"
else
    tools_root="$root/.tools"
fi
llama_tools="$tools_root/llama/$version"
