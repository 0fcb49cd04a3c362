#!/usr/bin/env bash
# Stops the S3 endpoint .ci/start-s3.sh started: its Swift servers, and memcached if it was
# started there. Idle, the servers still took 6 % of a core between them (eventlet's polling),
# which every benchmark run after CI paid for.
set -uo pipefail
ROOT="${SWIFT_ROOT:-/srv/ingest-swift}"
SWIFT="${ROOT}/conf/"   # in the command line of every Swift server start-s3.sh runs
started_memcached=false
if [ -f "$ROOT/memcached.started" ]; then started_memcached=true; rm -f "$ROOT/memcached.started"; fi

# The servers to stop, by the pgrep/pkill options that pick them out.
servers() {
  "$@" -f -- "$SWIFT"
  local swift=$?
  if $started_memcached; then "$@" -x memcached && return 0; fi
  return "$swift"
}

servers pkill -TERM
# They take about a second to go; wait, so that what runs next (a benchmark) has the cores.
# A process that exited but was not yet reaped (state Z) costs nothing and is not waited for.
for _ in $(seq 1 50); do servers pgrep -r R,S,D,T >/dev/null || exit 0; sleep 0.2; done
servers pkill -KILL
exit 0
