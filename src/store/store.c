/*
 * store.c
 *		Reading the ticket store's own tables: a customer and its contract's
 *		current terms, a version of terms by its id, whether a contact is
 *		an active named contact of a customer, the paused stretches of a
 *		ticket's resolution clock in the ledger.
 *
 * The ticket trigger needs these for every insert.  Reading them through
 * their indexes directly, under the statement's snapshot, costs a fraction
 * of an SPI query, whose executor start-up dominated the insert.  No
 * privilege is checked: whoever may insert a ticket may learn the terms it
 * is stamped with.
 *
 * The terms prepared for arithmetic are kept for the backend, one version
 * at a time, and compared by content: a version of terms never changes, but
 * only its bytes prove which one a cache holds.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "store/store.h"
#include "store/trigger_support.h"
#include "contract/targets.h"

/* The terms last prepared, in TopMemoryContext */
static ArgCache *backend_terms;

static Oid
store_relation(Oid nsp, const char *name)
{
	Oid			relid = get_relname_relid(name, nsp);

	if (!OidIsValid(relid))
		elog(ERROR, "relation ticket_sla.%s is missing", name);
	return relid;
}

static AttrNumber
store_column(Oid relid, const char *name)
{
	AttrNumber	attnum = get_attnum(relid, name);

	if (attnum == InvalidAttrNumber)
		elog(ERROR, "column %s of ticket_sla.%s is missing", name, get_rel_name(relid));
	return attnum;
}

/* Finds the store's tables, indexes and columns in the schema nsp */
void
store_tables(StoreTables *tables, Oid nsp)
{
	tables->customers = store_relation(nsp, "customers");
	tables->customers_key = store_relation(nsp, "customers_pkey");
	tables->customer_id = store_column(tables->customers, "customer_id");
	tables->customer_organisation = store_column(tables->customers, "organisation");
	tables->customer_contract = store_column(tables->customers, "contract_id");
	tables->customer_contract_start = store_column(tables->customers, "contract_start");
	tables->terms = store_relation(nsp, "contract_terms");
	tables->terms_key = store_relation(nsp, "contract_terms_pkey");
	tables->terms_latest = store_relation(nsp, "contract_terms_latest");
	tables->terms_id = store_column(tables->terms, "terms_id");
	tables->terms_contract = store_column(tables->terms, "contract_id");
	tables->terms_value = store_column(tables->terms, "terms");
	tables->terms_localizes = get_attnum(tables->terms, "localizes");
	tables->contacts = store_relation(nsp, "contacts");
	tables->contacts_key = store_relation(nsp, "contacts_pkey");
	tables->contact_id = store_column(tables->contacts, "contact_id");
	tables->contact_customer = store_column(tables->contacts, "customer_id");
	tables->contact_active = store_column(tables->contacts, "active");
	tables->segments = store_relation(nsp, "clock_segments");
	tables->segments_key = store_relation(nsp, "clock_segments_pkey");
	tables->segment_ticket = store_column(tables->segments, "ticket_id");
	tables->segment_clock = store_column(tables->segments, "clock");
	tables->segment_from = store_column(tables->segments, "from_at");
	tables->segment_to = store_column(tables->segments, "to_at");
	tables->segment_state = store_column(tables->segments, "state");
	tables->resolution_clock = enum_label(extension_type(nsp, "sla_clock"), "resolution");
}

/* column = value, the column by its number in the table (systable_beginscan
 * maps it to the index's) */
static void
int4_key(ScanKey key, AttrNumber column, int32 value)
{
	ScanKeyInit(key, column, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(value));
}

/* The terms in a row of contract_terms, prepared (the backend's cache) */
static ArgCache *
prepared_terms(const StoreTables *tables, Relation rel, HeapTuple tuple)
{
	bool		isnull;
	Datum		terms = heap_getattr(tuple, tables->terms_value, RelationGetDescr(rel), &isnull);

	/* compared as stored: decompressed only when it changed */
	return arg_cache_match(TopMemoryContext, (struct varlena *) DatumGetPointer(terms),
						   contract_hours, &backend_terms);
}

/*
 * The customer customer_id and its contract's current terms (the latest
 * version); false when there is no such customer.
 */
