"""The --varied mode of scripts/generate-postfix-log: a busy relay's log, far less repetitive than the default.

Thousands of recipient domains, each served by one kind of receiver (Google, Microsoft 365, Yahoo, Postfix, Exim,
Sendmail, a filtering gateway), whose reply texts are written in that receiver's phrasing with varying addresses,
host names, numbers, policy names, block lists and tracking ids; tens of thousands of senders and recipients;
inbound connections rejected on arrival (NOQUEUE) and accepted (stored through LMTP), outbound deliveries bounced
and deferred, SASL failures and the ordinary smtpd, cleanup, qmgr, smtp, lmtp and bounce lines around them.
"""

SYLLABLES = ["al", "ber", "cor", "dan", "el", "fin", "gar", "hol", "is", "jon", "kel", "lum", "mar", "nor", "os",
             "pel", "quin", "ros", "sen", "tor", "ul", "ven", "wes", "xan", "yor", "zed", "ka", "lo", "mi", "ne"]
TLDS = ["com", "net", "org", "de", "fr", "co.uk", "nl", "it", "es", "io", "ca", "com.au", "se", "ch", "jp"]
FIRST = ["anna", "ben", "carla", "dmitri", "eva", "farid", "greta", "hiro", "ines", "jamal", "kim", "lars", "maria",
         "nils", "olga", "pedro", "quinn", "rosa", "sami", "tara", "ugo", "vera", "wen", "xavier", "yusuf", "zoe",
         "info", "sales", "support", "billing", "noreply", "hr", "admin", "contact", "orders", "news"]
LAST = ["smith", "meyer", "rossi", "garcia", "nowak", "kim", "larsen", "dubois", "silva", "tanaka", "olsen", "weber"]
RBLS = ["zen.spamhaus.org", "b.barracudacentral.org", "bl.spamcop.net", "dnsbl.sorbs.net", "psbl.surriel.com",
        "bl.mailspike.net", "dnsbl-1.uceprotect.net", "ix.dnsbl.manitu.net"]
