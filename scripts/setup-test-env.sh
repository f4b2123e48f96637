#!/usr/bin/env bash
# Installs and starts what the tests need on a fresh Debian machine:
# npm packages, Debian's Chromium (Playwright drives it; it never downloads a browser),
# and the PostgreSQL server the database tests run against (they also run on embedded PGlite).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "== installing PostgreSQL"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  echo "== starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
# The tests connect as postgres over TCP with trust auth (as this machine kind is set up).
psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1" >/dev/null

echo "== installing npm packages"
npm ci --no-audit --no-fund
