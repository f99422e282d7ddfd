/*
 * quota.h
 *		Premium-request quota periods (contract_fields.c).
 */
#ifndef TICKET_SLA_QUOTA_H
#define TICKET_SLA_QUOTA_H

#include "utils/date.h"

#include "contract/targets.h"

extern DateADT quota_period_of(QuotaPeriod period, DateADT start, DateADT day);
extern DateADT contract_local_date(ArgCache *contract, TimestampTz at);

#endif							/* TICKET_SLA_QUOTA_H */