HEX = "0123456789ABCDEF"
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# Reply texts by kind of receiver, each (enhanced code, text); {…} are filled per failure.
BOUNCES = {
    "google": [
        ("5.1.1", "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser {gid} - gsmtp (in reply to RCPT TO command)"),
        ("5.2.1", "550-5.2.1 The email account that you tried to reach is inactive. For more information, go to https://support.google.com/mail/?p=DisabledUser {gid} - gsmtp (in reply to RCPT TO command)"),
        ("5.7.26", "550-5.7.26 Unauthenticated email from {sdomain} is not accepted due to domain's DMARC policy. Please contact the administrator of {sdomain} domain if this was a legitimate mail. To learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection {gid} - gsmtp (in reply to end of DATA command)"),
        ("5.7.1", "550-5.7.1 [{ourip}] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to https://support.google.com/mail/?p=UnsolicitedMessageError {gid} - gsmtp (in reply to end of DATA command)"),
        ("5.2.2", "552-5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm {gid} - gsmtp (in reply to RCPT TO command)"),
    ],
    "microsoft": [
        ("5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP address lookup [{eop}.eop-{region}.prod.protection.outlook.com {iso} {hexid}] (in reply to RCPT TO command)"),
        ("5.4.1", "550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [{eop}.eop-{region}.prod.protection.outlook.com {iso} {hexid}] (in reply to RCPT TO command)"),
        ("5.7.606", "550 5.7.606 Access denied, banned sending IP [{ourip}]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS({asn}) [{eop}.eop-{region}.prod.protection.outlook.com {iso} {hexid}] (in reply to MAIL FROM command)"),
        ("5.7.1", "550 5.7.1 Service unavailable, Client host [{ourip}] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/{ourip} (AS{asn}). [{eop}.eop-{region}.prod.protection.outlook.com {iso} {hexid}] (in reply to MAIL FROM command)"),
        ("5.7.509", "550 5.7.509 Access denied, sending domain {sdomain} does not pass DMARC verification and has a DMARC policy of reject. [{eop}.eop-{region}.prod.protection.outlook.com {iso} {hexid}] (in reply to end of DATA command)"),
        ("5.2.2", "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot open mailbox /o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn={hexid}-{rlocal}.[EndDiagnosticData] (in reply to end of DATA command)"),
    ],
    "yahoo": [
        ("5.0.0", "554 delivery error: dd This user doesn't have a {rdomain} account ({rcpt}) [0] - mta{n}.mail.{dc}.yahoo.com (in reply to end of DATA command)"),
        ("5.7.9", "554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes (in reply to end of DATA command)"),
    ],
    "postfix": [
        ("5.1.1", "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in {table} table (in reply to RCPT TO command)"),
        ("5.2.2", "552 5.2.2 <{rcpt}>: user is over quota ({n} MB of {m} MB used) (in reply to RCPT TO command)"),
        ("5.3.4", "552 5.3.4 Message size exceeds fixed limit of {bytes} bytes (in reply to end of DATA command)"),
        ("5.7.1", "554 5.7.1 Service unavailable; Client host [{ourip}] blocked using {rbl}; https://{rbl}/query/ip/{ourip} (in reply to RCPT TO command)"),
        ("5.7.1", "554 5.7.1 <{rcpt}>: Relay access denied (in reply to RCPT TO command)"),
        ("5.7.23", "550 5.7.23 <{rcpt}>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id={sender};ip={ourip};r=<UNKNOWN> (in reply to RCPT TO command)"),
    ],
    "exim": [
        ("5.0.0", "550 {rcpt}: No Such User Here\"\" (in reply to RCPT TO command)"),
        ("5.0.0", "550-Verification failed for <{sender}> 550-Called:   {ourip} 550-Sent:     RCPT TO:<{sender}> 550-Response: 550 Unrouteable address 550 Sender verify failed (in reply to RCPT TO command)"),
        ("5.0.0", "550 Administrative prohibition - envelope blocked - {ourip} listed in {rbl} (in reply to RCPT TO command)"),
        ("5.0.0", "550 High probability of spam (score {score}) (in reply to end of DATA command)"),
    ],
    "sendmail": [
        ("5.1.1", "550 5.1.1 <{rcpt}>... User unknown (in reply to RCPT TO command)"),
        ("5.7.1", "550 5.7.1 <{rcpt}>... Relaying denied. Proper authentication required. (in reply to RCPT TO command)"),
        ("5.2.2", "552 5.2.2 <{rcpt}>... Mailbox full (in reply to RCPT TO command)"),
    ],
    "gateway": [
        ("5.7.1", "550 5.7.1 Message rejected by policy {policy}. Please contact postmaster@{rdomain} quoting reference {hexid} (in reply to end of DATA command)"),
        ("5.1.1", "550 5.1.1 <{rcpt}> recipient rejected: invalid recipient (in reply to RCPT TO command)"),
        ("5.7.1", "554 5.7.1 [P{n}] Message blocked due to spam content in the message. https://community.mimecast.com/docs/DOC-1369#554 [{gid}.{n}] (in reply to end of DATA command)"),
    ],
}
DEFERS = {
    "any": [
        ("4.4.1", "connect to {mx}[{ip}]:25: Connection timed out"),
        ("4.4.1", "connect to {mx}[{ip}]:25: Connection refused"),
        ("4.4.1", "connect to {mx}[{ip}]:25: No route to host"),
        ("4.4.2", "lost connection with {mx}[{ip}] while receiving the initial server greeting"),
        ("4.4.2", "conversation with {mx}[{ip}] timed out while sending RCPT TO"),
        ("4.4.3", "Host or domain name not found. Name service error for name={rdomain} type=MX: Host not found, try again"),
        ("4.7.4", "TLS is required, but was not offered by host {mx}[{ip}]"),
    ],
    "google": [
        ("4.7.28", "421-4.7.28 [{ourip}      15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. For more information, go to https://support.google.com/mail/?p=UnsolicitedRateLimitError {gid} - gsmtp (in reply to end of DATA command)"),
        ("4.2.2", "452-4.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp {gid} - gsmtp (in reply to RCPT TO command)"),
    ],
    "microsoft": [
        ("4.4.4", "451 4.4.4 Mail received as unauthenticated, incoming to a recipient domain configured in a hosted tenant which has no mail-enabled subscriptions. ATTR5 [{eop}.eop-{region}.prod.protection.outlook.com {iso} {hexid}] (in reply to RCPT TO command)"),
        ("4.7.500", "451 4.7.500 Server busy. Please try again later from [{ourip}]. (S77719) [{eop}.eop-{region}.prod.protection.outlook.com {iso} {hexid}] (in reply to RCPT TO command)"),
    ],
    "yahoo": [
        ("4.7.0", "421 4.7.0 [TSS04] Messages from {ourip} temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)"),
    ],
    "postfix": [
        ("4.2.0", "450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/{rdomain}.html (in reply to RCPT TO command)"),
        ("4.3.0", "451 4.3.0 <{rcpt}>: Temporary lookup failure (in reply to RCPT TO command)"),
        ("4.2.2", "452 4.2.2 <{rcpt}>: Mailbox full (in reply to RCPT TO command)"),
    ],
    "exim": [
        ("4.0.0", "451 Temporary local problem - please try later (in reply to end of DATA command)"),
        ("4.0.0", "451-{ourip} is not yet authorized to deliver mail from 451 <{sender}> to <{rcpt}>. 451 Please try later. (in reply to RCPT TO command)"),
    ],
    "sendmail": [
        ("4.3.0", "451 4.3.0 <{rcpt}>... Temporary system failure. Please try again later. (in reply to RCPT TO command)"),
    ],
    "gateway": [
        ("4.7.1", "451 4.7.1 Greylisting in action, please come back in {n} minutes (in reply to RCPT TO command)"),
    ],
}
REJECTS = [
    "554 5.7.1 <{rcpt}>: Relay access denied",
    "554 5.7.1 Service unavailable; Client host [{client}] blocked using {rbl}; https://{rbl}/query/ip/{client}",
    "450 4.7.1 Client host rejected: cannot find your hostname, [{client}]",
    "450 4.1.8 <{sender}>: Sender address rejected: Domain not found",
    "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in local recipient table",
    "504 5.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname",
    "450 4.7.1 <{helo}>: Helo command rejected: Host not found",
    "554 5.7.1 <{sender}>: Sender address rejected: Access denied",
    "450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/{ldomain}.html",
    "550 5.7.1 <{rcpt}>: Recipient address rejected: Message rejected due to: SPF fail - not authorized",
    "452 4.3.1 Insufficient system storage",
]
RECEIVERS = [("google", 25), ("microsoft", 25), ("yahoo", 5), ("postfix", 25), ("exim", 10), ("sendmail", 4),
             ("gateway", 6)]


