/*
 * targets.h
 *		A contract's targets as instants (targets.c), shared by the SQL
 *		functions and the stamping triggers.
 */
#ifndef TICKET_SLA_TARGETS_H
#define TICKET_SLA_TARGETS_H

#include "arg_cache.h"
#include "contract.h"

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

extern bool target_due(ArgCache *contract, const ContractDuration *target,
					   TimestampTz start, TimestampTz *due);
extern TimestampTz clock_start(ArgCache *contract, TimestampTz opened_at,
							   bool by_phone);

#endif							/* TICKET_SLA_TARGETS_H */
