#!/usr/bin/env bash
# Drives the page of `smtp-doctor serve` in a real browser: Debian's chromium and chromedriver through Selenium fill
# and submit every form against the fault-injecting SMTP test server and the local Postfix, read the verdict and the
# first cause from the page, and save a screenshot of each page into docs/screenshots/.
#
# Needs: chromium, chromium-driver (apt), selenium (pip, requirements.txt), Postfix from
# scripts/mail-servers/setup.sh for the Postfix cases and NSD from scripts/dns-server/start.sh for check-domain. Without chromium or chromedriver it skips loudly, and fails
# under CI=true. Run from anywhere; builds smtp-doctor and smtp-test-server first unless --skip-build.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=scripts/browser-tests

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
python3 -c 'import selenium' 2>/dev/null || missing+=("selenium (pip install -r $here/requirements.txt)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "################################################################################" >&2
  echo "browser tests SKIPPED: missing ${missing[*]}" >&2
  echo "################################################################################" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  exit 0
fi

if [ "${1:-}" != --skip-build ]; then
  swift build --product smtp-doctor >/dev/null
  swift build --product smtp-test-server >/dev/null
fi
bin=$(swift build --show-bin-path)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/smtp-test-server" >"$work/servers" &
pids+=($!)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin/smtp-doctor" serve --listen "127.0.0.1:$port" --dns-server "127.0.0.1:${DNS_TEST_PORT:-5353}" \
  2>"$work/serve.log" &
pids+=($!)

for _ in $(seq 1 300); do
  if [ "$(wc -l <"$work/servers")" -ge 3 ] && grep -q "serving on" "$work/serve.log"; then break; fi
  sleep 0.2
done
grep -q "serving on" "$work/serve.log" || { cat "$work/serve.log" >&2; echo "serve did not start" >&2; exit 1; }

python3 "$here/browser_test.py" --url "http://127.0.0.1:$port" --servers "$work/servers" \
  --screenshots docs/screenshots --serve-log "$work/serve.log"
