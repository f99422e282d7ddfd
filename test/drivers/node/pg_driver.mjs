// test/drivers/node/pg_driver.mjs: the extension through node-postgres
// (the npm package pg, pinned by package-lock.json beside it), the
// PostgreSQL driver of Node.js applications and dashboards, and of a
// listener on ticket_sla_escalation.
//
// Why: node-postgres parses every result as text with its own parsers:
// timestamptz becomes a Date, interval an object of its parts, bigint and
// numeric strings, and a type it does not know (the extension's calendar
// and contract, its enums) a string.  Every view of ticket_sla is read, a
// calendar, a contract, an enum, business-time intervals and an instant
// are checked by hand, a ticket is inserted with bound parameters, and
// process_escalations, run as the admin at a past instant, fires its
// events: each NOTIFY's JSON payload is received by a reader's LISTEN and
// checked (../expected.properties, the values worked out by hand).
//
// Usage (test/check.sh runs it, after npm ci in this folder):
//   node test/drivers/node/pg_driver.mjs
// with the connection in DRIVERS_HOST, DRIVERS_PORT, DRIVERS_DATABASE,
// DRIVERS_PASSWORD and the roles DRIVERS_READER, DRIVERS_AGENT,
// DRIVERS_ADMIN.  Prints one summary line; exits 1 with a line per failed
// check, or with the error, otherwise.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';

const failures = [];

// "key = value" lines, "#" comments (the same reading in every client)
const expected = new Map();
for (let line of readFileSync(new URL('../expected.properties', import.meta.url), 'utf8').split('\n')) {
  line = line.trim();
  if (line === '' || line.startsWith('#')) continue;
  const eq = line.indexOf('=');
  expected.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
}

function want(key) {
  if (!expected.has(key)) throw new Error(`no ${key} in expected.properties`);
  return expected.get(key);
}

function check(what, got, wanted) {
  if (!isDeepStrictEqual(got, wanted))
    failures.push(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(wanted)}`);
}

function env(name) {
  if (process.env[name] === undefined) throw new Error(`${name} is not set`);
  return process.env[name];
}

const instant = (key) => new Date(want(key)).getTime();

// a session of the role over TCP, its TimeZone set and checked
async function connect(roleVariable) {
  const client = new pg.Client({
    host: env('DRIVERS_HOST'), port: Number(env('DRIVERS_PORT')), database: env('DRIVERS_DATABASE'),
    user: env(roleVariable), password: env('DRIVERS_PASSWORD'),
  });
  await client.connect();
  await client.query("SELECT set_config('TimeZone', $1, false)", [want('timezone')]);
  check(`${env(roleVariable)}'s TimeZone`, (await client.query('SHOW TimeZone')).rows[0].TimeZone,
        want('timezone'));
  return client;
}

// the query of every view of the schema (every_view.sql says what it gives)
const everyView = readFileSync(new URL('../every_view.sql', import.meta.url), 'utf8');

// Every view of the schema, as the catalog lists them: every value made a
// string, the columns the driver describes against the catalog's, the
// non-null values of each column against the server's count(column), the
// rows against expected.properties.
async function readEveryView(client) {
  const views = (await client.query({ rowMode: 'array', text: everyView })).rows;
  let rows = 0, values = 0;
  for (const [view, columns, select, count] of views) {
    const counts = (await client.query({ rowMode: 'array', text: count })).rows[0];
    const result = await client.query({ rowMode: 'array', text: select });
    check(`${view}: columns`, result.fields.length, columns);
    const seen = new Array(result.fields.length + 1).fill(0);
    for (const row of result.rows) {
      seen[0]++;
      row.forEach((value, i) => {
        String(value);
        if (value !== null) seen[i + 1]++;
      });
    }
    check(`${view}: rows and non-null values per column, the driver's against the server's count`,
          seen, counts);
    if (!expected.has(`rows.${view}`))
      failures.push(`view ${view} has no rows.${view} in expected.properties: work its rows out by hand`);
    else
      check(`${view}: rows`, seen[0], Number(want(`rows.${view}`)));
    rows += seen[0];
    values += seen.slice(1).reduce((a, b) => a + b, 0);
  }
  const names = new Set(views.map(([view]) => view));
  for (const key of expected.keys())
    if (key.startsWith('rows.') && !names.has(key.slice(5)))
      failures.push(`no view ${key.slice(5)} in the catalog`);
  return `${views.length} views, ${rows} rows, ${values} values`;
}

