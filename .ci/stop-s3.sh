#!/usr/bin/env bash
# Stops the S3 endpoint .ci/start-s3.sh started: its Swift servers, and memcached if it was
# started there. Idle, the servers still took 6 % of a core between them (eventlet's polling),
# which every benchmark run after CI paid for.
set -uo pipefail
ROOT="${SWIFT_ROOT:-/srv/ingest-swift}"
pkill -f -- "${ROOT}/conf/" || true
# They take about a second to go; wait, so that what runs next (a benchmark) has the cores.
for _ in $(seq 1 50); do pgrep -f -- "${ROOT}/conf/" >/dev/null || break; sleep 0.2; done
pkill -KILL -f -- "${ROOT}/conf/" || true
if [ -f "$ROOT/memcached.started" ]; then
  pkill -x memcached || true
  rm -f "$ROOT/memcached.started"
fi
