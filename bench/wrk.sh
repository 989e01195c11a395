# shellcheck shell=bash
# Sourced by run.sh and loadtest.sh: wrk, the load generator, from apt when root.
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "bench: needs wrk (as root: apt-get install wrk)" >&2
    exit 1
  fi
fi
