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
 *		ContractStep steps[n_steps];	the ladders of all severities, most
 *										urgent severity first, each ladder
 *										in the order written
 *		Calendar	 calendar;			the opening hours, a whole calendar
 *										varlena (present when has_hours)
 *		char		 names[];			NUL-terminated strings: the plan's
 *										name, then every step's recipients
 */
#ifndef TICKET_SLA_CONTRACT_H
#define TICKET_SLA_CONTRACT_H

#include "postgres.h"
#include "fmgr.h"

#include "calendar/calendar.h"

#define CONTRACT_FORMAT_VERSION 1

/* The severities, most urgent first, as in the enum ticket_sla.severity */
#define CONTRACT_SEVERITIES		4

/* Limits that keep a literal from growing absurd (SQLSTATE 54000) */
#define CONTRACT_MAX_STEPS		100		/* per severity */
#define CONTRACT_MAX_NAMES		10		/* recipients per step */

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

/* The canonical text form, used in error messages too */
extern char *contract_to_text(const Contract *c);
extern char *contract_duration_text(const ContractDuration *d);

#define DatumGetContractP(X)	((Contract *) PG_DETOAST_DATUM(X))
#define PG_GETARG_CONTRACT_P(n) DatumGetContractP(PG_GETARG_DATUM(n))
#define PG_RETURN_CONTRACT_P(x) PG_RETURN_POINTER(x)

#endif							/* TICKET_SLA_CONTRACT_H */
