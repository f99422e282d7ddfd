/*
 * case_number.h
 *		Case numbers (case_number.c).
 */
#ifndef TICKET_SLA_CASE_NUMBER_H
#define TICKET_SLA_CASE_NUMBER_H

#include "postgres.h"
#include "datatype/timestamp.h"

extern char *next_case_number(Oid seq, TimestampTz opened_at);

#endif							/* TICKET_SLA_CASE_NUMBER_H */
