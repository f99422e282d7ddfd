-- ticket_sla 0.2 -> 0.3: pg_dump keeps the ticket store.

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.3'" to load this file. \quit

------------------------------------------------------------------------------
-- The store in dumps
--
-- pg_dump writes an extension as one CREATE EXTENSION and leaves out its
-- objects, rows included, except those marked as configuration.  Every table
-- of the store and every sequence behind it is marked, all rows kept: a dump
-- then restores the contracts, their terms, the customers and contacts, the
-- tickets with their stamped deadlines and case numbers, the quotas taken,
-- the clocks' ledger and the escalations fired, and the next ticket, case
-- and contract take the next numbers.
--
-- A restore must not fire the store's triggers on the rows it copies in
-- (they would stamp the tickets again and add a version of every
-- contract's terms): run pg_restore with triggers off, as a superuser,
--   PGOPTIONS='-c session_replication_role=replica' pg_restore ...
-- The README's "Operations" section shows the whole procedure.
------------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contracts', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contract_terms', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.customers', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contacts', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.premium_requests', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.tickets', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.clock_segments', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.escalations', '');

SELECT pg_catalog.pg_extension_config_dump('ticket_sla.case_number_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contracts_contract_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contract_terms_terms_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.customers_customer_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contacts_contact_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.tickets_ticket_id_seq', '');
