/*
 * contract.h
 *		The ticket_sla.contract value: a whole support plan (its tier,
 *		entitlements, opening hours and, per severity, the targets and the
 *		escalation ladder) in one self-contained varlena.
 *
 * Like the calendar, the stored form is already normalised, so two
 * contracts are equal exactly when their bytes are.
 *
 * Layout after the fixed header (every part starts 8-byte aligned):
 *		ContractStep steps[n_steps];	the ladders: those of the severities'
 *										plain terms, most urgent first, then
 *										those of the extension's sets, each
 *										ladder in the order written
 *		Calendar	 calendar;			the opening hours, a whole calendar
 *										varlena (present when has_hours)
 *		ContractExtension extension;	version 2 only: the sets of terms for
 *										some tickets (a request type, standard
 *										requests, a support level, a severity
 *										with hours of its own), the report
 *										fields the plan requires, and (0.6)
 *										the conversation flags
 *		ConversationTerms conversation[CONTRACT_SEVERITIES + n_sets];
 *										version 2 with CONVERSATION_TERMS in
 *										the extension's conversation field
 *										only (0.6): the reply and update
 *										targets of each severity's plain
 *										terms, most urgent first, then of
 *										each set, in the order of the sets;
 *										right after the sets, still inside
 *										the extension
 *		AvailabilityTerms availability;	version 2 with CONTRACT_AVAILABILITY in
 *										the extension's conversation field
 *										only (0.6): the availability clause,
 *										right after the block of
 *										ConversationTerms (or after the sets
 *										when there is none)
 *		Calendar	 set_hours[];		version 2 only: the hours of the sets
 *										that have their own
 *		char		 names[];			NUL-terminated strings: the plan's
 *										name, every step's recipients, then
 *										the request types of the sets
 *
 * A plan that says nothing of version 2's is stored as version 1, byte for
 * byte as 0.1 to 0.4 stored it: values stored then read unchanged, and equal
 * values still have equal bytes.  Likewise a plan that says nothing of
 * 0.6's additions (reply and update targets, "response means qualified
 * answer", "on reopen restart") is stored as 0.4 or 0.5 stored it: the
 * extension's conversation field, zero padding in 0.5, stays zero and no
 * block of ConversationTerms follows the sets.  A plan with any of them is
 * version 2, with CONVERSATION_TERMS and the block, whether or not it has
 * sets.  The availability clause (0.6) extends the format the same way: a
 * plan without it stores no AvailabilityTerms and its bit is zero, so that
 * every value stored before reads unchanged; a plan with it is version 2
 * with CONTRACT_AVAILABILITY set (and CONVERSATION_TERMS only when it has
 * conversation terms too), whether or not it has sets.
 */
#ifndef TICKET_SLA_CONTRACT_H
#define TICKET_SLA_CONTRACT_H

#include "postgres.h"
#include "fmgr.h"

#include "calendar/calendar.h"

#define CONTRACT_FORMAT_VERSION 1		/* the severities' plain terms only */
#define CONTRACT_FORMAT_EXTENDED 2		/* with an extension */

/* Every part of the stored form after the header starts 8-byte aligned */
#define CONTRACT_ALIGN(len)		TYPEALIGN(8, (len))

/* The severities, most urgent first, as in the enum ticket_sla.severity */
#define CONTRACT_SEVERITIES		4

/* Limits that keep a literal from growing absurd (SQLSTATE 54000) */
#define CONTRACT_MAX_STEPS		100		/* per severity */
#define CONTRACT_MAX_NAMES		10		/* recipients per step */
#define CONTRACT_MAX_SETS		200		/* sets of terms in the extension */
#define CONTRACT_LEVELS			3		/* support levels 1st to 3rd */

typedef enum ContractClock
{
	CLOCK_NONE = 0,				/* no target */
	CLOCK_BUSINESS,				/* business time under the plan's hours */
	CLOCK_WALL					/* round-the-clock time */
} ContractClock;

/*
 * A duration on one of the two clocks.  On the business clock, days are
 * business days (as in business_deadline); on the wall clock a day is 24
 * hours, so days is 0 and usecs holds it all.
 */
typedef struct ContractDuration
{
	int64		usecs;
	int32		days;
	int32		clock;			/* ContractClock */
} ContractDuration;

/* One step of an escalation ladder: after how long, and to whom */
typedef struct ContractStep
{
	ContractDuration after;
	int32		names;			/* offset into names[] of the first recipient */
	int32		n_names;		/* consecutive NUL-terminated recipients */
} ContractStep;

/* The terms of one severity */
typedef struct SeverityTerms
{
	ContractDuration respond;	/* first-response target (clock NONE: none) */
	ContractDuration resolve;	/* resolution target (clock NONE: none) */
	int32		first_step;		/* its ladder: steps[first_step ...] */
	int32		n_steps;
} SeverityTerms;