// an interval of postgres-interval, its total seconds (a month 30 days)
const seconds = (iv) =>
  (((iv.years ?? 0) * 12 + (iv.months ?? 0)) * 30 + (iv.days ?? 0)) * 86400 +
  (iv.hours ?? 0) * 3600 + (iv.minutes ?? 0) * 60 + (iv.seconds ?? 0) + (iv.milliseconds ?? 0) / 1000;

// a calendar bound as a parameter, a contract, an enum, a timestamptz and
// business-time intervals
async function checkValues(client) {
  const calendar = await client.query('SELECT $1::ticket_sla.calendar AS c', [want('calendar.input')]);
  check('calendar', calendar.rows[0].c, want('calendar.text'));
  const contract = await client.query('SELECT terms FROM ticket_sla.customer_terms');
  check('contract', contract.rows[0].terms, want('contract.text'));
  const status = (await client.query(`SELECT case_number, severity, response_due, response_remaining,
      response_used_pct FROM ticket_sla.sla_status`)).rows[0];
  check('sla_status.case_number', status.case_number, want('status.case_number'));
  check('sla_status.severity', status.severity, want('status.severity'));
  check('sla_status.response_due', status.response_due.getTime(), instant('status.response_due'));
  check('sla_status.response_remaining', seconds(status.response_remaining),
        Number(want('status.response_remaining.seconds')));
  check('sla_status.response_used_pct', status.response_used_pct, want('status.response_used_pct'));
  const breach = await client.query(`SELECT late_business FROM ticket_sla.breaches
      WHERE case_number = $1 AND target = 'response'`, [want('status.case_number')]);
  check('breaches.late_business', seconds(breach.rows[0].late_business),
        Number(want('breach.late_business.seconds')));
}

// The application's insert with bound parameters (opened_at a Date); the
// deadlines the trigger stamped read back with RETURNING.
async function checkInsert(client) {
  const row = (await client.query(`INSERT INTO ticket_sla.tickets
      (customer_id, summary, channel, severity, opened_at)
      VALUES ($1, $2, 'web', $3::ticket_sla.severity, $4)
      RETURNING ticket_id, case_number, opened_at, response_due, resolution_due`,
    [Number(want('insert.customer_id')), 'Opened through node-postgres', want('insert.severity'),
     new Date(want('insert.opened_at'))])).rows[0];
  check('insert ticket_id (bigint: a string)', row.ticket_id, want('insert.ticket_id'));
  check('insert case_number', row.case_number, want('insert.case_number'));
  for (const column of ['opened_at', 'response_due', 'resolution_due'])
    check(`insert ${column}`, row[column].getTime(), instant(`insert.${column}`));
}

// LISTEN as the reader; process_escalations as the admin at a past
// instant; the payloads received (within 10 s) in order against the
// hand-worked ones
async function checkNotifications(listener, admin) {
  const received = [];
  let wake = () => {};
  listener.on('notification', (n) => { received.push(n); wake(); });
  await listener.query('LISTEN ticket_sla_escalation');
  const fired = (await admin.query('SELECT ticket_sla.process_escalations($1) AS fired',
                                   [new Date(want('escalations.at'))])).rows[0].fired;
  check('process_escalations', fired, Number(want('escalations.fired')));
  const wanted = [];
  for (let i = 1; i <= fired; i++) wanted.push(JSON.parse(want(`notify.${i}`)));
  const deadline = Date.now() + 10000;
  while (received.length < wanted.length && Date.now() < deadline)
    await new Promise((resolve) => { wake = resolve; setTimeout(resolve, 100); });
  check('channels', [...new Set(received.map((n) => n.channel))], ['ticket_sla_escalation']);
  check('payloads', received.map((n) => JSON.parse(n.payload)), wanted);
  return received.length;
}

const version = JSON.parse(readFileSync(new URL('node_modules/pg/package.json', import.meta.url), 'utf8')).version;
const clients = [];
try {
  for (const role of ['DRIVERS_READER', 'DRIVERS_AGENT', 'DRIVERS_ADMIN'])
    clients.push(await connect(role));
  const [reader, agent, admin] = clients;
  const summary = await readEveryView(reader);
  await checkValues(reader);
  await checkInsert(agent);
  const notifications = await checkNotifications(reader, admin);
  for (const failure of failures) console.error(`node-postgres: FAIL ${failure}`);
  if (failures.length === 0) console.log(`node-postgres ${version}: ${summary}; ${notifications} notifications`);
  process.exitCode = failures.length === 0 ? 0 : 1;
} finally {
  await Promise.all(clients.map((c) => c.end()));
}
