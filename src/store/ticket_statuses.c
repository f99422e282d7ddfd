/*
 * ticket_statuses.c
 *		The statuses of ticket_sla.stamp_ticket() (ticket_stamping.h): the
 *		rows of ticket_sla.statuses, read once per statement, and what the
 *		status of a row does to the resolution clock.
 *
 * Statuses are data an admin extends, each with its clock effect (running,
 * paused, stopped).  The trigger needs the effect of every row's status,
 * old and new; one query per row would cost more than the rest of the
 * trigger, so the statement reads the whole (small) table once, under its
 * snapshot, as the store's other tables are read (store.c): a statement
 * sees the statuses as they were when it started.  A status in use cannot
 * change its effect (the trigger guard_statuses refuses it), so an effect
 * read for the old row is the one its paused time was counted by.
 *
 * The trigger runs before the foreign key of tickets.status is checked: an
 * unknown status is refused here, with the known ones in the hint.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "common/scan.h"
#include "store/ticket_stamping.h"
#include "store/trigger_support.h"

/* One row of ticket_sla.statuses */
struct StatusClock
{
	text	   *status;
	ClockState clock;
};

/* Statuses in the order of their names (bytes), for the search and the hint */
static int
status_order(const void *a, const void *b)
{
	const text *x = ((const StatusClock *) a)->status;
	const text *y = ((const StatusClock *) b)->status;
	int			cmp = memcmp(VARDATA_ANY(x), VARDATA_ANY(y),
							 Min(VARSIZE_ANY_EXHDR(x), VARSIZE_ANY_EXHDR(y)));

	return cmp != 0 ? cmp : (int) VARSIZE_ANY_EXHDR(x) - (int) VARSIZE_ANY_EXHDR(y);
}

/* The clock effect of a label of ticket_sla.clock_effect, given two of its three */
static ClockState
clock_of(Oid label, Oid paused, Oid stopped)
{
	if (label == paused)
		return CLOCK_PAUSED;
	if (label == stopped)
		return CLOCK_STOPPED;
	return CLOCK_RUNNING;
}

/*
 * Read every row of ticket_sla.statuses (in the schema nsp) into st, in the
 * memory context mcxt, under the statement's snapshot, sorted by name.  No
 * privilege is checked: whoever may write a ticket may learn what its
 * status does.
 */
void
ticket_load_statuses(TicketStamper *st, Oid nsp, MemoryContext mcxt)
{
	MemoryContext caller = MemoryContextSwitchTo(mcxt);
	Oid			relid = get_relname_relid("statuses", nsp);
	Oid			effect_type = extension_type(nsp, "clock_effect");
	Oid			paused;
	Oid			stopped;
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tuple;
	AttrNumber	name_col;
	AttrNumber	clock_col;
	int			allocated = 16;

	if (!OidIsValid(relid))
		elog(ERROR, "relation ticket_sla.statuses is missing");
	paused = enum_label(effect_type, "paused");
	stopped = enum_label(effect_type, "stopped");
	st->statuses = palloc(allocated * sizeof(StatusClock));
	st->n_statuses = 0;
	rel = table_open(relid, AccessShareLock);
	name_col = column_of(rel, "status", TEXTOID, TICKET_TRIGGER_NAME);
	clock_col = column_of(rel, "clock", effect_type, TICKET_TRIGGER_NAME);
	scan = systable_beginscan(rel, InvalidOid, false, GetActiveSnapshot(), 0, NULL);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		TupleDesc	desc = RelationGetDescr(rel);
		bool		isnull;
		StatusClock *row;

		if (st->n_statuses == allocated)
		{
			allocated *= 2;
			st->statuses = repalloc(st->statuses, allocated * sizeof(StatusClock));
		}
		row = &st->statuses[st->n_statuses++];
		row->status = DatumGetTextPCopy(heap_getattr(tuple, name_col, desc, &isnull));
		row->clock = clock_of(DatumGetObjectId(heap_getattr(tuple, clock_col, desc, &isnull)),
							  paused, stopped);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	qsort(st->statuses, st->n_statuses, sizeof(StatusClock), status_order);
	/* the built-in stopped status that setting resolved_at moves a ticket to */
	st->resolved = PointerGetDatum(cstring_to_text("resolved"));
	MemoryContextSwitchTo(caller);
}

/* The known statuses, quoted, for a hint */
static char *
status_list(const TicketStamper *st)
{
	StringInfoData list;
	int			i;

	initStringInfo(&list);
	for (i = 0; i < st->n_statuses; i++)
		appendStringInfo(&list, "%s\"%s\"", i > 0 ? ", " : "",
						 text_to_cstring(st->statuses[i].status));
	return list.data;
}

/* What the resolution clock does in the row's status (not NULL) */
ClockState
ticket_clock_state(const Stamping *s, const TicketRow *row)
{
	StatusClock key;
	const StatusClock *found;

	key.status = DatumGetTextPP(row->value[COL_STATUS]);
	found = bsearch(&key, s->st->statuses, s->st->n_statuses, sizeof(StatusClock), status_order);
	if (found == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("status \"%s\" is not a status of ticket_sla.statuses",
						shown_text(VARDATA_ANY(key.status), VARSIZE_ANY_EXHDR(key.status))),
				 errhint("The statuses are %s; ticket_sla_admin adds others.", status_list(s->st)),
				 errtablecol(s->rel, s->st->attnums[COL_STATUS])));
	return found->clock;
}
