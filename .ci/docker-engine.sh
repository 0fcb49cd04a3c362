#!/usr/bin/env bash
# A Docker engine for CI, from Debian's packages (facts: ../shared/notes/docker-on-debian.md).
#   .ci/docker-engine.sh start   installs docker.io, mmdebstrap and the compose plugin when missing,
#                                notes the network state, starts dockerd unless an engine answers
#   .ci/docker-engine.sh stop    removes what the run built, stops the dockerd started here, and
#                                puts the network back as it was (docker0, iptables, ip_forward)
# Needs root. State in $STATE (one run at a time).
set -euo pipefail
STATE="${DOCKER_CI_STATE:-/tmp/ingest-ci-docker}"
PLUGINS=/usr/local/lib/docker/cli-plugins

answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

install_missing() {
  local packages=()
  command -v dockerd >/dev/null || packages+=(docker.io)
  command -v mmdebstrap >/dev/null || packages+=(mmdebstrap)
  if ((${#packages[@]})); then
    echo "installing ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi
  if ! docker compose version >/dev/null 2>&1; then
    # Bookworm has no compose plugin; trixie's docker-compose package is one static binary.
    echo 'installing the compose plugin (Debian trixie docker-compose)'
    local apt_dir; apt_dir=$(mktemp -d)
    printf 'deb http://deb.debian.org/debian trixie main\n' > "$apt_dir/sources.list"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    local options=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" -o Dir::State::status=/dev/null)
    apt-get "${options[@]}" update -qq
    (cd "$apt_dir" && apt-get "${options[@]}" download docker-compose 2>/dev/null)
    mkdir -p "$PLUGINS"
    dpkg-deb --fsys-tarfile "$apt_dir"/docker-compose_*.deb | tar -xO ./usr/libexec/docker/cli-plugins/docker-compose > "$PLUGINS/docker-compose"
    chmod +x "$PLUGINS/docker-compose"
    rm -rf "$apt_dir"
  fi
}

network_state() {
  { iptables-save 2>/dev/null || true; } | { grep -v -e '^#' -e '^:' -e '^\*' -e '^COMMIT' || true; }
  ip -o link show 2>/dev/null | awk -F': ' '{print "link " $2}' | sed 's/@.*//' | sort
  echo "ip_forward $(cat /proc/sys/net/ipv4/ip_forward)"
}

start() {
  install_missing
  mkdir -p "$STATE"
  if answers; then echo 'a Docker engine already answers: using it, leaving it running'; return 0; fi
  network_state > "$STATE/network.before"
  iptables-save > "$STATE/iptables.before" 2>/dev/null || true
  cat /proc/sys/net/ipv4/ip_forward > "$STATE/ip_forward.before"
  : > "$STATE/images.before"
  nohup dockerd > "$STATE/dockerd.log" 2>&1 &
  echo $! > "$STATE/dockerd.pid"
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { echo 'dockerd did not start:' >&2; tail -n 20 "$STATE/dockerd.log" >&2; exit 1; }
  docker image ls -q | sort > "$STATE/images.before"
  echo "dockerd started (pid $(cat "$STATE/dockerd.pid"))"
}

stop() {
  [ -f "$STATE/dockerd.pid" ] || { echo 'no dockerd was started here'; return 0; }
  local pid; pid=$(cat "$STATE/dockerd.pid")
  if answers; then
    # Containers left by a failed step, then the images this run built (CI caches nothing).
    docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1 || true
    # A base goes only once the images built on it are gone: a few passes.
    for _ in 1 2 3; do
      comm -13 "$STATE/images.before" <(docker image ls -q | sort) | xargs -r docker rmi -f >/dev/null 2>&1 || true
    done
    docker system prune -f --volumes >/dev/null 2>&1 || true
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  # What dockerd leaves behind: its bridge, its iptables chains and rules, IP forwarding on.
  grep -q '^link docker0$' "$STATE/network.before" || ip link delete docker0 2>/dev/null || true
  for table in filter nat; do
    iptables -t "$table" -F 2>/dev/null || true
    iptables -t "$table" -X 2>/dev/null || true
  done
  for chain in INPUT FORWARD OUTPUT; do iptables -P "$chain" ACCEPT 2>/dev/null || true; done
  # (Where there were no tables at all, empty ones with ACCEPT policies remain: no rule differs.)
  [ -s "$STATE/iptables.before" ] && iptables-restore < "$STATE/iptables.before"
  cat "$STATE/ip_forward.before" > /proc/sys/net/ipv4/ip_forward
  if diff <(network_state) "$STATE/network.before" >/dev/null; then
    echo 'dockerd stopped; network as it was found (links, iptables, ip_forward)'
  else
    echo 'dockerd stopped, but the network differs from before:' >&2
    diff <(network_state) "$STATE/network.before" >&2 || true
  fi
  rm -rf "$STATE"
}

"$@"
