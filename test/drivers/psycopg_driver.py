"""test/drivers/psycopg_driver.py: the extension through psycopg 3
(Debian 12's python3-psycopg, 3.1), the PostgreSQL driver of Python
applications, and of a listener on ticket_sla_escalation (a mailer, a
chat bot).

Why: psycopg 3 binds parameters on the server (no client-side quoting as
psycopg2) and reads results as text or, with a binary cursor, in the
types' binary forms: the extension's calendar and contract arrive then as
their binary form (a version byte and the canonical text) and its enums
as bytes, which an application gets unless it registers them.  Every view
of ticket_sla is read both ways, a calendar, a contract, an enum,
business-time intervals and an instant are checked by hand, a ticket is
inserted with bound parameters, and process_escalations, run as the admin
at a past instant, fires its events: each NOTIFY's JSON payload is
received by a reader's LISTEN and checked (expected.properties;
drivers_common.py).

Usage (test/check.sh runs it): /usr/bin/python3 test/drivers/psycopg_driver.py,
with the connection in DRIVERS_HOST, DRIVERS_PORT, DRIVERS_DATABASE,
DRIVERS_PASSWORD and the roles DRIVERS_READER, DRIVERS_AGENT, DRIVERS_ADMIN."""

import json
import time

import psycopg

from drivers_common import Checks, env

checks = Checks("psycopg")
want = checks.want


def connect(role_variable):
    """A session of the role over TCP, autocommit, its TimeZone set and
    checked."""
    conn = psycopg.connect(host=env("DRIVERS_HOST"), port=env("DRIVERS_PORT"),
                           dbname=env("DRIVERS_DATABASE"), user=env(role_variable),
                           password=env("DRIVERS_PASSWORD"), autocommit=True)
    conn.execute("SELECT set_config('TimeZone', %s, false)", [want("timezone")])
    checks.check(f"{env(role_variable)}'s TimeZone",
                 conn.execute("SHOW TimeZone").fetchone()[0], want("timezone"))
    return conn


def check_own_types(cursor, binary, mode):
    """a calendar bound as a parameter, the contract of customer_terms"""
    version = bytes([int(want("binary.version"))]) if binary else b""
    for what, sql, params, key in (
            ("calendar", "SELECT %s::ticket_sla.calendar", [want("calendar.input")], "calendar.text"),
            ("contract", "SELECT terms FROM ticket_sla.customer_terms", None, "contract.text")):
        cursor.execute(sql, params)
        value = cursor.fetchone()[0]
        wanted = version + want(key).encode() if binary else want(key)
        checks.check(f"{mode} {what}", value, wanted)


def check_status_and_breach(cursor, binary, mode):
    """an enum, a timestamptz (an aware datetime) and business-time
    intervals (timedelta), and the format the values came in"""
    cursor.execute("SELECT case_number, severity, response_due, response_remaining, "
                   "response_used_pct FROM ticket_sla.sla_status")
    case_number, severity, due, remaining, used = cursor.fetchone()
    checks.check(f"{mode} result format (1: binary)", cursor.pgresult.fformat(2), int(binary))
    checks.check(f"{mode} sla_status.case_number", case_number, want("status.case_number"))
    checks.check(f"{mode} sla_status.severity", severity,
                 want("status.severity").encode() if binary else want("status.severity"))
    checks.check(f"{mode} sla_status.response_due", due, checks.instant("status.response_due"))
    checks.check(f"{mode} sla_status.response_due's zone", str(due.tzinfo), want("timezone"))
    checks.check(f"{mode} sla_status.response_remaining", remaining.total_seconds(),
                 float(want("status.response_remaining.seconds")))
    checks.check(f"{mode} sla_status.response_used_pct", str(used), want("status.response_used_pct"))
    cursor.execute("SELECT late_business FROM ticket_sla.breaches WHERE case_number = %s "
                   "AND target = 'response'", [want("status.case_number")])
    checks.check(f"{mode} breaches.late_business", cursor.fetchone()[0].total_seconds(),
                 float(want("breach.late_business.seconds")))


def check_insert(conn):
    """The application's insert with bound parameters (opened_at an aware
    datetime); the deadlines the trigger stamped read back with
    RETURNING."""
    row = conn.execute(
        "INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at) "
        "VALUES (%s, %s, 'web', %s::ticket_sla.severity, %s) "
        "RETURNING ticket_id, case_number, opened_at, response_due, resolution_due",
        [int(want("insert.customer_id")), "Opened through psycopg", want("insert.severity"),
         checks.instant("insert.opened_at")]).fetchone()
    checks.check("insert ticket_id", row[0], int(want("insert.ticket_id")))
    checks.check("insert case_number", row[1], want("insert.case_number"))
    for i, column in enumerate(("opened_at", "response_due", "resolution_due"), 2):
        checks.check(f"insert {column}", row[i], checks.instant(f"insert.{column}"))


def check_notifications(listener, admin):
    """LISTEN as the reader; process_escalations as the admin, at a past
    instant; the payloads received (polled by a query at most 10 s) in
    order against the hand-worked ones"""
    received = []
    listener.add_notify_handler(lambda n: received.append((n.channel, n.payload)))
    listener.execute("LISTEN ticket_sla_escalation")
    fired = admin.execute("SELECT ticket_sla.process_escalations(%s)",
                          [checks.instant("escalations.at")]).fetchone()[0]
    checks.check("process_escalations", fired, int(want("escalations.fired")))
    wanted = [json.loads(want(f"notify.{i}")) for i in range(1, fired + 1)]
    deadline = time.monotonic() + 10
    while len(received) < len(wanted) and time.monotonic() < deadline:
        listener.execute("SELECT 1")
        time.sleep(0.05)
    checks.check("channels", {channel for channel, _ in received}, {"ticket_sla_escalation"})
    checks.check("payloads", [json.loads(payload) for _, payload in received], wanted)
    return len(received)


reader = connect("DRIVERS_READER")
summary = []
for binary in (False, True):
    mode = "binary" if binary else "text"
    cursor = reader.cursor(binary=binary)
    views, rows, values = checks.read_every_view(cursor)
    summary.append(f"{mode}: {views} views, {rows} rows, {values} values")
    check_own_types(cursor, binary, mode)
    check_status_and_breach(cursor, binary, mode)
check_insert(connect("DRIVERS_AGENT"))
received = check_notifications(reader, connect("DRIVERS_ADMIN"))
checks.finish("; ".join(summary) + f"; {received} notifications")
