#!/usr/bin/env bash
# The demo: installs what is missing, builds and installs ticket_sla, starts a
# throwaway PostgreSQL cluster and shows the extension at work on the seed
# support policies.
# Usage: bash test/demo.sh     (as root, or a user with sudo)
source "$(dirname "$0")/lib.sh"
require_root "$@"

ensure_packages "${BASE_PACKAGES[@]}"
build_and_install
start_cluster

cd "$TOP"    # the demo reads test/fixtures/ical/ from here
psql -X -v ON_ERROR_STOP=1 -f test/demo/demo.sql
