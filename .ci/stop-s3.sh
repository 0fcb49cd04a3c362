#!/usr/bin/env bash
# Stops the S3 endpoint .ci/start-s3.sh started: its Swift servers, and memcached if it was
# started there. Idle, the servers still took 6 % of a core between them (eventlet's polling),
# which every benchmark run after CI paid for.
set -uo pipefail
ROOT="${SWIFT_ROOT:-/srv/ingest-swift}"
pkill -f -- "${ROOT}/conf/" || true
started_memcached=false
if [ -f "$ROOT/memcached.started" ]; then
  started_memcached=true
  pkill -x memcached || true
  rm -f "$ROOT/memcached.started"
fi

# They take about a second to go; wait, so that what runs next (a benchmark) has the cores.
# A process that exited but was not yet reaped (state Z) costs nothing and is not waited for.
running() {
  pgrep -r R,S,D,T -f -- "${ROOT}/conf/" >/dev/null ||
    { $started_memcached && pgrep -r R,S,D,T -x memcached >/dev/null; }
}
for _ in $(seq 1 50); do running || exit 0; sleep 0.2; done
pkill -KILL -f -- "${ROOT}/conf/" || true
if $started_memcached; then pkill -KILL -x memcached || true; fi
