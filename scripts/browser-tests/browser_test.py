#!/usr/bin/env python3
"""Fills and submits every form of `smtp-doctor serve` in headless Chromium and checks what the page shows.

Each case reads the verdict (#verdict) or the first cause (#first-cause) from the rendered page, as a person would,
and saves a screenshot. A canary password typed into the forms must appear in no page and no log line.
"""
import argparse
import os
import socket
import sys
import tempfile

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

CANARY = "Canary-Browser-Pa55-91c2"
MAIL_ENV = os.environ.get("SMTP_DOCTOR_MAIL_ENV", "/tmp/smtp-doctor-mail-servers/connection.env")
failures = []
pages_seen = []


def skip(message):
    print("#" * 80 + "\n" + message + "\n" + "#" * 80, file=sys.stderr)
    if os.environ.get("CI") == "true":
        failures.append(message)


def reachable(host, port):
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
        return True
    except OSError:
        return False


def dns_answers(port):
    # A minimal DNS query for dnscheck.test SOA over UDP; any answer means the test DNS server runs.
    query = bytes.fromhex("abcd01000001000000000000") + b"\x08dnscheck\x04test\x00" + bytes.fromhex("00060001")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.settimeout(3)
        try:
            udp.sendto(query, ("127.0.0.1", int(port)))
            return len(udp.recv(512)) > 12
        except OSError:
            return False


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1400"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_for(driver, element_id, seconds=120):
    # Generous: a probe step may take long on a loaded machine; the subject here is the page, not the time.
    return WebDriverWait(driver, seconds).until(lambda d: d.find_element(By.ID, element_id))


def shoot(driver, directory, name):
    driver.save_screenshot(os.path.join(directory, name + ".png"))
    pages_seen.append(driver.page_source)


def fill(driver, fields):
    for name, value in fields.items():
        element = driver.find_element(By.ID, name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "checkbox":
            if value != element.is_selected():
                element.click()
        else:
            element.clear()
            element.send_keys(value)


def probe(driver, url, fields, directory, screenshot):
    driver.get(url + "/probe")
    fill(driver, fields)
    if screenshot:
        shoot(driver, directory, "probe-form")
    driver.find_element(By.ID, "probe-submit").click()
    verdict = wait_for(driver, "verdict").text
    steps = driver.find_elements(By.CSS_SELECTOR, "#steps tr.step")
    check(len(steps) >= 2, f"probe of port {fields['port']}: the steps are listed ({len(steps)})")
    first = driver.find_elements(By.ID, "first-cause")
    return verdict, first[0].text if first else ""


def interview(driver, url, directory):
    driver.get(url + "/interview")
    question = wait_for(driver, "question").text
    shoot(driver, directory, "interview-question")
    check(question != "", f"interview: the first question is asked ({question!r})")
    driver.find_element(By.CSS_SELECTOR, "#why summary").click()
    check("Asked now" in driver.find_element(By.ID, "why").text, "interview: 'why' says why the question is asked")
    shoot(driver, directory, "interview-why")
    answer_once(driver)
    check("Question 2" in wait_for(driver, "progress").text, "interview: the second question follows the first")
    submit(driver, driver.find_element(By.ID, "back"))
    check("Question 1" in wait_for(driver, "progress").text, "interview: back returns to the first question")
    check(wait_for(driver, "question").text == question, "interview: back asks the first question again")
    for _ in range(64):
        if driver.find_elements(By.ID, "ending"):
            break
        answer_once(driver)
    ending = wait_for(driver, "ending").text
    shoot(driver, directory, "interview-result")
    check(bool(driver.find_elements(By.ID, "first-cause")), f"interview: it ends with a first cause ({ending!r})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#answers tr")) > 1, "interview: the answers are listed")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".downloads a")) == 3, "interview: three downloads offered")


def answer_once(driver):
    # The first answer of a choice; "I don't know" for a question that takes text.
    choices = driver.find_elements(By.ID, "answer-1")
    if choices:
        choices[0].click()
        submit(driver, driver.find_element(By.ID, "answer-submit"))
    else:
        submit(driver, driver.find_element(By.ID, "unknown"))


def submit(driver, button):
    # Clicks a submit button and waits until the next page has replaced this one.
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 120).until(lambda _: replaced(page))


