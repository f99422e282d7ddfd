/*
 * srf.h
 *		Set-returning functions that hand back their rows all at once.
 */
#ifndef TICKET_SLA_SRF_H
#define TICKET_SLA_SRF_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/tuplestore.h"

extern Tuplestorestate *materialized_result(FunctionCallInfo fcinfo, TupleDesc *desc);

#endif							/* TICKET_SLA_SRF_H */
