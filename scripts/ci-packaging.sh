#!/usr/bin/env bash
# scripts/ci-packaging.sh — the packaging checks CI runs after the test suite (needs the mail servers of
# scripts/mail-servers/setup.sh for the TLS check): the package and tarball from one command, their installation into
# fresh folders with the README's commands, and the rsyslog log stage with the packaged program.
set -euo pipefail
cd "$(dirname "$0")/.."
apt-get install -y -qq --no-install-recommends binutils dpkg-dev lintian man-db groff-base bsdextrautils zsh fish rsyslog \
  python3 >/dev/null
scripts/package.sh
scripts/test-install.sh
scripts/rsyslog/test-omprog.sh "$(swift build -c release --scratch-path "${SCRATCH_PATH:-.build}" --show-bin-path)/smtp-doctor"
