#!/usr/bin/env bash
# Installs Postfix, Dovecot (SASL only) and swaks from Debian and starts them on loopback ports only:
#   127.0.0.1:2525  plain SMTP with STARTTLS offered, AUTH only after STARTTLS, relay only when authenticated
#   127.0.0.1:2587  submission: STARTTLS required, AUTH required to relay
#   127.0.0.1:2465  implicit TLS (SMTPS) with AUTH
#   and the same three on 127.0.0.1:25, :587 and :465, so that `smtp-doctor probe --port auto` has real ports to sweep
# A test user with a known password is created for Dovecot SASL, and a self-signed certificate with openssl.
# The connection details are written to $SMTP_DOCTOR_MAIL_ENV (default /tmp/smtp-doctor-mail-servers/connection.env),
# which tests/ProbeIntegrationTests and scripts/bench-probe.sh read. Safe to run again: it reconfigures and restarts.
set -euo pipefail

STATE_DIR=/tmp/smtp-doctor-mail-servers
ENV_FILE=${SMTP_DOCTOR_MAIL_ENV:-$STATE_DIR/connection.env}
CONF_DIR=/etc/smtp-doctor-test
TEST_USER=smtptest@smtp-doctor.test
TEST_PASSWORD=smtp-doctor-test-password

if [ "$(id -u)" != 0 ]; then echo "setup.sh: run as root (apt-get and service configuration)" >&2; exit 1; fi

export DEBIAN_FRONTEND=noninteractive
need=()
for package in postfix dovecot-core swaks libsasl2-modules openssl libnet-ssleay-perl libauthen-sasl-perl; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  echo "postfix postfix/mailname string mail.smtp-doctor.test" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

mkdir -p "$CONF_DIR" "$STATE_DIR" "$(dirname "$ENV_FILE")"
if [ ! -s "$CONF_DIR/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$CONF_DIR/key.pem" -out "$CONF_DIR/cert.pem" 2>/dev/null
  chmod 600 "$CONF_DIR/key.pem"
fi
printf '%s:{PLAIN}%s\n' "$TEST_USER" "$TEST_PASSWORD" > "$CONF_DIR/users"
chown root:dovecot "$CONF_DIR/users" 2>/dev/null || true
chmod 640 "$CONF_DIR/users"

# --- Dovecot: SASL authentication only, no mail protocols ----------------------------------------------------------
cat > "$CONF_DIR/dovecot.conf" <<CONF
protocols = none
listen = 127.0.0.1
ssl = no
auth_mechanisms = plain login
log_path = $STATE_DIR/dovecot.log
base_dir = /run/dovecot-smtp-doctor
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $CONF_DIR/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}
service auth {
  unix_listener /var/spool/postfix/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
service anvil {
  chroot =
}
CONF
mkdir -p /var/spool/postfix/private
if [ -f /run/dovecot-smtp-doctor/master.pid ] && kill -0 "$(cat /run/dovecot-smtp-doctor/master.pid)" 2>/dev/null; then
  doveadm -c "$CONF_DIR/dovecot.conf" stop 2>/dev/null || kill "$(cat /run/dovecot-smtp-doctor/master.pid)" || true
  sleep 1
fi
dovecot -c "$CONF_DIR/dovecot.conf" </dev/null >/dev/null 2>&1

# --- Postfix: loopback ports only ------------------------------------------------------------------------------------
[ -s /etc/postfix/main.cf ] || cp /usr/share/postfix/main.cf.debian /etc/postfix/main.cf
[ -s /etc/postfix/master.cf ] || cp /usr/share/postfix/master.cf.dist /etc/postfix/master.cf
# smtpd_timeout: a test process whose threads are all busy can leave a probe between two steps for minutes (five were
# seen under a full suite beside other work); Postfix's default of 300 s would then hang up on it with 421 4.4.2.
postconf -e \
  "smtpd_timeout = 3600s" \
  "myhostname = mail.smtp-doctor.test" \
  "mydestination = localhost" \
  "inet_interfaces = loopback-only" \
  "inet_protocols = ipv4" \
  "mynetworks = 192.0.2.1/32" \
  "relay_domains =" \
  "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination" \
  "smtpd_tls_cert_file = $CONF_DIR/cert.pem" \
  "smtpd_tls_key_file = $CONF_DIR/key.pem" \
  "smtpd_tls_security_level = may" \
  "smtpd_tls_auth_only = yes" \
  "smtpd_sasl_type = dovecot" \
  "smtpd_sasl_path = private/auth" \
  "smtpd_sasl_auth_enable = yes" \
  "maillog_file = /var/log/postfix-smtp-doctor.log" \
  "compatibility_level = 3.6"
# Replace the services of this script in master.cf; take the default port-25 listener out (loopback ports only).
sed -i '/^# smtp-doctor-test begin/,/^# smtp-doctor-test end/d' /etc/postfix/master.cf
sed -i 's/^smtp      inet  n       -       y       -       -       smtpd$/#&/' /etc/postfix/master.cf
grep -q '^postlog' /etc/postfix/master.cf || printf 'postlog   unix-dgram n  -       n       -       1       postlogd\n' >> /etc/postfix/master.cf
cat >> /etc/postfix/master.cf <<CONF
# smtp-doctor-test begin
127.0.0.1:2525 inet n - n - - smtpd
127.0.0.1:2587 inet n - n - - smtpd -o smtpd_tls_security_level=encrypt
127.0.0.1:2465 inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
127.0.0.1:smtp inet n - n - - smtpd
127.0.0.1:submission inet n - n - - smtpd -o smtpd_tls_security_level=encrypt
127.0.0.1:submissions inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
# smtp-doctor-test end
CONF
postfix check
if postfix status >/dev/null 2>&1; then postfix reload </dev/null >/dev/null 2>&1; else postfix start </dev/null >/dev/null 2>&1; fi

# Wait until the three ports answer.
for port in 2525 2587 2465; do
  for _ in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break
    sleep 0.2
  done
done

cat > "$ENV_FILE" <<CONF
SMTP_TEST_HOST=127.0.0.1
SMTP_TEST_PORT_PLAIN=2525
SMTP_TEST_PORT_SUBMISSION=2587
SMTP_TEST_PORT_SMTPS=2465
SMTP_TEST_USER=$TEST_USER
SMTP_TEST_PASSWORD=$TEST_PASSWORD
SMTP_TEST_CA_FILE=$CONF_DIR/cert.pem
CONF
echo "mail servers ready on 127.0.0.1:2525 (STARTTLS), :2587 (submission), :2465 (implicit TLS); details in $ENV_FILE"
