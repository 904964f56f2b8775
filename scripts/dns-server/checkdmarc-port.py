"""Runs checkdmarc with its plain-DNS nameservers on another port than 53.

checkdmarc's --nameserver takes addresses only and always asks port 53; the test zones are served on an
unprivileged port. This wrapper makes every plain-DNS nameserver dnspython builds use the port given first.
Usage: python3 checkdmarc-port.py PORT [checkdmarc arguments...]
"""

import sys

import dns.nameserver

PORT = int(sys.argv.pop(1))
_original = dns.nameserver.Do53Nameserver.__init__


def _init(self, address, *args, **kwargs):
    _original(self, address, PORT, *args[1:], **kwargs)


dns.nameserver.Do53Nameserver.__init__ = _init

from checkdmarc._cli import _main  # noqa: E402  (after the patch, on purpose)

sys.exit(_main())
