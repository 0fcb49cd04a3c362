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

if [ ! -f /etc/swift/swift.conf ]; then
  cat > /etc/swift/swift.conf <<CONF
[swift-hash]
swift_hash_path_suffix = ingest-ci-suffix
swift_hash_path_prefix = ingest-ci-prefix

[storage-policy:0]
name = default
default = yes
CONF
fi

cd "$ROOT/conf"
for spec in object:6200 container:6201 account:6202; do
  kind="${spec%%:*}"; ring_port="${spec##*:}"
  if [ ! -f "${kind}.ring.gz" ]; then
    swift-ring-builder "${kind}.builder" create 8 1 1 >/dev/null
    swift-ring-builder "${kind}.builder" add "r1z1-127.0.0.1:${ring_port}/d1" 1 >/dev/null
    swift-ring-builder "${kind}.builder" rebalance >/dev/null || true
  fi
  cat > "${kind}-server.conf" <<CONF
[DEFAULT]
devices = ${ROOT}/devices
mount_check = false
bind_ip = 127.0.0.1
bind_port = ${ring_port}
workers = 1
swift_dir = ${ROOT}/conf
log_level = WARNING

[pipeline:main]
pipeline = ${kind}-server

[app:${kind}-server]
use = egg:swift#${kind}
CONF
done

cat > proxy-server.conf <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = ${PORT}
workers = 1
swift_dir = ${ROOT}/conf
log_level = WARNING

[pipeline:main]
# slo (and copy, dlo) after tempauth: without them s3api refuses multipart uploads.
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:11211

[filter:s3api]
use = egg:swift#s3api
location = us-east-1

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = ${SECRET} .admin
CONF

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
