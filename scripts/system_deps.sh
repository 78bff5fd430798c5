#!/usr/bin/env bash
# System packages some tests need: Chromium (browser tests of the web UI) and PostgreSQL (the
# store's tests against a real server). Best effort: without root or apt-get it says what is
# missing and those tests skip.
set -u
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium)
if [ "${WARTA_WITH_POSTGRES:-0}" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  want+=(postgresql)
fi
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${want[@]}" >/dev/null \
    || echo "warning: could not install ${want[*]}; the tests that need them will skip"
else
  echo "note: ${want[*]} not installed (needs root and apt-get); the tests that need them skip"
fi
