-- ticket_sla 0.5 -> 0.6: conversations and clocks.  Each section below
-- repeats, character for character, the definitions of sql/ticket_sla.sql
-- that 0.6 adds or changes, so that an updated database and a fresh one
-- have the same schema (test/t/003_upgrade.pl compares them).

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.6'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.