bool
store_customer_terms(const StoreTables *tables, int32 customer_id, CustomerTerms *ct)
{
	Relation	customers = table_open(tables->customers, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	int32		contract_id = 0;
	bool		found;
	bool		isnull;

	int4_key(&key, tables->customer_id, customer_id);
	scan = systable_beginscan(customers, tables->customers_key, true,
							  GetActiveSnapshot(), 1, &key);
	tuple = systable_getnext(scan);
	found = HeapTupleIsValid(tuple);
	if (found)
	{
		TupleDesc	desc = RelationGetDescr(customers);

		contract_id = DatumGetInt32(heap_getattr(tuple, tables->customer_contract, desc, &isnull));
		ct->contract_start = DatumGetDateADT(heap_getattr(tuple, tables->customer_contract_start,
														  desc, &isnull));
		ct->organisation = TextDatumGetCString(heap_getattr(tuple, tables->customer_organisation,
															desc, &isnull));
	}
	systable_endscan(scan);
	table_close(customers, AccessShareLock);
	if (found)
	{
		Relation	terms = table_open(tables->terms, AccessShareLock);
		Relation	latest = index_open(tables->terms_latest, AccessShareLock);

		int4_key(&key, tables->terms_contract, contract_id);
		scan = systable_beginscan_ordered(terms, latest, GetActiveSnapshot(), 1, &key);
		tuple = systable_getnext_ordered(scan, BackwardScanDirection);
		/* the contract's own latest version, not one localized for customers */
		while (HeapTupleIsValid(tuple) && tables->terms_localizes != InvalidAttrNumber &&
			   (heap_getattr(tuple, tables->terms_localizes, RelationGetDescr(terms), &isnull), !isnull))
			tuple = systable_getnext_ordered(scan, BackwardScanDirection);
		/* every contract has terms: its insert trigger records them */
		if (!HeapTupleIsValid(tuple))
			elog(ERROR, "contract %d has no terms", contract_id);
		ct->terms_id = DatumGetInt32(heap_getattr(tuple, tables->terms_id,
												  RelationGetDescr(terms), &isnull));
		ct->contract = prepared_terms(tables, terms, tuple);
		systable_endscan_ordered(scan);
		index_close(latest, AccessShareLock);
		table_close(terms, AccessShareLock);
	}
	return found;
}

/*
 * The version terms_id of a contract's terms, prepared.  Versions never
 * change: the latest snapshot reads them as well as the statement's, and
 * also sees a version localized for a customer by this very statement.
 */
ArgCache *
store_terms(const StoreTables *tables, int32 terms_id)
{
	Relation	terms = table_open(tables->terms, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	ArgCache   *cache;

	int4_key(&key, tables->terms_id, terms_id);
	scan = systable_beginscan(terms, tables->terms_key, true, GetLatestSnapshot(), 1, &key);
	tuple = systable_getnext(scan);
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "terms %d of a ticket are missing", terms_id);
	cache = prepared_terms(tables, terms, tuple);
	systable_endscan(scan);
	table_close(terms, AccessShareLock);
	return cache;
}

/* Whether contact_id is an active contact of customer customer_id */
bool
store_contact_active(const StoreTables *tables, int32 customer_id, int32 contact_id)
{
	Relation	contacts = table_open(tables->contacts, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	bool		active = false;
	bool		isnull;

	int4_key(&key, tables->contact_id, contact_id);
	scan = systable_beginscan(contacts, tables->contacts_key, true, GetActiveSnapshot(), 1, &key);
	tuple = systable_getnext(scan);
	if (HeapTupleIsValid(tuple))
	{
		TupleDesc	desc = RelationGetDescr(contacts);

		active = DatumGetInt32(heap_getattr(tuple, tables->contact_customer, desc, &isnull)) == customer_id &&
			DatumGetBool(heap_getattr(tuple, tables->contact_active, desc, &isnull));
	}
	systable_endscan(scan);
	table_close(contacts, AccessShareLock);
	return active;
}

/*
 * Calls visit with every paused stretch of ticket ticket_id's resolution
 * clock that the ledger (clock_segments) holds, in the order of the index
 */
void
store_paused_stretches(const StoreTables *tables, int64 ticket_id, StretchVisitor visit,
					   void *arg)
{
	Relation	segments = table_open(tables->segments, AccessShareLock);
	TupleDesc	desc = RelationGetDescr(segments);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	bool		isnull;

	ScanKeyInit(&key, tables->segment_ticket, BTEqualStrategyNumber, F_INT8EQ,
				Int64GetDatum(ticket_id));
	scan = systable_beginscan(segments, tables->segments_key, true, GetActiveSnapshot(), 1, &key);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		char	   *state = TextDatumGetCString(heap_getattr(tuple, tables->segment_state, desc, &isnull));

		if (DatumGetObjectId(heap_getattr(tuple, tables->segment_clock, desc, &isnull)) ==
			tables->resolution_clock && strcmp(state, "paused") == 0)
			visit(arg, DatumGetTimestampTz(heap_getattr(tuple, tables->segment_from, desc, &isnull)),
				  DatumGetTimestampTz(heap_getattr(tuple, tables->segment_to, desc, &isnull)));
		pfree(state);
	}
	systable_endscan(scan);
	table_close(segments, AccessShareLock);
}
