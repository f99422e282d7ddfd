/*
 * ticket_sla.c
 *		Module entry point of the ticket_sla extension.
 *
 * The rest of the module: calendar.c (the calendar type's input and output),
 * zone.c (local time <-> UTC), business_time.c (the business-time
 * arithmetic) and functions.c (the SQL-callable functions).
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
