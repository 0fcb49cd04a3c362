#!/usr/bin/env bash
# The compose stack, tested: brings docker-compose.yml up (on the images test/images builds, see
# local-images.yml) with three workers, in production mode with generated secrets; drives the
# README's walk-through; runs 30 uploads at once and kills a worker mid-run (none may be lost);
# shows how the jobs spread over the workers; takes everything down, volumes included.
# Needs a Docker engine with the compose plugin, and the images of test/images/build-images.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"   # the project's Node 24
project=ingest-compose-test
env_file=$(mktemp)
random() { node -e "console.log(require('node:crypto').randomBytes(24).toString('$1'))"; }
admin_password=$(random base64url)
cat > "$env_file" <<ENV
ENVIRONMENT=production
JWT_SECRET_KEY=$(random base64)
METRICS_TOKEN=$(random base64)
ADMIN_PASSWORD=${admin_password}
POSTGRES_PASSWORD=$(random hex)
MINIO_ROOT_USER=ingest:uploader
MINIO_ROOT_PASSWORD=$(random hex)
# A killed worker's jobs come back once its lease (PROCESSING) or its message's visibility
# timeout (delivered, not yet claimed) runs out: short here, so the test need not wait minutes.
JOB_LEASE_SECONDS=10
QUEUE_VISIBILITY_TIMEOUT_SECONDS=15
RECONCILE_INTERVAL_SECONDS=2
RATE_LIMIT_PER_MINUTE=600
ENV
compose() { docker compose -p "$project" --env-file "$env_file" -f docker-compose.yml -f test/compose/local-images.yml "$@"; }
down() {
  compose down -v --remove-orphans --timeout 20 >/dev/null 2>&1 || true
  rm -f "$env_file"
}
trap down EXIT

started=$SECONDS
echo "== the service image (Dockerfile, classic builder)"
export INGEST_IMAGE=ingest-service:compose-test
DOCKER_BUILDKIT=0 docker build -q -t "$INGEST_IMAGE" . 2>&1 | grep -v -e DEPRECATED -e BuildKit -e environment-variable -e '^ *$' || true
docker image inspect "$INGEST_IMAGE" --format 'built: {{.Size}} bytes' || exit 1
echo "== compose up (API, 3 workers, Postgres, Redis, S3, migrations)"
if ! compose up -d --no-build --wait --scale worker=3; then
  compose ps -a; compose logs --tail 40; exit 1
fi
echo "stack up and healthy in $((SECONDS - started)) s"
compose ps --format '{{.Service}} {{.State}} {{.Health}}' | sort | uniq -c

export ADMIN_PASSWORD="$admin_password"
echo "== the README's walk-through"
node test/compose/walkthrough.ts

echo "== 30 uploads at once; one worker killed mid-run"
node test/compose/walkthrough.ts --jobs 30 &
uploads=$!
sleep 1.5   # the 30 take a few seconds: the worker dies with jobs in hand
victim=$(compose ps -q worker | sed -n 1p)   # sed reads it all: head would leave compose a broken pipe, which pipefail counts
echo "killing worker container ${victim:0:12}"
docker kill "$victim" >/dev/null
wait "$uploads"

echo "== jobs completed per worker container (from their logs)"
compose logs --no-color worker | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' | grep '"job completed"' | cut -d' ' -f1 | sort | uniq -c
echo "compose test passed in $((SECONDS - started)) s"
