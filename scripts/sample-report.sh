#!/usr/bin/env bash
# Generates the sample support report under docs/ (docs/sample-report.html, .md and a screenshot .png) from a pasted
# error, a probe of the local Postfix with a wrong password, and interview answers: the documents the README links.
# Needs the mail servers of scripts/mail-servers/setup.sh (run it first, as root) and chromium for the screenshot.
# SOURCE_DATE_EPOCH fixes the date in the documents; the probe's timings differ from run to run.
set -euo pipefail
cd "$(dirname "$0")/.."

ENV_FILE=${SMTP_DOCTOR_MAIL_ENV:-/tmp/smtp-doctor-mail-servers/connection.env}
if [ ! -f "$ENV_FILE" ]; then
  echo "sample-report.sh: $ENV_FILE is missing; run scripts/mail-servers/setup.sh first (as root)" >&2
  exit 1
fi
# shellcheck source=/dev/null
. "$ENV_FILE"

swift build
BIN=.build/debug/smtp-doctor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/answers.yaml" <<'YAML'
# Interview answers: declared fact names and their values.
account.mfa-enabled: true
YAML

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1798761600}
export SAMPLE_PASSWORD=not-the-password
for format in html md; do
  # Exit status 3 (nothing recognised) or a probe verdict is not a failure of this script.
  "$BIN" report \
    --error "535 5.7.8 Error: authentication failed: authentication failure" \
    --answers "$WORK/answers.yaml" \
    --host "$SMTP_TEST_HOST" --port "$SMTP_TEST_PORT_SUBMISSION" --tls starttls --ca-file "$SMTP_TEST_CA_FILE" \
    --user "$SMTP_TEST_USER" --password-env SAMPLE_PASSWORD \
    -o "docs/sample-report.$format" || true
done

if grep -q "$SAMPLE_PASSWORD" docs/sample-report.html docs/sample-report.md; then
  echo "sample-report.sh: the password appears in the sample" >&2
  exit 1
fi

chromium --headless --disable-gpu --no-sandbox --no-first-run --disable-background-networking \
  --user-data-dir="$WORK/profile" --host-resolver-rules="MAP * ~NOTFOUND" --hide-scrollbars \
  --window-size=1000,1600 --screenshot="$PWD/docs/sample-report.png" "file://$PWD/docs/sample-report.html" \
  2>/dev/null
echo "wrote docs/sample-report.html, docs/sample-report.md and docs/sample-report.png"