/*
 * Which tickets a set of terms is for: each part says one thing of the
 * ticket, or nothing (request_type -1, severity -1, level 0, standard 0).
 */
typedef struct TermsKey
{
	int32		request_type;	/* offset into names[] of its name; -1: any */
	int16		severity;		/* 0 = critical; -1: any */
	int16		level;			/* support level 1 to 3; 0: any */
	int16		standard;		/* 1: the standard requests of a premium plan */
	int16		padding;		/* zero */
} TermsKey;

/* A set of terms of the extension, with the hours of its business clock */
typedef struct TermSet
{
	TermsKey	key;
	SeverityTerms terms;
	int32		hours;			/* offset from data of its calendar; -1: the
								 * plan's */
	int32		padding;		/* zero */
} TermSet;

/* The report fields a plan may require, as bits of report_fields */
#define CONTRACT_REPORT_FIELDS	7

/*
 * The targets of a conversation (0.6), beside a set's SeverityTerms: the
 * next reply after a customer's message, and the periodic update while the
 * resolution clock runs (clock NONE: no such target)
 */
typedef struct ConversationTerms
{
	ContractDuration reply;		/* reply within */
	ContractDuration update;	/* update every */
} ConversationTerms;

/* Bits of the extension's conversation field (0.6; 0 in 0.5's values) */
#define CONVERSATION_TERMS		1	/* the block of ConversationTerms follows
									 * the sets (set whenever another is) */
#define CONVERSATION_QUALIFIED	2	/* response means qualified answer */
#define CONVERSATION_RESTART	4	/* on reopen restart */
#define CONTRACT_AVAILABILITY	8	/* the AvailabilityTerms follow (0.6) */

/* The periods an availability target is measured over (only months so far) */
#define AVAILABILITY_MONTH		1

/* An availability target is kept in thousandths of a percent */
#define AVAILABILITY_SCALE		1000

/*
 * The availability clause (0.6): "availability 99.5% per month[,
 * maintenance announced 5 days ahead]".  Without the notice (clock NONE)
 * the plan excludes no maintenance: every window counts as downtime.
 */
typedef struct AvailabilityTerms
{
	int32		target;			/* thousandths of a percent, 1 to 100000 */
	int32		period;			/* AVAILABILITY_MONTH */
	ContractDuration notice;	/* maintenance announced this long ahead */
} AvailabilityTerms;

/* What version 2 adds; the sets in the order of their keys (contract.c) */
typedef struct ContractExtension
{
	int32		n_sets;
	int32		report_fields;	/* bit i: field i of contract_report_fields */
	int32		local_hours;	/* 1: the hours are kept in each customer's
								 * own time zone and holidays */
	int32		conversation;	/* CONVERSATION_* bits and
								 * CONTRACT_AVAILABILITY; 0: none of them */
	TermSet		sets[FLEXIBLE_ARRAY_MEMBER];
	/* ConversationTerms conversation[CONTRACT_SEVERITIES + n_sets] */
} ContractExtension;

typedef enum ContractTier
{
	TIER_PREMIUM = 0,			/* served before standard */
	TIER_STANDARD
} ContractTier;

typedef enum QuotaPeriod
{
	QUOTA_NONE = 0,
	QUOTA_MONTH,
	QUOTA_QUARTER,
	QUOTA_YEAR
} QuotaPeriod;

typedef struct Contract
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;
	uint8		tier;			/* ContractTier */
	uint8		quota_period;	/* QuotaPeriod: QUOTA_NONE when no quota */
	bool		phone_only_out_of_hours;
	bool		has_hours;		/* a calendar is stored */
	int32		named_contacts; /* limit on active named contacts; -1: none */
	int32		premium_quota;	/* premium requests per period; -1: none */
	int32		warn_percent;	/* at risk from this share of a target; 0: none */
	int32		plan_name;		/* offset into names[]; -1: unnamed */
	int32		n_steps;
	int32		calendar_offset;	/* of the calendar, from data */
	int32		names_offset;	/* of names[], from data */
	SeverityTerms severity[CONTRACT_SEVERITIES];
	char		data[FLEXIBLE_ARRAY_MEMBER];
} Contract;

static inline const ContractStep *
contract_steps(const Contract *c)
{
	return (const ContractStep *) c->data;
}

/* The opening hours; NULL when the plan has none (only wall-clock terms) */
static inline const Calendar *
contract_calendar(const Contract *c)
{
	return c->has_hours ? (const Calendar *) (c->data + c->calendar_offset) : NULL;
}

static inline const char *
contract_name_at(const Contract *c, int32 offset)
{
	return c->data + c->names_offset + offset;
}

