"""test/drivers/odbc_driver.py: the extension through ODBC, as Excel,
Power BI, Tableau and other ODBC clients reach PostgreSQL: psqlODBC
(Debian 12's odbc-postgresql, registered in /etc/odbcinst.ini as
"PostgreSQL Unicode") under unixODBC, driven by pyodbc (python3-pyodbc).

Why: psqlODBC describes every column to the client as an ODBC SQL type;
a type it does not know (the extension's calendar and contract, its
enums) becomes a character column whose length it guesses (255 by
default), an interval arrives as text and a timestamptz as a wall-clock
time without offset, in the session's zone.  Every view of ticket_sla is
read, a calendar, a contract, an enum, business-time intervals and an
instant are checked by hand, and a ticket is inserted with bound
parameters (expected.properties; drivers_common.py).

Usage (test/check.sh runs it): /usr/bin/python3 test/drivers/odbc_driver.py,
with the connection in DRIVERS_HOST, DRIVERS_PORT, DRIVERS_DATABASE,
DRIVERS_PASSWORD, DRIVERS_READER, DRIVERS_AGENT.  A DSN-less connection
string: no odbc.ini is needed."""

import pyodbc

from drivers_common import Checks, env

checks = Checks("odbc")
want = checks.want


def connect(role_variable):
    """A session of the role over TCP, autocommit, its TimeZone set and
    checked."""
    conn = pyodbc.connect(
        "Driver={PostgreSQL Unicode};"
        f"Server={env('DRIVERS_HOST')};Port={env('DRIVERS_PORT')};"
        f"Database={env('DRIVERS_DATABASE')};Uid={env(role_variable)};Pwd={env('DRIVERS_PASSWORD')};",
        autocommit=True)
    cursor = conn.cursor()
    cursor.execute("SELECT set_config('TimeZone', ?, false)", want("timezone"))
    cursor.execute("SHOW TimeZone")
    checks.check(f"{env(role_variable)}'s TimeZone", cursor.fetchone()[0], want("timezone"))
    return conn


def check_own_types(cursor):
    """a calendar bound as a parameter, the contract of customer_terms
    (longer than psqlODBC's 255 characters of an unknown type)"""
    cursor.execute("SELECT ?::ticket_sla.calendar", want("calendar.input"))
    checks.check("calendar", cursor.fetchone()[0], want("calendar.text"))
    cursor.execute("SELECT terms FROM ticket_sla.customer_terms")
    checks.check("contract", cursor.fetchone()[0], want("contract.text"))


def check_status_and_breach(cursor):
    """an enum, a timestamptz (a naive time in the session's zone) and
    business-time intervals (text)"""
    cursor.execute("SELECT case_number, severity, response_due, response_remaining, "
                   "response_used_pct FROM ticket_sla.sla_status")
    case_number, severity, due, remaining, used = cursor.fetchone()
    checks.check("sla_status.case_number", case_number, want("status.case_number"))
    checks.check("sla_status.severity", severity, want("status.severity"))
    checks.check("sla_status.response_due", due, checks.local("status.response_due"))
    checks.check("sla_status.response_remaining", remaining, want("status.response_remaining.text"))
    checks.check("sla_status.response_used_pct", str(used), want("status.response_used_pct"))
    cursor.execute("SELECT late_business FROM ticket_sla.breaches WHERE case_number = ? "
                   "AND target = 'response'", want("status.case_number"))
    checks.check("breaches.late_business", cursor.fetchone()[0], want("breach.late_business.text"))


def check_insert(cursor):
    """The application's insert with bound parameters: the severity cast
    (psqlODBC binds text), opened_at a wall-clock time of the session's
    zone (an ODBC timestamp has no offset); the deadlines the trigger
    stamped read back with RETURNING."""
    cursor.execute("INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at) "
                   "VALUES (?, ?, 'web', ?::ticket_sla.severity, ?) "
                   "RETURNING ticket_id, case_number, opened_at, response_due, resolution_due",
                   int(want("insert.customer_id")), "Opened through ODBC", want("insert.severity"),
                   checks.local("insert.opened_at"))
    row = cursor.fetchone()
    checks.check("insert ticket_id", row.ticket_id, int(want("insert.ticket_id")))
    checks.check("insert case_number", row.case_number, want("insert.case_number"))
    for column in ("opened_at", "response_due", "resolution_due"):
        checks.check(f"insert {column}", getattr(row, column), checks.local(f"insert.{column}"))


reader = connect("DRIVERS_READER").cursor()
views, rows, values = checks.read_every_view(reader)
check_own_types(reader)
check_status_and_breach(reader)
check_insert(connect("DRIVERS_AGENT").cursor())
checks.finish(f"{views} views, {rows} rows, {values} values")
