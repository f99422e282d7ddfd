/*
 * store.h
 *		Reading the ticket store's own tables by index (store.c).
 */
#ifndef TICKET_SLA_STORE_H
#define TICKET_SLA_STORE_H

#include "postgres.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "engine/arg_cache.h"

/* Where the store's tables and the columns read from them are */
typedef struct StoreTables
{
	Oid			customers;
	Oid			customers_key;	/* index on customer_id */
	AttrNumber	customer_id;
	AttrNumber	customer_organisation;
	AttrNumber	customer_contract;
	AttrNumber	customer_contract_start;
	Oid			terms;
	Oid			terms_key;		/* index on terms_id */
	Oid			terms_latest;	/* index on (contract_id, terms_id) */
	AttrNumber	terms_id;
	AttrNumber	terms_contract;
	AttrNumber	terms_value;
	AttrNumber	terms_localizes;	/* 0.5; InvalidAttrNumber before */
	Oid			contacts;
	Oid			contacts_key;	/* index on contact_id */
	AttrNumber	contact_id;
	AttrNumber	contact_customer;
	AttrNumber	contact_active;
	Oid			segments;		/* clock_segments */
	Oid			segments_key;	/* index on (ticket_id, clock, from_at) */
	AttrNumber	segment_ticket;
	AttrNumber	segment_clock;
	AttrNumber	segment_from;
	AttrNumber	segment_to;
	AttrNumber	segment_state;
	Oid			resolution_clock;	/* label 'resolution' of sla_clock */
} StoreTables;

/* A customer, and its contract's terms as in force now */
typedef struct CustomerTerms
{
	int32		terms_id;
	ArgCache   *contract;
	DateADT		contract_start;
	char	   *organisation;
} CustomerTerms;

extern void store_tables(StoreTables *tables, Oid nsp);
extern bool store_customer_terms(const StoreTables *tables, int32 customer_id,
								 CustomerTerms *ct);
extern ArgCache *store_terms(const StoreTables *tables, int32 terms_id);
extern bool store_contact_active(const StoreTables *tables, int32 customer_id,
								 int32 contact_id);

/* Called with each paused stretch of a ticket's resolution clock */
typedef void (*StretchVisitor) (void *arg, TimestampTz from, TimestampTz to);
extern void store_paused_stretches(const StoreTables *tables, int64 ticket_id,
								   StretchVisitor visit, void *arg);

#endif							/* TICKET_SLA_STORE_H */