def write(size, out, rng):
    def word(n):
        return "".join(rng.choice(SYLLABLES) for _ in range(n))

    def token(alphabet, n):
        return "".join(rng.choice(alphabet) for _ in range(n))

    kinds = [kind for kind, weight in RECEIVERS for _ in range(weight)]
    domains = []
    for i in range(6000):
        name = f"{word(rng.randint(2, 4))}{'' if rng.random() < 0.7 else '-' + word(1)}.{rng.choice(TLDS)}"
        kind = rng.choice(kinds)
        ip = f"{rng.choice([23, 45, 64, 81, 93, 104, 142, 185, 193, 203, 212])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        mx = {"google": "aspmx.l.google.com", "microsoft": name.replace(".", "-") + ".mail.protection.outlook.com",
              "yahoo": f"mta{rng.randint(5, 7)}.am0.yahoodns.net",
              "gateway": f"{rng.choice(['eu', 'us', 'de'])}-smtp-inbound-{rng.randint(1, 2)}.mimecast.com"}.get(
            kind, f"mx{rng.randint(1, 3)}.{name}")
        domains.append((name, kind, mx, ip))
    # Popularity falls off as 1 / (rank + 5): the busiest domain takes about 3 % of the mail.
    cumulative = []
    total = 0.0
    for rank in range(len(domains)):
        total += 1 / (rank + 5)
        cumulative.append(total)
    local_domains = [f"{word(2)}.example.org" for _ in range(40)]
    sender_domains = local_domains + [d[0] for d in domains[:1500]]
    our_ips = [f"198.51.100.{i}" for i in range(2, 60)]
    apps = [f"app{i:02d}.internal.example.org" for i in range(1, 200)]

    def address(domain):
        shape = rng.random()
        if shape < 0.5:
            local = f"{rng.choice(FIRST)}.{rng.choice(LAST)}"
        elif shape < 0.8:
            local = f"{rng.choice(FIRST)}{rng.randint(1, 9999)}"
        else:
            local = rng.choice(FIRST)
        return f"{local}@{domain}"

    def queue_id():
        return token(HEX, rng.choice([10, 11, 12]))

    t = 1714521600
    pid = 1000
    written = 0
    while written < size:
        t += rng.randint(0, 1)
        day, rem = divmod(t - 1714521600, 86400)
        hh, rem = divmod(rem, 3600)
        mm, ss = divmod(rem, 60)
        stamp = f"{MONTHS[4 + day // 31 % 7]} {day % 31 + 1:2d} {hh:02d}:{mm:02d}:{ss:02d}"
        server = f"mx{rng.randint(1, 4)}"
        pid = pid % 60000 + 1
        rdomain, kind, mx, ip = rng.choices(domains, cum_weights=cumulative)[0]
        rcpt = address(rdomain)
        sdomain = rng.choice(sender_domains)
        sender = address(sdomain)
        ourip = rng.choice(our_ips)
        fill = dict(
            rcpt=rcpt, rlocal=rcpt.split("@")[0], rdomain=rdomain, sender=sender, sdomain=sdomain, mx=mx, ip=ip,
            ourip=ourip, rbl=rng.choice(RBLS), table=rng.choice(["virtual mailbox", "local recipient", "relay recipient"]),
            n=rng.randint(1, 999), m=rng.choice([500, 1000, 2048, 5120, 10240]), bytes=rng.choice([10240000, 26214400, 52428800]),
            score=f"{rng.uniform(5, 30):.1f}", policy=f"{word(2)}-{rng.randint(1, 40)}", dc=rng.choice(["gq1", "bf1", "ne1", "sg3"]),
            gid=token(ALNUM, 20) + f"si{rng.randint(1000000, 9999999)}qtb.{rng.randint(1, 300)}", asn=rng.randint(1000, 64000),
            eop=f"{rng.choice(['BN8', 'DM6', 'AM4', 'SN1', 'CO1'])}NAM{rng.randint(10, 12)}FT{rng.randint(1, 99):03d}",
            region=rng.choice(["nam11", "nam12", "eur03", "apc01"]),
            iso=f"2026-05-01T{hh:02d}:{mm:02d}:{ss:02d}.{rng.randint(0, 999):03d}Z", hexid=token(HEX, 16))
        lines = []
        client_host = rng.choice(apps)
        client = f"10.{rng.randint(0, 3)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        r = rng.random()
        if r < 0.05:
            # An outside client rejected on arrival.
            out_client = f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            helo = rng.choice([word(2), f"{word(2)}.{rng.choice(TLDS)}", "localhost", f"[{out_client}]"])
            ldomain = rng.choice(local_domains)
            text = rng.choice(REJECTS).format(
                rcpt=address(ldomain), client=out_client, rbl=fill["rbl"], sender=sender, helo=helo, ldomain=ldomain)
            name = rng.choice(["unknown", f"{word(2)}.{rng.choice(TLDS)}"])
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: connect from {name}[{out_client}]")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: NOQUEUE: reject: RCPT from {name}[{out_client}]: {text}; from=<{sender}> to=<{address(ldomain)}> proto=ESMTP helo=<{helo}>")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: disconnect from {name}[{out_client}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4")
        elif r < 0.06:
            out_client = f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: connect from unknown[{out_client}]")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: warning: unknown[{out_client}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: disconnect from unknown[{out_client}] ehlo=1 auth=0/1 commands=1/2")
        elif r < 0.10:
            # An outside server's message for one of our domains, accepted and stored through LMTP.
            q = queue_id()
            out_client = f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            name = f"{rng.choice(['mail', 'mx', 'smtp', 'out'])}.{sdomain}"
            local = address(rng.choice(local_domains))
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: connect from {name}[{out_client}]")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: {q}: client={name}[{out_client}]")
            lines.append(f"{stamp} {server} postfix/cleanup[{pid + 1}]: {q}: message-id=<{t}.{token(ALNUM, 8)}@{sdomain}>")
            lines.append(f"{stamp} {server} postfix/qmgr[812]: {q}: from=<{sender}>, size={rng.randint(900, 900000)}, nrcpt=1 (queue active)")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: disconnect from {name}[{out_client}] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5")
            lines.append(f"{stamp} {server} postfix/lmtp[{pid + 2}]: {q}: to=<{local}>, relay=store.example.org[private/dovecot-lmtp], delay=0.{rng.randint(1, 9)}, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 <{local}> Saved)")
            lines.append(f"{stamp} {server} postfix/qmgr[812]: {q}: removed")
        else:
            q = queue_id()
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: connect from {client_host}[{client}]")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: {q}: client={client_host}[{client}], sasl_method=PLAIN, sasl_username={sender.split('@')[0]}")
            lines.append(f"{stamp} {server} postfix/cleanup[{pid + 1}]: {q}: message-id=<{t}.{token(ALNUM, 8)}@{sdomain}>")
            lines.append(f"{stamp} {server} postfix/qmgr[812]: {q}: from=<{sender}>, size={rng.randint(900, 900000)}, nrcpt=1 (queue active)")
            lines.append(f"{stamp} {server} postfix/smtpd[{pid}]: disconnect from {client_host}[{client}] ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6")
            delay = f"delay={rng.uniform(0.2, 900):.1f}, delays={rng.uniform(0, .2):.2f}/{rng.uniform(0, 3):.2f}/{rng.uniform(0, 30):.2f}/{rng.uniform(0, 2):.2f}"
            relay = f"relay={mx}[{ip}]:25"
            r = rng.random()
            if r < 0.05:
                dsn, text = rng.choice(BOUNCES[kind])
                text = text.format(**fill)
                lines.append(f"{stamp} {server} postfix/smtp[{pid + 2}]: {q}: to=<{rcpt}>, {relay}, {delay}, dsn={dsn}, status=bounced (host {mx}[{ip}] said: {text})")
                lines.append(f"{stamp} {server} postfix/cleanup[{pid + 1}]: {queue_id()}: message-id=<{t}.{token(ALNUM, 8)}@{server}.example.org>")
                lines.append(f"{stamp} {server} postfix/bounce[{pid + 3}]: {q}: sender non-delivery notification: {queue_id()}")
            elif r < 0.12:
                dsn, text = rng.choice(DEFERS["any"] if rng.random() < 0.4 else DEFERS[kind])
                text = text.format(**fill)
                said = text if not text[0].isdigit() else f"host {mx}[{ip}] said: {text}"
                if said.startswith(("connect to", "Host or domain")):
                    relay = "relay=none"
                lines.append(f"{stamp} {server} postfix/smtp[{pid + 2}]: {q}: to=<{rcpt}>, {relay}, {delay}, dsn={dsn}, status=deferred ({said})")
            else:
                lines.append(f"{stamp} {server} postfix/smtp[{pid + 2}]: {q}: to=<{rcpt}>, {relay}, {delay}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {queue_id()})")
            lines.append(f"{stamp} {server} postfix/qmgr[812]: {q}: removed")
        chunk = "\n".join(lines) + "\n"
        out.write(chunk)
        written += len(chunk)
