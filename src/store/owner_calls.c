/*
 * owner_calls.c
 *		What the ticket trigger asks of the store's SECURITY DEFINER
 *		functions as the extension's owner: a premium request taken from a
 *		customer's quota, and the version of terms localized for a customer.
 *
 * Both write tables nobody writes directly (premium_requests,
 * contract_terms), and no role that opens tickets may call them: they
 * would let it spend any customer's quota, or add versions of terms.  The
 * trigger runs them through SPI under the owner's id for the one call; an
 * error resets the user with the (sub)transaction it aborts.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/date.h"

#include "store/ticket_stamping.h"

/*
 * The one value of query run as owner with args (nulls as SPI takes them,
 * NULL for none): prepared once into *plan, or planned for this call when
 * plan is NULL (its argument types may change between calls).  A by-value
 * result, so that it outlives SPI_finish.
 */
Datum
ticket_call_as_owner(Oid owner, SPIPlanPtr *plan, const char *query, int nargs, Oid *argtypes,
					 Datum *args, const char *nulls, bool *isnull)
{
	Datum		value;
	int			rc;
	Oid			user;
	int			security;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (plan != NULL && *plan == NULL)
	{
		*plan = SPI_prepare(query, nargs, argtypes);
		if (*plan == NULL || SPI_keepplan(*plan) != 0)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	}
	GetUserIdAndSecContext(&user, &security);
	SetUserIdAndSecContext(owner, security | SECURITY_LOCAL_USERID_CHANGE);
	rc = plan != NULL ? SPI_execute_plan(*plan, args, nulls, false, 1) :
		SPI_execute_with_args(query, nargs, argtypes, args, nulls, false, 1);
	SetUserIdAndSecContext(user, security);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "%s failed: %s", query, SPI_result_code_string(rc));
	value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, isnull);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	return value;
}

/*
 * Takes a premium request of the period from the quota, if one is left,
 * through ticket_sla.take_premium_request: its upsert's row lock makes
 * concurrent inserts count one after another.
 */
bool
ticket_take_premium_request(Oid owner, int32 customer_id, DateADT period, int32 quota)
{
	static SPIPlanPtr plan;
	static Oid	argtypes[] = {INT4OID, DATEOID, INT4OID};
	Datum		args[] = {Int32GetDatum(customer_id), DateADTGetDatum(period), Int32GetDatum(quota)};
	bool		isnull;
	Datum		taken = ticket_call_as_owner(owner, &plan, "SELECT ticket_sla.take_premium_request($1, $2, $3)",
											 3, argtypes, args, NULL, &isnull);

	return !isnull && DatumGetBool(taken);
}

/*
 * The version of terms the customer's tickets are stamped under when its
 * contract is at terms_id (ticket_sla.local_terms): terms_id itself, or its
 * localization for the customer's time zone and holidays
 */
int32
ticket_local_terms(Oid owner, int32 terms_id, int32 customer_id)
{
	static SPIPlanPtr plan;
	static Oid	argtypes[] = {INT4OID, INT4OID};
	Datum		args[] = {Int32GetDatum(terms_id), Int32GetDatum(customer_id)};
	bool		isnull;
	Datum		local = ticket_call_as_owner(owner, &plan, "SELECT ticket_sla.local_terms($1, $2)",
											 2, argtypes, args, NULL, &isnull);

	if (isnull)
		elog(ERROR, "terms %d have no version for customer %d", terms_id, customer_id);
	/* the version it may just have made is read next (store_terms) */
	CommandCounterIncrement();
	return DatumGetInt32(local);
}
