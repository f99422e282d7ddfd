/*
 * srf.c
 *		Set-returning functions that hand back their rows all at once (srf.h).
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"

#include "common/srf.h"

/*
 * Set up a materialized result: a tuplestore that lives as long as the
 * query, and the row type (one column for a set of scalars).
 * (InitMaterializedSRF does this from 16 on.)
 */
Tuplestorestate *
materialized_result(FunctionCallInfo fcinfo, TupleDesc *desc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext oldcxt;
	Oid			type;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	switch (get_call_result_type(fcinfo, &type, desc))
	{
		case TYPEFUNC_COMPOSITE:
			*desc = CreateTupleDescCopy(*desc);
			break;
		case TYPEFUNC_SCALAR:
			*desc = CreateTemplateTupleDesc(1);
			TupleDescInitEntry(*desc, (AttrNumber) 1, "value", type, -1, 0);
			break;
		default:
			elog(ERROR, "return type must be a row type or a scalar");
	}
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->setDesc = *desc;
	MemoryContextSwitchTo(oldcxt);
	return rsinfo->setResult;
}
