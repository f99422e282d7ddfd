-- Helpers of the tests (sql/calendar_io.sql, sql/contract_io.sql and the
-- ticket store's tests).

-- try_query(query): the text value the query returns or, when it fails,
-- "SQLSTATE: message (detail) [hint]", so that every bad input shows in one
-- row
CREATE FUNCTION try_query(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
	state text;
	message text;
	detail text;
	hint text;
BEGIN
	EXECUTE query INTO result;
	RETURN result;
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE,
		message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
		hint = PG_EXCEPTION_HINT;
	RETURN state || ': ' || message || coalesce(' (' || nullif(detail, '') || ')', '')
		|| coalesce(' [' || nullif(hint, '') || ']', '');
END $$;

-- recv_as(type, bytes): the text of the value that the type's receive
-- function makes of the bytes, fed to it by a binary COPY of a bytea
-- holding them (a failure undoes the table with the rest)
CREATE FUNCTION recv_as(type regtype, bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	file text := current_setting('data_directory') || '/recv_as.bin';
	result text;
BEGIN
	EXECUTE format('CREATE TEMP TABLE recv_target (v %s)', type);
	EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', bytes, file);
	EXECUTE format('COPY recv_target FROM %L (FORMAT binary)', file);
	SELECT v::text INTO result FROM recv_target;
	DROP TABLE recv_target;
	RETURN result;
END $$;

-- error_of(statement): "ok", or "SQLSTATE: message", with the column the
-- error names and its hint, when it has them
CREATE FUNCTION error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	state text;
	message text;
	col text;
	hint text;
BEGIN
	EXECUTE statement;
	RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		col = COLUMN_NAME, hint = PG_EXCEPTION_HINT;
	RETURN state || ': ' || message || coalesce(' [column ' || nullif(col, '') || ']', '')
		|| coalesce(' [' || nullif(hint, '') || ']', '');
END $$;
