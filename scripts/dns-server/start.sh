#!/usr/bin/env bash
# Starts NSD (Debian package nsd) as an unprivileged authoritative server for the check-domain test zones on
# 127.0.0.1, port DNS_TEST_PORT (default 5353). The tests read the port from the same variable.
# Usage: scripts/dns-server/start.sh        stop: scripts/dns-server/stop.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${DNS_TEST_PORT:-5353}
state=${DNS_TEST_STATE:-/tmp/smtp-doctor-nsd}
command -v nsd >/dev/null || { echo "nsd is not installed: apt-get install -y nsd" >&2; exit 1; }
mkdir -p "$state"
cat >"$state/nsd.conf" <<CONF
server:
    ip-address: 127.0.0.1@$port
    port: $port
    username: ""
    chroot: ""
    zonesdir: "$here/zones"
    database: ""
    zonelistfile: "$state/zone.list"
    xfrdfile: "$state/xfrd.state"
    xfrdir: "$state"
    pidfile: "$state/nsd.pid"
    logfile: "$state/nsd.log"
    server-count: 1
    verbosity: 1
remote-control:
    control-enable: no
zone:
    name: dnscheck.test
    zonefile: dnscheck.test.zone
zone:
    name: 2.0.192.in-addr.arpa
    zonefile: 2.0.192.in-addr.arpa.zone
CONF
nsd-checkconf "$state/nsd.conf"
for zone in dnscheck.test 2.0.192.in-addr.arpa; do nsd-checkzone "$zone" "$here/zones/$zone.zone" >/dev/null; done
if [ -f "$state/nsd.pid" ] && kill -0 "$(cat "$state/nsd.pid")" 2>/dev/null; then kill "$(cat "$state/nsd.pid")"; sleep 1; fi
nsd -c "$state/nsd.conf"
for _ in $(seq 1 50); do
    if dig +short +time=1 +tries=1 -p "$port" @127.0.0.1 SOA dnscheck.test | grep -q hostmaster; then
        echo "nsd serves the test zones on 127.0.0.1:$port"
        exit 0
    fi
    sleep 0.2
done
echo "nsd did not start; see $state/nsd.log" >&2
exit 1
