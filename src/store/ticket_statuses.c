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
 *
 * The library serves databases not yet updated too (docs/operations.md): up
 * to 0.4 tickets.status is the enum ticket_sla.status, whose five labels
 * have the effects of the five built-in statuses.
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
#include "utils/syscache.h"

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
 * The statuses of a database of 0.4 or before, not yet updated: the labels
 * of the enum ticket_sla.status, their effects fixed, in the order of their
 * names
 */
static const struct
{
	const char *name;
	ClockState	clock;
}			enum_statuses[] = {
	{"closed", CLOCK_STOPPED},
	{"in progress", CLOCK_RUNNING},
	{"new", CLOCK_RUNNING},
	{"resolved", CLOCK_STOPPED},
	{"waiting on customer", CLOCK_PAUSED}
};

/*
 * Every row of ticket_sla.statuses (in the schema nsp), under the
 * statement's snapshot.  No privilege is checked: whoever may write a
 * ticket may learn what its status does.
 */
static void
read_status_table(TicketStamper *st, Oid nsp)
{
	Oid			relid = get_relname_relid("statuses", nsp);
	Oid			effect_type = extension_type(nsp, "clock_effect");
	Oid			paused = enum_label(effect_type, "paused");
	Oid			stopped = enum_label(effect_type, "stopped");
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tuple;
	AttrNumber	name_col;
	AttrNumber	clock_col;
	int			allocated = 16;

	if (!OidIsValid(relid))
		elog(ERROR, "relation ticket_sla.statuses is missing");
	st->statuses = palloc(allocated * sizeof(StatusClock));
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
}

/*
 * The enum ticket_sla.status when the column tickets.status is of that
 * type (a database of 0.4 or before), InvalidOid when it is text; any
 * other type is refused
 */
static Oid
status_enum(Relation tickets, Oid nsp, AttrNumber column)
{
	Oid			type = TupleDescAttr(RelationGetDescr(tickets), column - 1)->atttypid;
	Oid			old = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									  PointerGetDatum("status"), ObjectIdGetDatum(nsp));

	if (type == TEXTOID)
		return InvalidOid;
	if (type != old)
		column_of(tickets, "status", TEXTOID, TICKET_TRIGGER_NAME);	/* refuses it */
	return old;
}

/*
 * The statuses of the store of tickets (in the schema nsp), sorted by name,
 * in the memory context mcxt: the rows of ticket_sla.statuses, or the
 * labels of the enum of a database not yet updated
 */
void
ticket_load_statuses(TicketStamper *st, Relation tickets, Oid nsp, MemoryContext mcxt)
{
	MemoryContext caller = MemoryContextSwitchTo(mcxt);
	int			i;

	st->status_enum = status_enum(tickets, nsp, st->attnums[COL_STATUS]);
	st->n_statuses = 0;
	if (OidIsValid(st->status_enum))
	{
		st->statuses = palloc(lengthof(enum_statuses) * sizeof(StatusClock));
		for (i = 0; i < (int) lengthof(enum_statuses); i++)
		{
			st->statuses[i].status = cstring_to_text(enum_statuses[i].name);
			st->statuses[i].clock = enum_statuses[i].clock;
		}
		st->n_statuses = lengthof(enum_statuses);
		st->resolved = ObjectIdGetDatum(enum_label(st->status_enum, "resolved"));
	}
	else
	{
		read_status_table(st, nsp);
		/* the built-in stopped status that setting resolved_at moves a ticket to */
		st->resolved = PointerGetDatum(cstring_to_text("resolved"));
	}
	qsort(st->statuses, st->n_statuses, sizeof(StatusClock), status_order);
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

	key.status = OidIsValid(s->st->status_enum) ?
		cstring_to_text(DatumGetCString(DirectFunctionCall1(enum_out, row->value[COL_STATUS]))) :
		DatumGetTextPP(row->value[COL_STATUS]);
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
