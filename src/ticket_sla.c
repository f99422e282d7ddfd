/*
 * ticket_sla.c
 *		Module entry point of the ticket_sla extension.
 *
 * The README's "Operations" section lists every source file and its
 * concern: the calendar and contract types, the business-time arithmetic,
 * the SQL-callable functions, and the ticket store's triggers.
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
