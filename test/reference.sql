/*
 * test/reference.sql: a deliberately naive reference for ticket_sla, used in
 * randomized differential tests against the C extension.
 *
 * It shares nothing with the C code: no calendar literal parser, no C.  A
 * calendar is STRUCTURED data, and all time-zone work is done by PostgreSQL's
 * own timezone() (= "timestamp AT TIME ZONE tz"), multiranges and range_agg.
 * It walks dates one by one over a window around the instants; when an answer
 * is not inside the window it raises an error rather than guess.
 *
 * Calendar representation (jsonb):
 *   {
 *     "tz":     "Europe/Berlin",                       -- a zone name for timezone()
 *     "week":   {"1": [[32400, 64800]], ..., "7": []}, -- ISO weekday (1 = Mon .. 7 = Sun)
 *                                                      -- -> list of [start, end] pairs; a
 *                                                      -- missing key is an empty list
 *     "closed": ["2026-12-25", "2026-12-26"],          -- dates without their own ranges
 *     "open":   {"2026-12-24": [[32400, 46800]]}       -- dates whose ranges replace the week
 *   }
 * A pair [start, end] is in seconds after the local midnight of the date it
 * belongs to, 0 <= start < 86400, start < end < 2 * 86400 (end > 86400: the
 * range runs overnight into the next date).  "closed" and "open" may be
 * missing.  ticket_sla_ref.calendar(...) and ticket_sla_ref.day_ranges(...)
 * below build this from readable pieces; ticket_sla_ref.to_literal(cal)
 * writes the equivalent ticket_sla.calendar literal.
 *
 * Entry points: time_between(cal, a, b), deadline(cal, s, d), is_open(cal, t),
 * next_open(cal, t), intervals(cal, r), plus open_set(cal, from_day, to_day)
 * and ranges_of_day(cal, d).  random_cases(seed, n) draws test cases, each
 * with the structured calendar and the equivalent literal, e.g.
 *   SELECT c.* FROM ticket_sla_ref.random_cases(0.42, 1000) c
 *   WHERE ticket_sla.business_deadline(c.a, c.dur, c.literal::ticket_sla.calendar)
 *         IS DISTINCT FROM ticket_sla_ref.deadline(c.cal, c.a, c.dur);
 * Infinite instants are refused (except as a deadline's start) and so are
 * answers outside the search windows (about 10 years): an error, never a
 * guess.
 *
 * Instants are microsecond timestamptz; durations are measured in
 * microseconds (numeric) and only turned into an interval at the end, so
 * that no day part ever appears (timestamptz - timestamptz would justify
 * 24 h into '1 day').
 */

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS ticket_sla_ref CASCADE;
CREATE SCHEMA ticket_sla_ref;
SET search_path = ticket_sla_ref, pg_catalog;

------------------------------------------------------------------------------
-- Small helpers
------------------------------------------------------------------------------

-- Microseconds (numeric) -> interval with a time part only.  n * 1 us is
-- exact: the factor is an integer-valued float8 below 2^53.
CREATE FUNCTION us(n numeric) RETURNS interval
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT n::float8 * interval '1 microsecond'; END;

-- Real elapsed microseconds of a timestamptz range (extract(epoch) is exact
-- numeric in PostgreSQL 15).
CREATE FUNCTION len_us(r tstzrange) RETURNS numeric
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT (extract(epoch FROM upper(r)) - extract(epoch FROM lower(r))) * 1000000; END;

