#!/usr/bin/env bash
# Simulation of `smtp-doctor interview` over every diagnosis of the built-in knowledge base: an oracle answers each
# question as the diagnosis implies ("unknown" where the rules say nothing) and lets the program probe the server and
# look up the domain where they can observe the cause. Reports the share of interviews whose leading diagnosis at the
# end is the right one and the mean number of questions, for the information-gain choice, for asking in file order
# and for asking every question; then the same with an oracle that has no error message.
#
# Usage: scripts/simulate-interview.sh [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product interview-simulation >/dev/null
.build/release/interview-simulation "$@"
echo
.build/release/interview-simulation --without-errors "$@"
