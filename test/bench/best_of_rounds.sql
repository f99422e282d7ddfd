-- Included by the benchmark scripts: times SELECT count(expr) FROM starts for
-- every row (name, expr) of the temporary table "measured", in rounds of
-- every query in turn, so that a slow spell of the machine hits them all
-- alike; each query's best round is left in the temporary table "best".
CREATE TEMP TABLE timings (name text, secs float8);
DO $$
DECLARE
    m record;
    t0 timestamptz;
BEGIN
    FOR round IN 1..7 LOOP
        FOR m IN SELECT * FROM measured LOOP
            t0 := clock_timestamp();
            EXECUTE format('SELECT count(%s) FROM starts', m.expr);
            INSERT INTO timings VALUES (m.name, extract(epoch FROM clock_timestamp() - t0));
        END LOOP;
    END LOOP;
END $$;
CREATE TEMP TABLE best AS SELECT name, min(secs) AS secs FROM timings GROUP BY name;
