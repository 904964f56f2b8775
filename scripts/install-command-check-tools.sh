#!/usr/bin/env bash
# Installs the programs whose own help and syntax checks the remediation commands of Rules/ are tested against
# (Tests/KnowledgeBaseTests/Commands): dig (dnsutils), nc (netcat-openbsd), swaks and openssl. Postfix (postconf -d)
# and bash are installed by the mail-server setup. Under CI=true those tests fail when a program is missing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends dnsutils netcat-openbsd swaks openssl
