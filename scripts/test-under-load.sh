#!/usr/bin/env bash
# Runs the test suite while busy loops keep every core busy, as a loaded CI machine would be.
# Usage: scripts/test-under-load.sh [extra swift test arguments...]
# The busy loops are stopped when the tests end, whatever their result; the script exits with the tests' status.
set -euo pipefail
cd "$(dirname "$0")/.."
cores=$(nproc)
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT
for _ in $(seq "$cores"); do
    ( while :; do :; done ) &
    pids+=("$!")
done
echo "test-under-load: ${#pids[@]} busy loops on $cores cores" >&2
status=0
swift test "$@" || status=$?
echo "test-under-load: swift test exited with $status" >&2
exit "$status"
