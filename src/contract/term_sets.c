/*
 * term_sets.c
 *		Which of a contract's sets of terms a ticket is held to, with its
 *		reply and update targets.
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
 * sets are stored and printed.  Pure C, like the parser: the fuzzer links
 * it without a server.
 */
#include "postgres.h"

#include "contract/contract.h"

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

/* The reply and update targets of terms without them */
const ConversationTerms no_conversation = {{0, 0, CLOCK_NONE}, {0, 0, CLOCK_NONE}};

StaticAssertDecl(offsetof(ContractExtension, sets) % 8 == 0 && sizeof(TermSet) % 8 == 0,
				 "the block of ConversationTerms after the sets is 8-byte aligned");

ChosenTerms
contract_choose(const Contract *c, const TicketKind *kind)
{
	const ContractExtension *ext = contract_extension(c);
	ChosenTerms chosen = {&c->severity[kind->severity],
	contract_conversation(c, kind->severity), NULL, -1};
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
			chosen.conversation = contract_conversation(c, CONTRACT_SEVERITIES + i);
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

