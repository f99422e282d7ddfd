/*
 * term_sets.c
 *		Which of a contract's sets of terms a ticket is held to.
 *
 * A contract gives terms per severity and, from version 2 on, for some
 * tickets only: those of a request type, the standard requests of a
 * premium plan (over its quota, or from no named contact), those at a
 * support level, with or without a severity.  A ticket is held to the set
 * that says most of it, the parts weighed in this order: request type,
 * standard, level, severity.  So a signature change request is held to its
 * type's terms whatever its severity, and a critical standard request to
 * "standard critical" before "critical".  Two sets that say the same parts
 * of a ticket say them with the same weight, and no two sets have the same
 * key, so the choice is never a tie.
 *
 * The same order, part by part with "any" first, is the order in which the
 * sets are stored and printed.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/syscache.h"

#include "contract/contract.h"

PG_FUNCTION_INFO_V1(contract_terms_for);
PG_FUNCTION_INFO_V1(contract_request_types);

/* The weight of what a key says of a ticket: the higher, the more it says */
static int
key_weight(const TermsKey *key)
{
	return (key->request_type >= 0 ? 8 : 0) + (key->standard ? 4 : 0) +
		(key->level > 0 ? 2 : 0) + (key->severity >= 0 ? 1 : 0);
}

/* Whether every part the set's key says is true of the ticket */
static bool
key_matches(const Contract *c, const TermsKey *key, const TicketKind *kind)
{
	return (key->request_type < 0 ||
			strcmp(contract_name_at(c, key->request_type), kind->request_type) == 0) &&
		(!key->standard || kind->standard) &&
		(key->level == 0 || key->level == kind->level) &&
		(key->severity < 0 || key->severity == kind->severity);
}

ChosenTerms
contract_choose(const Contract *c, const TicketKind *kind)
{
	const ContractExtension *ext = contract_extension(c);
	ChosenTerms chosen = {&c->severity[kind->severity], NULL, -1};
	int			best = 1;		/* the weight of a severity's plain terms */
	int			i;

	Assert(kind->severity >= 0 && kind->severity < CONTRACT_SEVERITIES);
	for (i = 0; ext != NULL && i < ext->n_sets; i++)
	{
		const TermSet *set = &ext->sets[i];
		int			weight = key_weight(&set->key);

		/* a severity with hours of its own has no plain terms: >= */
		if (weight >= best && key_matches(c, &set->key, kind))
		{
			best = weight;
			chosen.terms = &set->terms;
			chosen.hours = set->hours >= 0 ? (const Calendar *) (c->data + set->hours) : NULL;
			chosen.set = i;
		}
	}
	return chosen;
}

/* A plain incident of the severity, at the first support level */
void
default_ticket_kind(TicketKind *kind, int severity)
{
	kind->request_type = DEFAULT_REQUEST_TYPE;
	kind->severity = severity;
	kind->level = 1;
	kind->standard = false;
}

/* Signed order of a and b */
static int
order_of(int a, int b)
{
	return (a > b) - (a < b);
}

/*
 * The order of two keys: the request type (any first, then by name), then
 * standard, level and severity, each with "any" first
 */
int
terms_key_compare(const TermsKey *a, const char *a_type,
				  const TermsKey *b, const char *b_type)
{
	if ((a_type == NULL) != (b_type == NULL))
		return a_type == NULL ? -1 : 1;
	if (a_type != NULL && strcmp(a_type, b_type) != 0)
		return strcmp(a_type, b_type) < 0 ? -1 : 1;
	if (a->standard != b->standard)
		return order_of(a->standard, b->standard);
	if (a->level != b->level)
		return order_of(a->level, b->level);
	return order_of(a->severity, b->severity);
}


/* ---------- SQL-callable functions ---------- */

/* Whether a label of ticket_sla.tier is "standard" */
static bool
is_standard_tier(Oid label)
{
	HeapTuple	tuple = SearchSysCache1(ENUMOID, ObjectIdGetDatum(label));
	bool		standard;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for enum value %u", label);
	standard = strcmp(NameStr(((Form_pg_enum) GETSTRUCT(tuple))->enumlabel), "standard") == 0;
	ReleaseSysCache(tuple);
	return standard;
}

/*
 * terms_for(c, request_type, tier, support_level): the plan as a ticket of
 * that kind sees it (contract_for_kind), for the functions that take a
 * contract and a severity
 */
Datum
contract_terms_for(PG_FUNCTION_ARGS)
{
	Contract   *c = (Contract *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	int32		level = PG_GETARG_INT32(3);
	TicketKind	kind;

	if (level < 1 || level > CONTRACT_LEVELS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("support level %d does not exist", level),
				 errhint("Support levels are 1 to %d.", CONTRACT_LEVELS)));
	kind.request_type = text_to_cstring(PG_GETARG_TEXT_PP(1));
	kind.standard = is_standard_tier(PG_GETARG_OID(2));
	kind.level = level;
	kind.severity = 0;
	PG_RETURN_POINTER(contract_for_kind(c, &kind));
}

/* request_types(c): the request types the plan names, in order, once each */
Datum
contract_request_types(PG_FUNCTION_ARGS)
{
	Contract   *c = (Contract *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	const ContractExtension *ext = contract_extension(c);
	Datum	   *names = palloc((ext ? ext->n_sets : 0) * sizeof(Datum) + 1);
	const char *last = NULL;
	int			n = 0;
	int			i;

	/* the sets are in the order of their keys: a type's sets are together */
	for (i = 0; ext != NULL && i < ext->n_sets; i++)
	{
		const char *type;

		if (ext->sets[i].key.request_type < 0)
			continue;
		type = contract_name_at(c, ext->sets[i].key.request_type);
		if (last == NULL || strcmp(type, last) != 0)
			names[n++] = CStringGetTextDatum(type);
		last = type;
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(names, n, TEXTOID, -1, false, TYPALIGN_INT));
}
