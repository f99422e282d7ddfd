-- Included by the benchmark scripts: times SELECT count(expr) FROM source
-- for every row (name, expr[, source]) of the temporary table "measured"
-- (source, when the table has that column, is what the query reads, by
-- default the table starts), in rounds of every query in turn, so that a
-- slow spell of the machine hits them all alike; each query's best round is
-- left in the temporary table "best".
CREATE TEMP TABLE timings (name text, secs float8);
DO $$
DECLARE
    m record;
    t0 timestamptz;
BEGIN
    FOR round IN 1..7 LOOP
        FOR m IN SELECT * FROM measured LOOP
            t0 := clock_timestamp();
            EXECUTE format('SELECT count(%s) FROM %s', m.expr,
                           coalesce(to_jsonb(m) ->> 'source', 'starts'));
            INSERT INTO timings VALUES (m.name, extract(epoch FROM clock_timestamp() - t0));
        END LOOP;
    END LOOP;
END $$;
CREATE TEMP TABLE best AS SELECT name, min(secs) AS secs FROM timings GROUP BY name;
