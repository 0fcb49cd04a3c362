#!/usr/bin/env bash
# Starts a real, signature-checking S3 endpoint on 127.0.0.1 for the integration suites:
# OpenStack Swift with its s3api middleware, from Debian's packages (no Docker or MinIO
# here; npm S3 emulators accept forged signatures). Facts: ../shared/notes/s3-on-debian.md.
# Idempotent: does nothing when the endpoint already answers. Needs root. .ci/stop-s3.sh stops it.
#   S3 endpoint  http://127.0.0.1:${SWIFT_S3_PORT}   region us-east-1, path-style
#   credentials  access key "test:tester", secret key "${SWIFT_S3_SECRET}"
set -euo pipefail

PORT="${SWIFT_S3_PORT:-9000}"
SECRET="${SWIFT_S3_SECRET:-testing-secret}"
ROOT="${SWIFT_ROOT:-/srv/ingest-swift}"
PY=/usr/bin/python3   # Debian's python, which has the swift modules (not a pyenv one)

healthy() { curl -fsS "http://127.0.0.1:${PORT}/healthcheck" >/dev/null 2>&1; }
if healthy; then echo "S3 (Swift) already answers on 127.0.0.1:${PORT}"; exit 0; fi

packages=(swift swift-proxy swift-object swift-account swift-container memcached)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$ROOT"/{conf,devices/d1,log} /etc/swift /var/cache/swift /var/run/swift
chown -R swift:swift "$ROOT/devices" /var/cache/swift /var/run/swift

bash "$(dirname "$0")/../test/images/s3-swift/swift-config.sh" "$ROOT" 127.0.0.1 "$PORT" test:tester "$SECRET"

# memcached is stopped with the rest (.ci/stop-s3.sh) only when it was started here.
# (A memcached that exited but was not yet reaped, state Z, does not count.)
if ! pgrep -r R,S,D,T -x memcached >/dev/null; then memcached -u root -l 127.0.0.1 -d && touch "$ROOT/memcached.started"; fi
for kind in object container account proxy; do
  nohup "$PY" "/usr/bin/swift-${kind}-server" "$ROOT/conf/${kind}-server.conf" >"$ROOT/log/${kind}.log" 2>&1 &
done

for _ in $(seq 1 60); do
  if healthy; then echo "S3 (Swift) answers on 127.0.0.1:${PORT}"; exit 0; fi
  sleep 0.5
done
echo "Swift did not come up; logs:" >&2
tail -n 20 "$ROOT"/log/*.log >&2
exit 1