-- Local date of an instant in the calendar's zone.
CREATE FUNCTION local_date(cal jsonb, t timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT timezone(cal->>'tz', t)::date; END;

-- The instant of "date d, local clock at secs seconds after midnight",
-- resolved exactly as PostgreSQL resolves timestamp AT TIME ZONE.
CREATE FUNCTION image(cal jsonb, d date, secs int) RETURNS timestamptz
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT timezone(cal->>'tz', d::timestamp + secs * interval '1 second'); END;

-- Dates as jsonb keys, independent of DateStyle.
CREATE FUNCTION date_key(d date) RETURNS text
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT to_char(d, 'YYYY-MM-DD'); END;

------------------------------------------------------------------------------
-- Building calendars
------------------------------------------------------------------------------

-- '09:00-12:00,13:00-18:00' -> [[32400,43200],[46800,64800]], with the
-- literal's rule: an end not after its start means the next day
-- ('22:00-06:00' -> [79200,108000]); '00:00-24:00' is the whole day.
-- '' gives [].  Only a convenience for writing examples by hand.
CREATE FUNCTION day_ranges(spec text) RETURNS jsonb
LANGUAGE sql IMMUTABLE BEGIN ATOMIC
	SELECT coalesce(jsonb_agg(jsonb_build_array(s, CASE WHEN e <= s THEN e + 86400 ELSE e END)
	                          ORDER BY s), '[]')
	FROM regexp_split_to_table(nullif(spec, ''), '\s*,\s*') r,
	     LATERAL (SELECT extract(epoch FROM split_part(r, '-', 1)::interval)::int AS s,
	                     extract(epoch FROM split_part(r, '-', 2)::interval)::int AS e) x;
END;

-- calendar('Europe/Berlin', week => '{"1":"09:00-18:00", ...}', closed => ...,
--          open => '{"2026-12-24":"09:00-13:00"}'): week and open take the
-- readable day_ranges() strings.  weekdays => 'Mon-Fri' style shortcut:
-- calendar('UTC', '22:00-06:00', weekdays => '{1,2,3,4,5}').
CREATE FUNCTION calendar(tz text, hours text DEFAULT NULL, weekdays int[] DEFAULT '{1,2,3,4,5,6,7}',
                         week jsonb DEFAULT NULL, closed date[] DEFAULT '{}',
                         open jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE sql IMMUTABLE BEGIN ATOMIC
	SELECT jsonb_build_object(
		'tz', tz,
		'week', (SELECT coalesce(jsonb_object_agg(w, ranges), '{}')
		         FROM generate_series(1, 7) w,
		              LATERAL (SELECT day_ranges(coalesce(week->>w::text,
		                          CASE WHEN w = ANY (weekdays) THEN hours END, ''))) x(ranges)),
		'closed', (SELECT coalesce(jsonb_agg(date_key(c) ORDER BY c), '[]') FROM unnest(closed) c),
		'open', (SELECT coalesce(jsonb_object_agg(k, day_ranges(v)), '{}') FROM jsonb_each_text(open) o(k, v)));
END;

------------------------------------------------------------------------------
-- The open set
------------------------------------------------------------------------------

-- The ranges belonging to date d: its "open" entry if it has one, else none
-- if it is closed, else the weekly ranges of its ISO weekday.
CREATE FUNCTION ranges_of_day(cal jsonb, d date, OUT start_s int, OUT end_s int)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE BEGIN ATOMIC
	SELECT (r->>0)::int, (r->>1)::int
	FROM jsonb_array_elements(
		CASE WHEN coalesce(cal->'open', '{}') ? date_key(d) THEN cal->'open'->date_key(d)
		     WHEN coalesce(cal->'closed', '[]') ? date_key(d) THEN '[]'
		     ELSE coalesce(cal->'week'->extract(isodow FROM d)::text, '[]') END) r
	ORDER BY 1;
END;

-- Union over the dates from_day..to_day of the images of their ranges.  A
-- range whose image is empty or reversed (inside a spring-forward gap) adds
-- nothing.
CREATE FUNCTION open_set(cal jsonb, from_day date, to_day date) RETURNS tstzmultirange
LANGUAGE sql IMMUTABLE BEGIN ATOMIC
	SELECT coalesce(range_agg(tstzrange(lo, hi)), '{}')
	FROM generate_series(0, to_day - from_day) i,
	     LATERAL ranges_of_day(cal, from_day + i) r,
	     LATERAL (SELECT image(cal, from_day + i, r.start_s) AS lo,
	                     image(cal, from_day + i, r.end_s) AS hi) x
	WHERE lo < hi;
END;

-- A range of date D lies within [D 00:00, D+2 00:00) local, give or take a
-- DST shift of at most a few hours.  So for instants between the local
-- dates d1 and d2, the dates d1-3 .. d2+3 are all that matter; the
-- functions below use that window (or a doubling one when searching).

CREATE FUNCTION check_finite(VARIADIC ts timestamptz[]) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF EXISTS (SELECT FROM unnest(ts) t WHERE t IS NULL OR NOT isfinite(t)) THEN
		RAISE EXCEPTION 'ticket_sla_ref: infinite instants are not supported';
	END IF;
END $$;

------------------------------------------------------------------------------
-- The functions under test
------------------------------------------------------------------------------

-- Business time in microseconds: measure of open set ∩ [a, b), negative
-- when b < a.
CREATE FUNCTION between_us(cal jsonb, a timestamptz, b timestamptz) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
	PERFORM check_finite(a, b);
	IF b < a THEN
		RETURN -between_us(cal, b, a);
	END IF;
	RETURN coalesce((SELECT sum(len_us(r))
	                 FROM unnest(open_set(cal, local_date(cal, a) - 3, local_date(cal, b) + 3)
	                             * tstzmultirange(tstzrange(a, b))) r), 0);
END $$;

CREATE FUNCTION time_between(cal jsonb, a timestamptz, b timestamptz) RETURNS interval
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT us(between_us(cal, a, b)); END;

CREATE FUNCTION is_open(cal jsonb, t timestamptz) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
	PERFORM check_finite(t);
	RETURN open_set(cal, local_date(cal, t) - 3, local_date(cal, t) + 3) @> t;
END $$;

-- The open spans inside r: open set ∩ r, merged, in order.
CREATE FUNCTION intervals(cal jsonb, r tstzrange) RETURNS SETOF tstzrange
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
	IF isempty(r) THEN
		RETURN;
	END IF;
	PERFORM check_finite(lower(r), upper(r));
	RETURN QUERY SELECT unnest(open_set(cal, local_date(cal, lower(r)) - 3, local_date(cal, upper(r)) + 3)
	                           * tstzmultirange(r));
END $$;

-- The open set of the dates d1-3 .. d2, which is exact between floor_t =
-- local midnight starting d1-1 (ranges of dates before d1-3 have ended by
-- then) and ceil_t = local midnight starting d2 (ranges of dates after d2
-- have not begun).  Used by the searches below, which double the window
-- until the answer is inside [floor_t, ceil_t).
CREATE FUNCTION open_set_between(cal jsonb, d1 date, d2 date, OUT s tstzmultirange, OUT floor_t timestamptz,
                                 OUT ceil_t timestamptz)
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT open_set(cal, d1 - 3, d2), image(cal, d1 - 1, 0), image(cal, d2, 0); END;

-- t if open, else the next opening instant (lower bound of the next
-- component of the open set).
CREATE FUNCTION next_open(cal jsonb, t timestamptz) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	w record;
	found timestamptz;
BEGIN
	IF is_open(cal, t) THEN
		RETURN t;
	END IF;
	FOR k IN 0..9 LOOP
		w := open_set_between(cal, local_date(cal, t), local_date(cal, t) + (7 << k));
		-- t is closed, so the first component after t is a whole one.
		found := (SELECT lower(r) FROM unnest(w.s * tstzmultirange(tstzrange(t, w.ceil_t))) r
		          ORDER BY r LIMIT 1);
		IF found IS NOT NULL THEN
			RETURN found;
		END IF;
	END LOOP;
	RAISE EXCEPTION 'ticket_sla_ref.next_open: no opening within % days of %', 7 << 9, t;
END $$;

-- Earliest t >= s with between(s, t) >= want (want >= 0): walk the open
-- components after s, spending want.  Landing exactly at a component's end
-- gives that closing instant.
CREATE FUNCTION forward(cal jsonb, s timestamptz, want numeric) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	w record;
	r tstzrange;
	remaining numeric;
BEGIN
	IF want <= 0 THEN
		RETURN s;
	END IF;
	FOR k IN 0..9 LOOP
		w := open_set_between(cal, local_date(cal, s), local_date(cal, s) + (7 << k));
		remaining := want;
		FOR r IN SELECT x FROM unnest(w.s * tstzmultirange(tstzrange(s, w.ceil_t))) x ORDER BY x LOOP
			IF remaining <= len_us(r) THEN
				RETURN lower(r) + us(remaining);
			END IF;
			remaining := remaining - len_us(r);
		END LOOP;
	END LOOP;
	RAISE EXCEPTION 'ticket_sla_ref.forward: deadline not within % days of %', 7 << 9, s;
END $$;

-- Latest t <= s with between(t, s) >= want (want >= 0): the mirror image.
CREATE FUNCTION backward(cal jsonb, s timestamptz, want numeric) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	w record;
	r tstzrange;
	remaining numeric;
BEGIN
	IF want <= 0 THEN
		RETURN s;
	END IF;
	FOR k IN 0..9 LOOP
		-- d1 - 3 .. d2 must cover s's date + 3 so nothing after s is missing;
		-- only the part before s is used.
		w := open_set_between(cal, local_date(cal, s) - (7 << k), local_date(cal, s) + 3);
		remaining := want;
		FOR r IN SELECT x FROM unnest(w.s * tstzmultirange(tstzrange(w.floor_t, s))) x ORDER BY x DESC LOOP
			IF remaining <= len_us(r) THEN
				RETURN upper(r) - us(remaining);
			END IF;
			remaining := remaining - len_us(r);
		END LOOP;
	END LOOP;
	RAISE EXCEPTION 'ticket_sla_ref.backward: deadline not within % days of %', 7 << 9, s;
END $$;

-- Business days: dates with a non-empty range list.  open(B) is the image
-- of its smallest range start, close(B) of its largest range end.
CREATE FUNCTION day_open(cal jsonb, b date) RETURNS timestamptz
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT image(cal, b, min(start_s)) FROM ranges_of_day(cal, b); END;

CREATE FUNCTION day_close(cal jsonb, b date) RETURNS timestamptz
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT image(cal, b, max(end_s)) FROM ranges_of_day(cal, b); END;

CREATE FUNCTION is_business_day(cal jsonb, b date) RETURNS boolean
LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT EXISTS (SELECT FROM ranges_of_day(cal, b)); END;

-- The day step of a deadline: n business days from s (n <> 0).
CREATE FUNCTION add_business_days(cal jsonb, s timestamptz, n int) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	max_walk constant int := 3000;	-- dates; an error beyond this
	b0 date;
	bn date;
	at_end boolean;
	p numeric;
	counted int := 0;
BEGIN
	-- B0: the latest business day that opened at or before s.  A date two
	-- days after s's local date opens after s, so start there and go back.
	FOR i IN 0..max_walk LOOP
		b0 := local_date(cal, s) + 2 - i;
		EXIT WHEN is_business_day(cal, b0) AND day_open(cal, b0) <= s;
		b0 := NULL;
	END LOOP;
	IF b0 IS NULL THEN
		RAISE EXCEPTION 'ticket_sla_ref.add_business_days: no business day before %', s;
	END IF;

	-- The start counts as the end of B0 once B0 has closed, else it is the
	-- position p (business time since B0 opened).
	at_end := s >= day_close(cal, b0);
	IF NOT at_end THEN
		p := between_us(cal, day_open(cal, b0), s);
	END IF;

	-- Bn: the |n|-th business day after (n > 0) or before (n < 0) B0.
	bn := b0;
	FOR i IN 1..max_walk LOOP
		bn := bn + sign(n)::int;
		IF is_business_day(cal, bn) THEN
			counted := counted + 1;
			EXIT WHEN counted = abs(n);
		END IF;
	END LOOP;
	IF counted < abs(n) THEN
		RAISE EXCEPTION 'ticket_sla_ref.add_business_days: fewer than % business days near %', abs(n), s;
	END IF;

	-- Same position in Bn, or its close when Bn is too short for it.
	IF at_end OR p >= between_us(cal, day_open(cal, bn), day_close(cal, bn)) THEN
		RETURN day_close(cal, bn);
	END IF;
	RETURN forward(cal, day_open(cal, bn), p);
END $$;

-- The deadline: the days part counts business days, then the time part
-- counts business time forward (> 0) or backward (< 0).
CREATE FUNCTION deadline(cal jsonb, s timestamptz, d interval) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	n_days int := extract(day FROM d);
	-- the time part alone; no justify, so '27 hours' stays 27 hours
	t_us numeric := extract(epoch FROM d - make_interval(days => extract(day FROM d)::int)) * 1000000;
BEGIN
	IF extract(year FROM d) <> 0 OR extract(month FROM d) <> 0 THEN
		RAISE EXCEPTION 'ticket_sla_ref.deadline: months are not supported';
	END IF;
	IF NOT isfinite(s) THEN
		RETURN s;
	END IF;
	IF n_days <> 0 THEN
		s := add_business_days(cal, s, n_days);
	END IF;
	IF t_us > 0 THEN
		RETURN forward(cal, s, t_us);
	ELSIF t_us < 0 THEN
		RETURN backward(cal, s, -t_us);
	END IF;
	RETURN s;
END $$;

------------------------------------------------------------------------------
-- The equivalent ticket_sla.calendar literal
------------------------------------------------------------------------------

-- Seconds after midnight as HH:MM or HH:MM:SS.
CREATE FUNCTION hms(secs int) RETURNS text
LANGUAGE sql IMMUTABLE BEGIN ATOMIC
	SELECT lpad((secs / 3600)::text, 2, '0') || ':' || lpad((secs / 60 % 60)::text, 2, '0')
	       || CASE WHEN secs % 60 <> 0 THEN ':' || lpad((secs % 60)::text, 2, '0') ELSE '' END;
END;

-- A range list as '09:00-12:00,22:00-06:00'.  An end past midnight is
-- written as the next day's clock time (end not after start = overnight);
-- the whole day is '00:00-24:00'.
CREATE FUNCTION ranges_literal(ranges jsonb) RETURNS text
LANGUAGE sql IMMUTABLE BEGIN ATOMIC
	SELECT string_agg(hms(s) || '-' || CASE WHEN s = 0 AND e = 86400 THEN '24:00' ELSE hms(e % 86400) END,
	                  ',' ORDER BY s)
	FROM jsonb_array_elements(ranges) r, LATERAL (SELECT (r->>0)::int s, (r->>1)::int e) x;
END;

CREATE FUNCTION to_literal(cal jsonb) RETURNS text
LANGUAGE sql IMMUTABLE BEGIN ATOMIC
	SELECT concat_ws('; ',
		(SELECT string_agg((ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'])[w] || ' ' || ranges_literal(cal->'week'->w::text), '; ' ORDER BY w)
		 FROM generate_series(1, 7) w WHERE jsonb_array_length(coalesce(cal->'week'->w::text, '[]')) > 0),
		'tz ' || (cal->>'tz'),
		(SELECT 'closed ' || string_agg(c, ', ' ORDER BY c) FROM jsonb_array_elements_text(coalesce(cal->'closed', '[]')) c),
		(SELECT string_agg('open ' || k || ' ' || ranges_literal(v), '; ' ORDER BY k) FROM jsonb_each(coalesce(cal->'open', '{}')) o(k, v)));
END;

------------------------------------------------------------------------------
-- Random cases for the differential test (deterministic after setseed())
------------------------------------------------------------------------------

CREATE FUNCTION rnd(lo int, hi int) RETURNS int	-- uniform in [lo, hi]
LANGUAGE sql VOLATILE AS $$ SELECT lo + floor(random() * (hi - lo + 1))::int $$;

CREATE FUNCTION pick(a anyarray) RETURNS anyelement
LANGUAGE sql VOLATILE AS $$ SELECT a[1 + floor(random() * cardinality(a))::int] $$;

-- One day's ranges: 0-3 of them, sorted, neither overlapping nor touching
-- in the [0, 2 days) frame (so the literal's own merging keeps them as
-- they are), the last one possibly overnight; sometimes the whole day.
CREATE FUNCTION random_day(min_ranges int DEFAULT 0) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	unit int := pick('{3600,3600,1800,900,60,60,1}'::int[]);	-- mostly round times (hit DST hours)
	n int := rnd(min_ranges, 3);
	cur int;
	st int;
	en int;
	res jsonb := '[]';
BEGIN
	IF random() < 0.08 THEN
		RETURN '[[0, 86400]]';
	END IF;
	cur := rnd(0, 16 * 3600 / unit) * unit;
	FOR i IN 1..n LOOP
		st := cur + CASE WHEN i = 1 THEN 0 ELSE rnd(1, 4 * 3600 / unit) * unit END;
		EXIT WHEN st >= 86400;
		-- mostly up to 12 hours, sometimes nearly a whole day (overnight)
		en := st + rnd(1, (CASE WHEN random() < 0.2 THEN 86399 ELSE 12 * 3600 END) / unit) * unit;
		en := least(en, st + 86399);	-- an overnight end is a clock time before start
		res := res || jsonb_build_array(jsonb_build_array(st, en));
		cur := en + unit;				-- the next one starts strictly later
	END LOOP;
	IF jsonb_array_length(res) < min_ranges THEN
		RETURN '[[32400, 46800]]';
	END IF;
	RETURN res;
END $$;

-- A random calendar whose dated exceptions cluster around focus.
CREATE FUNCTION random_calendar(focus date, OUT cal jsonb, OUT literal text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	week jsonb := '{}';
	closed jsonb := '[]';
	open jsonb := '{}';
	d text;
BEGIN
	FOR w IN 1..7 LOOP
		week := week || jsonb_build_object(w, CASE WHEN random() < 0.2 THEN '[]' ELSE random_day() END);
	END LOOP;
	-- At least 2 hours a week, so that the longest durations (~120 h plus
	-- 10 days) end within the reference's search window of ~10 years.
	IF (SELECT coalesce(sum((r->>1)::int - (r->>0)::int), 0)
	    FROM jsonb_each(week) e(k, v), jsonb_array_elements(v) r) < 7200 THEN
		week := week || '{"1": [[32400, 61200]]}';
	END IF;
	FOR i IN 1..rnd(0, 6) LOOP
		d := date_key(focus + rnd(-10, 10));
		IF NOT closed ? d THEN
			closed := closed || to_jsonb(d);
		END IF;
	END LOOP;
	FOR i IN 1..rnd(0, 3) LOOP
		d := date_key(focus + rnd(-10, 10));
		IF NOT closed ? d THEN	-- a date cannot be both closed and opened
			open := open || jsonb_build_object(d, random_day(1));
		END IF;
	END LOOP;
	cal := jsonb_build_object('tz', pick('{UTC,GMT,Europe/Berlin,America/New_York,Europe/London,Australia/Sydney,Asia/Kolkata,America/Sao_Paulo}'::text[]),
	                          'week', week,
	                          'closed', (SELECT coalesce(jsonb_agg(c ORDER BY c), '[]') FROM jsonb_array_elements(closed) c),
	                          'open', open);
	literal := to_literal(cal);
END $$;

-- A random instant near focus: often exactly on (or a hair off) a range
-- boundary, sometimes with microseconds, sometimes anywhere in the window.
CREATE FUNCTION random_instant(cal jsonb, focus date) RETURNS timestamptz
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	x float8 := random();
	d date := focus + rnd(-10, 10);
	b int;
BEGIN
	IF x < 0.45 THEN
		SELECT pick(array_agg(v)) INTO b
		FROM ranges_of_day(cal, d) r, LATERAL (VALUES (r.start_s), (r.end_s)) v(v);
		IF b IS NOT NULL THEN
			RETURN image(cal, d, b) + pick('{0,0,0,0,1000000,-1000000,1,-1}'::int[]) * interval '1 microsecond';
		END IF;
	END IF;
	IF x < 0.85 THEN
		RETURN image(cal, d, 0) + rnd(0, 86399) * interval '1 second'
		       + CASE WHEN random() < 0.1 THEN rnd(0, 999999) * interval '1 microsecond' ELSE '0' END;
	END IF;
	RETURN timestamptz '2026-02-15 00:00Z' + rnd(0, 303 * 86400 - 1) * interval '1 second';
END $$;

-- A random duration: 0, +-hours (to ~120 h), +-days (-10..10), or both.
CREATE FUNCTION random_duration() RETURNS interval
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	x float8 := random();
	unit int := pick('{3600,3600,60,1}'::int[]);
	t interval := rnd(-120 * 3600 / unit, 120 * 3600 / unit) * unit * interval '1 second';
BEGIN
	IF x < 0.08 THEN
		RETURN interval '0';
	ELSIF x < 0.45 THEN
		RETURN t;
	ELSIF x < 0.75 THEN
		RETURN make_interval(days => rnd(-10, 10));
	END IF;
	RETURN make_interval(days => rnd(-10, 10)) + rnd(-48 * 3600 / unit, 48 * 3600 / unit) * unit * interval '1 second';
END $$;

-- n random cases, deterministic for a given seed (in [-1, 1]): a calendar
-- (structured and literal), two instants, a duration and a range (a, b
-- in order).  Half of the focus dates sit near a 2026 DST change.
CREATE FUNCTION random_cases(seed float8, n int)
RETURNS TABLE (case_no int, cal jsonb, literal text, a timestamptz, b timestamptz, dur interval, during tstzrange)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	focus date;
	x timestamptz;
	y timestamptz;
BEGIN
	PERFORM setseed(seed);
	FOR i IN 1..n LOOP
		focus := CASE WHEN random() < 0.5
		              THEN pick('{2026-03-08,2026-03-29,2026-04-05,2026-10-04,2026-10-25,2026-11-01}'::date[]) + rnd(-3, 3)
		              ELSE date '2026-02-25' + rnd(0, 283) END;
		SELECT * INTO cal, literal FROM random_calendar(focus);
		x := random_instant(cal, focus);
		y := random_instant(cal, focus);
		case_no := i;
		a := x;
		b := y;
		dur := random_duration();
		during := tstzrange(least(x, y), greatest(x, y), pick('{[),[],(),(]}'::text[]));
		RETURN NEXT;
	END LOOP;
END $$;

-- The SQL functions above have SQL-standard bodies (BEGIN ATOMIC), bound
-- to their siblings when created and still inlinable; the PL/pgSQL ones
-- find their siblings through a fixed search_path, whatever the caller's.
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT oid FROM pg_proc
	         WHERE pronamespace = 'ticket_sla_ref'::regnamespace AND prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql') LOOP
		EXECUTE format('ALTER FUNCTION %s SET search_path = ticket_sla_ref, pg_catalog', f);
	END LOOP;
END $$;

RESET search_path;
RESET client_min_messages;
