#!/usr/bin/env bash
# Configures Swift for S3 on 0.0.0.0:9000 and runs memcached and the four servers; stops
# them all on TERM, and exits when any one of them does.
set -euo pipefail
root=/srv/swift
mkdir -p "$root/devices/d1" /var/cache/swift /var/run/swift
swift-config.sh "$root" 0.0.0.0 9000 "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
chown -R swift:swift "$root/devices" /var/cache/swift /var/run/swift
memcached -u memcache -l 127.0.0.1 &
for kind in object container account proxy; do
  "/usr/bin/swift-${kind}-server" "$root/conf/${kind}-server.conf" &
done
trap 'kill $(jobs -p) 2>/dev/null; wait' TERM INT
wait -n
