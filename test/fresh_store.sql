-- A fresh ticket store for a test: the extension dropped and created again,
-- so that its tables are empty and case numbers and ids start at 1.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ticket_sla CASCADE;
CREATE EXTENSION ticket_sla;
RESET client_min_messages;
