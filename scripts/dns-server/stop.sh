#!/usr/bin/env bash
# Stops the NSD started by start.sh.
state=${DNS_TEST_STATE:-/tmp/smtp-doctor-nsd}
[ -f "$state/nsd.pid" ] && kill "$(cat "$state/nsd.pid")" 2>/dev/null
exit 0
