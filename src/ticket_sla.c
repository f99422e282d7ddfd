/*
 * ticket_sla.c
 *		Module entry point of the ticket_sla extension.
 *
 * The sources are grouped by concern, one folder of src/ each, and every
 * file's header says what it is for:
 *
 *		engine/		business-time arithmetic and its SQL functions
 *		calendar/	the ticket_sla.calendar type
 *		holidays/	holiday rules, closed dates from iCalendar feeds
 *		contract/	the ticket_sla.contract type, its targets as instants
 *		store/		the ticket store: its triggers and index reads
 *		reports/	the arithmetic of the report rollups
 *		common/		what the others share: literals, binary form, dates
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
