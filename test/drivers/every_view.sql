-- test/drivers/every_view.sql: the views every client of test/drivers
-- reads, as the catalog lists them (so that a view or column added later
-- is read too): each view (or materialized view) of the schema ticket_sla
-- with its number of columns, the query of its rows, and the query of the
-- server's count of rows and of non-null values per column, which the
-- client compares with what its driver read.  Integers, not bigint (which
-- node-postgres reads as strings).
SELECT c.relname, count(*)::integer,
       format('SELECT * FROM ticket_sla.%I', c.relname),
       format('SELECT count(*)::integer, %s FROM ticket_sla.%I',
              string_agg(format('count(%I)::integer', a.attname), ', ' ORDER BY a.attnum), c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = 'ticket_sla' AND c.relkind IN ('v', 'm')
GROUP BY c.relname ORDER BY c.relname
