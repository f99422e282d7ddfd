/*
 * targets.h
 *		A contract's targets as instants (targets.c), shared by the SQL
 *		functions and the stamping triggers.
 */
#ifndef TICKET_SLA_TARGETS_H
#define TICKET_SLA_TARGETS_H

#include "engine/arg_cache.h"
#include "contract/contract.h"

/* The OIDs of the labels of ticket_sla.severity, learnt as they are met */
typedef struct SeverityMap
{
	Oid			oids[CONTRACT_SEVERITIES];
} SeverityMap;

extern int	severity_index(SeverityMap *map, Oid value);

/* A contract's calendar, for arg_cache_get and arg_cache_prepare */
extern const Calendar *contract_hours(const struct varlena *value);

static inline const Contract *
cached_contract(const ArgCache *cache)
{
	return (const Contract *) cache->value;
}

/* What a call site keeps between calls (fn_extra) */
typedef struct TargetsCache
{
	ArgCache   *contract;
	SeverityMap severities;
} TargetsCache;

extern TargetsCache *targets_cache(FunctionCallInfo fcinfo);

/*
 * The time a ticket's resolution clock was paused, as business time under
 * the plan's hours (elapsed time for a plan without hours) and as elapsed
 * time: a target counts the one of its own clock.
 */
typedef struct PausedTime
{
	int64		business;
	int64		elapsed;
} PausedTime;

/*
 * The terms a ticket is held to (contract_choose), their reply and update
 * targets (never NULL: clock NONE when there is no such target), with the
 * business clock they count on: their own hours, or the plan's; NULL when
 * neither is given (only wall-clock terms).
 */
typedef struct TicketTerms
{
	ArgCache   *contract;
	const SeverityTerms *terms;
	const ContractDuration *reply;	/* reply within */
	const ContractDuration *update; /* update every */
	BizCalendar *hours;
} TicketTerms;

/* The targets of a ticket's terms that a clock start gives a deadline */
typedef enum TicketTarget
{
	TARGET_RESPOND,
	TARGET_RESOLVE,
	TARGET_REPLY,
	TARGET_UPDATE
} TicketTarget;

extern const ContractDuration *ticket_target(const TicketTerms *tt, TicketTarget which);
extern TicketTerms terms_of_kind(ArgCache *contract, const TicketKind *kind);
extern TicketTerms terms_of_severity(ArgCache *contract, int severity);
extern bool target_due(const TicketTerms *tt, const ContractDuration *target,
					   TimestampTz start, TimestampTz *due);
extern int64 plan_time_between(ArgCache *contract, TimestampTz from, TimestampTz to);
extern int64 terms_time_between(const TicketTerms *tt, TimestampTz from, TimestampTz to);
extern int64 target_time_between(const TicketTerms *tt, const ContractDuration *target,
								 TimestampTz from, TimestampTz to);
extern int64 paused_on_clock(const ContractDuration *target, const PausedTime *paused);
extern bool paused_target_due(const TicketTerms *tt, const ContractDuration *target,
							  TimestampTz start, const PausedTime *paused, TimestampTz *due);
extern TimestampTz target_clock_after(const TicketTerms *tt, const ContractDuration *target,
									  TimestampTz start, int64 usecs);
extern bool step_due(const TicketTerms *tt, int step, TimestampTz start, TimestampTz *due);
extern TimestampTz clock_start(ArgCache *contract, TimestampTz opened_at,
							   bool by_phone);
extern Datum step_recipients(const Contract *c, const ContractStep *step);

#endif							/* TICKET_SLA_TARGETS_H */
