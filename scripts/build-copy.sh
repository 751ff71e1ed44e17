#!/bin/sh
# Builds the app under a lock and copies it to $1, so several local e2e runs can each serve
# their own copy (QUORUM_BUILD_DIR=$1 E2E_SKIP_BUILD=1 npx playwright test ...).
set -e
dest="${1:?usage: scripts/build-copy.sh DEST_DIR}"
flock /tmp/quorum-build.lock sh -c "npx vite build >/tmp/quorum-build-\$\$.log 2>&1 || { cat /tmp/quorum-build-\$\$.log; exit 1; }; rm -rf '$dest'; cp -r build '$dest'"
echo "built into $dest"
