"""test/drivers/drivers_common.py: what the two Python clients of
test/drivers (odbc_driver.py, psycopg_driver.py) share: the hand-worked
values of expected.properties, the checks and how they report, the
connection settings from the environment, and the read of every view of
the schema ticket_sla through a DB-API cursor (Jdbc.java and
node/pg_driver.mjs do the same in their languages).

Run by Debian's /usr/bin/python3, whose dist-packages hold the drivers."""

import datetime
import os
import sys
import zoneinfo

EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.properties")

# The query of every view of the schema (every_view.sql says what it gives).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "every_view.sql"),
          encoding="utf-8") as f:
    VIEWS = f.read()


def read_expected(path=EXPECTED):
    """"key = value" lines, "#" comments (the same reading in every client)"""
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip()
    return values


def env(name):
    value = os.environ.get(name)
    if value is None:
        raise SystemExit(f"{name} is not set")
    return value


class Checks:
    """The checks of one client: each failure a line, the exit status 1."""

    def __init__(self, name):
        self.name = name
        self.failures = []
        self.expected = read_expected()

    def want(self, key):
        if key not in self.expected:
            raise KeyError(f"no {key} in expected.properties")
        return self.expected[key]

    def check(self, what, got, wanted):
        if got != wanted:
            self.failures.append(f"{what}: got {got!r}, expected {wanted!r}")

    def instant(self, key):
        """an instant of expected.properties, aware"""
        return datetime.datetime.fromisoformat(self.want(key))

    def local(self, key):
        """the same as a naive wall-clock time in the sessions' zone"""
        zone = zoneinfo.ZoneInfo(self.want("timezone"))
        return self.instant(key).astimezone(zone).replace(tzinfo=None)

    def finish(self, summary):
        for failure in self.failures:
            print(f"{self.name}: FAIL {failure}", file=sys.stderr)
        if self.failures:
            sys.exit(1)
        print(f"{self.name}: {summary}")

    def read_every_view(self, cursor):
        """Every view: every value fetched and made a string, the columns
        the driver describes against the catalog's, the non-null values
        of each column against the server's count(column), the rows
        against expected.properties.  Returns (views, rows, values)."""
        cursor.execute(VIEWS)
        views = cursor.fetchall()
        rows = values = 0
        for view, columns, select, count in views:
            cursor.execute(count)
            counts = list(cursor.fetchone())
            cursor.execute(select)
            self.check(f"{view}: columns", len(cursor.description), columns)
            seen = [0] * (len(cursor.description) + 1)
            for row in cursor.fetchall():
                seen[0] += 1
                for i, value in enumerate(row, 1):
                    str(value)
                    seen[i] += value is not None
            self.check(f"{view}: rows and non-null values per column, the driver's "
                       "against the server's count", seen, counts)
            key = f"rows.{view}"
            if key not in self.expected:
                self.failures.append(f"view {view} has no {key} in expected.properties: "
                                     "work its rows out by hand")
            else:
                self.check(f"{view}: rows", seen[0], int(self.want(key)))
            rows += seen[0]
            values += sum(seen[1:])
        names = {view for view, *_ in views}
        for key in self.expected:
            if key.startswith("rows.") and key[5:] not in names:
                self.failures.append(f"no view {key[5:]} in the catalog")
        return len(views), rows, values
