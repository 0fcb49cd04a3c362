#!/usr/bin/env bash
# Writes the configuration of a one-node OpenStack Swift with the S3 API (s3api + tempauth):
# swift.conf, the rings and the four servers' files under ROOT/conf. Used by .ci/start-s3.sh
# (Swift on the host) and by this folder's image (Swift in a container).
#   swift-config.sh ROOT PROXY_IP PROXY_PORT ACCESS_KEY SECRET   (ACCESS_KEY as account:user)
set -euo pipefail
root="$1" proxy_ip="$2" proxy_port="$3" access_key="$4" secret="$5"
account="${access_key%%:*}" user="${access_key#*:}"
mkdir -p "${root}/conf" /etc/swift

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

cd "${root}/conf"
for spec in object:6200 container:6201 account:6202; do
  kind="${spec%%:*}"; ring_port="${spec##*:}"
  if [ ! -f "${kind}.ring.gz" ]; then
    swift-ring-builder "${kind}.builder" create 8 1 1 >/dev/null
    swift-ring-builder "${kind}.builder" add "r1z1-127.0.0.1:${ring_port}/d1" 1 >/dev/null
    swift-ring-builder "${kind}.builder" rebalance >/dev/null || true
  fi
  cat > "${kind}-server.conf" <<CONF
[DEFAULT]
devices = ${root}/devices
mount_check = false
bind_ip = 127.0.0.1
bind_port = ${ring_port}
workers = 1
swift_dir = ${root}/conf
log_level = WARNING

[pipeline:main]
pipeline = ${kind}-server

[app:${kind}-server]
use = egg:swift#${kind}
CONF
done

cat > proxy-server.conf <<CONF
[DEFAULT]
bind_ip = ${proxy_ip}
bind_port = ${proxy_port}
workers = 1
swift_dir = ${root}/conf
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
user_${account}_${user} = ${secret} .admin
CONF