/* The extension, after the plan's hours; NULL in a version 1 value */
static inline const ContractExtension *
contract_extension(const Contract *c)
{
	const Calendar *hours = contract_calendar(c);

	if (c->version < CONTRACT_FORMAT_EXTENDED)
		return NULL;
	return (const ContractExtension *)
		(c->data + CONTRACT_ALIGN(c->calendar_offset + (hours ? VARSIZE(hours) : 0)));
}

/* Whether the plan keeps its hours in each customer's time ("local hours") */
static inline bool
contract_has_local_hours(const Contract *c)
{
	const ContractExtension *ext = contract_extension(c);

	return ext != NULL && ext->local_hours;
}

/* The extension's conversation bits; 0 without an extension */
static inline int32
contract_conversation_bits(const Contract *c)
{
	const ContractExtension *ext = contract_extension(c);

	return ext != NULL ? ext->conversation : 0;
}

/* The reply and update targets of terms that have neither (term_sets.c) */
extern const ConversationTerms no_conversation;

/*
 * The reply and update targets of terms i: i < CONTRACT_SEVERITIES, the
 * severity's plain terms; else the set i - CONTRACT_SEVERITIES.  Never NULL:
 * no_conversation when the plan has no block (a version 1 or 0.5 value).
 * The block starts 8-byte aligned: the extension's header and every TermSet
 * are multiples of 8 bytes long.
 */
static inline const ConversationTerms *
contract_conversation(const Contract *c, int i)
{
	const ContractExtension *ext = contract_extension(c);

	if (ext == NULL || (ext->conversation & CONVERSATION_TERMS) == 0)
		return &no_conversation;
	return (const ConversationTerms *) &ext->sets[ext->n_sets] + i;
}

/*
 * The availability clause; NULL when the plan has none.  It follows the
 * block of ConversationTerms (whose entries are 32 bytes long) or the sets:
 * 8-byte aligned either way.
 */
static inline const AvailabilityTerms *
contract_availability(const Contract *c)
{
	const ContractExtension *ext = contract_extension(c);
	const char *after;

	if (ext == NULL || (ext->conversation & CONTRACT_AVAILABILITY) == 0)
		return NULL;
	after = (const char *) &ext->sets[ext->n_sets];
	if (ext->conversation & CONVERSATION_TERMS)
		after += (CONTRACT_SEVERITIES + ext->n_sets) * sizeof(ConversationTerms);
	return (const AvailabilityTerms *) after;
}

/* Whether only agent messages marked qualified count as a response */
static inline bool
contract_qualified_responses(const Contract *c)
{
	return (contract_conversation_bits(c) & CONVERSATION_QUALIFIED) != 0;
}

/* Whether reopening a resolved ticket gives its resolution target afresh */
static inline bool
contract_reopen_restarts(const Contract *c)
{
	return (contract_conversation_bits(c) & CONVERSATION_RESTART) != 0;
}

/* The kind of ticket whose terms are looked up */
typedef struct TicketKind
{
	const char *request_type;	/* NUL-terminated */
	int			severity;		/* 0 = critical */
	int			level;			/* support level, 1 to 3 */
	bool		standard;		/* a standard request under a premium plan */
} TicketKind;

/* The request type of a ticket that names none */
#define DEFAULT_REQUEST_TYPE	"incident"

/*
 * The terms a kind of ticket is held to, their reply and update targets,
 * and the hours of their business clock (NULL: the plan's)
 */
typedef struct ChosenTerms
{
	const SeverityTerms *terms;
	const ConversationTerms *conversation;	/* never NULL: clock NONE when
											 * none */
	const Calendar *hours;
	int			set;			/* index of the extension's set; -1: the
								 * severity's plain terms */
} ChosenTerms;

extern ChosenTerms contract_choose(const Contract *c, const TicketKind *kind);
extern Contract *contract_for_kind(const Contract *c, const TicketKind *kind);
extern int	terms_key_compare(const TermsKey *a, const char *a_type,
							  const TermsKey *b, const char *b_type);
extern void default_ticket_kind(TicketKind *kind, int severity);
extern const char *const contract_report_fields[CONTRACT_REPORT_FIELDS];

/* The canonical text form, used in error messages too */
extern char *contract_to_text(const Contract *c);
extern char *contract_duration_text(const ContractDuration *d);
extern char *availability_target_text(int32 target);

#define DatumGetContractP(X)	((Contract *) PG_DETOAST_DATUM(X))
#define PG_GETARG_CONTRACT_P(n) DatumGetContractP(PG_GETARG_DATUM(n))
#define PG_RETURN_CONTRACT_P(x) PG_RETURN_POINTER(x)

#endif							/* TICKET_SLA_CONTRACT_H */