def replaced(page):
    # True once the element is gone from the document. Chromium answers a look at an element whose page is being
    # replaced at that moment with an inspector error ("does not belong to the document") instead of a stale
    # reference; that, too, means the old page is gone. Any other error is raised.
    try:
        page.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error) or "No node with given id" in str(error):
            return True
        raise


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--servers", required=True, help="the NAME PORT lines of smtp-test-server")
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--serve-log", required=True)
    arguments = parser.parse_args()
    url = arguments.url
    directory = arguments.screenshots
    os.makedirs(directory, exist_ok=True)
    servers = dict(line.split() for line in open(arguments.servers) if line.strip())

    driver = browser()
    try:
        driver.get(url + "/")
        shoot(driver, directory, "home")
        check("smtp-doctor" in driver.title, "the start page opens")

        # Paste an error.
        driver.get(url + "/diagnose")
        fill(driver, {"error": "535 5.7.8 Authentication credentials invalid", "provider": ""})
        shoot(driver, directory, "diagnose-form")
        driver.find_element(By.ID, "diagnose-submit").click()
        first = wait_for(driver, "first-cause").text
        shoot(driver, directory, "diagnose-result")
        check(first != "", f"diagnose: first cause shown ({first!r})")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#checklist li")) > 0, "diagnose: a checklist is shown")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".downloads a")) == 3, "diagnose: three downloads offered")

        # Markup in an error is shown as text.
        driver.get(url + "/diagnose")
        fill(driver, {"error": "<script>document.title='pwned'</script> 550 5.1.1 user unknown"})
        driver.find_element(By.ID, "diagnose-submit").click()
        wait_for(driver, "checklist")
        check("pwned" not in driver.title, "diagnose: a script in the error is not run")
        check("<script>document.title" in driver.find_element(By.TAG_NAME, "body").text or
              "document.title" in driver.page_source, "diagnose: the script text is shown escaped")

        # The guided interview.
        interview(driver, url, directory)

        # Test a server: the fault-injecting test server.
        verdict, cause = probe(driver, url, {
            "host": "127.0.0.1", "port": servers["auth-fails"], "security": "starttls", "auth": "basic",
            "user": "app@example.org", "password": CANARY, "allow-untrusted-certificate": True,
        }, directory, screenshot=True)
        shoot(driver, directory, "probe-auth-failed")
        check(verdict == "Authentication Failed", f"test server, AUTH 535: verdict {verdict!r}")
        check(cause != "", f"test server, AUTH 535: first cause {cause!r}")

        verdict, _ = probe(driver, url, {
            "host": "127.0.0.1", "port": servers["relay-denied"], "security": "none",
            "from": "app@example.org", "to": "someone@example.net",
        }, directory, screenshot=False)
        shoot(driver, directory, "probe-relay-denied")
        check(verdict == "Relay Denied", f"test server, RCPT 550 5.7.1: verdict {verdict!r}")

        verdict, _ = probe(driver, url, {
            "host": "127.0.0.1", "port": servers["success"], "security": "none",
            "from": "app@example.org", "to": "someone@example.net",
        }, directory, screenshot=False)
        check(verdict == "Success", f"test server, open relay: verdict {verdict!r}")

        # Test a server: the local Postfix submission port (STARTTLS required, self-signed certificate).
        env = dict(line.strip().split("=", 1) for line in open(MAIL_ENV) if "=" in line) \
            if os.path.exists(MAIL_ENV) else {}
        if env and reachable(env["SMTP_TEST_HOST"], env["SMTP_TEST_PORT_SUBMISSION"]):
            port = env["SMTP_TEST_PORT_SUBMISSION"]
            verdict, cause = probe(driver, url, {
                "host": env["SMTP_TEST_HOST"], "port": port, "security": "starttls", "auth": "basic",
                "user": env["SMTP_TEST_USER"], "password": CANARY,
            }, directory, screenshot=False)
            shoot(driver, directory, "probe-postfix-tls-error")
            check(verdict == "TLS Error", f"Postfix {port}, self-signed certificate: verdict {verdict!r}")
            check(cause != "", f"Postfix {port}, self-signed certificate: first cause {cause!r}")
            verdict, cause = probe(driver, url, {
                "host": env["SMTP_TEST_HOST"], "port": port, "security": "starttls", "auth": "basic",
                "user": env["SMTP_TEST_USER"], "password": CANARY, "allow-untrusted-certificate": True,
            }, directory, screenshot=False)
            shoot(driver, directory, "probe-postfix-auth-failed")
            check(verdict == "Authentication Failed", f"Postfix {port}, wrong password: verdict {verdict!r}")
            verdict, _ = probe(driver, url, {
                "host": env["SMTP_TEST_HOST"], "port": port, "security": "starttls", "auth": "basic",
                "user": env["SMTP_TEST_USER"], "password": env["SMTP_TEST_PASSWORD"],
                "allow-untrusted-certificate": True,
            }, directory, screenshot=False)
            shoot(driver, directory, "probe-postfix-success")
            check(verdict == "Success", f"Postfix {port}, right password: verdict {verdict!r}")
        else:
            skip(f"Postfix cases SKIPPED: no Postfix on the port of {MAIL_ENV} (run scripts/mail-servers/setup.sh)")

        # Check a domain: the test zones of scripts/dns-server on 127.0.0.1.
        dns_port = os.environ.get("DNS_TEST_PORT", "5353")
        if dns_answers(dns_port):
            driver.get(url + "/check-domain")
            fill(driver, {"domain": "good.dnscheck.test"})
            shoot(driver, directory, "check-domain-form")
            driver.find_element(By.ID, "check-domain-submit").click()
            findings = wait_for(driver, "domain-check").text
            shoot(driver, directory, "check-domain-result")
            check("good.dnscheck.test" in findings and "MX" in findings.upper(), "check-domain: findings shown")
        else:
            skip(f"check-domain case SKIPPED: no test DNS server on 127.0.0.1:{dns_port} (scripts/dns-server/start.sh)")

        # Analyse a log.
        log = tempfile.NamedTemporaryFile("w", suffix=".log", delete=False)
        log.write(
            "Oct 11 10:00:01 mx postfix/smtp[123]: 4ABC123: to=<bob@example.org>, relay=mx.example.org[192.0.2.1]:25,"
            " delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.1] said: 550 5.1.1"
            " <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table"
            " (in reply to RCPT TO command))\n")
        log.close()
        driver.get(url + "/analyze")
        driver.find_element(By.ID, "file").send_keys(log.name)
        shoot(driver, directory, "analyze-form")
        driver.find_element(By.ID, "analyze-submit").click()
        analysis = wait_for(driver, "analysis").text
        shoot(driver, directory, "analyze-result")
        os.unlink(log.name)
        check("5.1.1" in analysis or "1 failure" in analysis.lower(), "analyze: the failure is reported")
    finally:
        driver.quit()

    log_text = open(arguments.serve_log).read()
    check(CANARY not in log_text, "the canary password is in no log line")
    check(all(CANARY not in page for page in pages_seen), "the canary password is in no page")
    check(log_text.count("request") >= 10, "every request is in the access log")
    if failures:
        print(f"{len(failures)} browser check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all browser checks passed")


if __name__ == "__main__":
    main()
