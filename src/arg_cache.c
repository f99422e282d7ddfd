/*
 * arg_cache.c
 *		The per-call-site cache of a calendar-bearing argument (arg_cache.h).
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "arg_cache.h"

/*
 * A copy of the (possibly packed) argument in a memory context of its own,
 * with its calendar prepared.
 */
ArgCache *
arg_cache_prepare(MemoryContext mcxt, struct varlena *packed, CalendarOf calendar_of)
{
	Size		size = VARSIZE_ANY_EXHDR(packed);
	MemoryContext cxt = AllocSetContextCreate(mcxt, "ticket_sla calendar",
											  ALLOCSET_SMALL_SIZES);
	MemoryContext oldcxt = MemoryContextSwitchTo(cxt);
	ArgCache   *cache = palloc(sizeof(ArgCache));
	const Calendar *cal;

	cache->mcxt = cxt;
	cache->constant = (Datum) 0;
	/* palloc is MAXALIGNed, as a contract's parts need */
	cache->value = palloc(size + VARHDRSZ);
	SET_VARSIZE(cache->value, size + VARHDRSZ);
	memcpy(VARDATA(cache->value), VARDATA_ANY(packed), size);
	cal = calendar_of(cache->value);
	cache->has_calendar = cal != NULL;
	if (cal != NULL)
		biz_init(&cache->bc, cal);
	MemoryContextSwitchTo(oldcxt);
	return cache;
}

/*
 * The cache in *slot, prepared anew in mcxt unless it already holds the
 * (possibly packed) value.
 */
ArgCache *
arg_cache_match(MemoryContext mcxt, struct varlena *packed,
				CalendarOf calendar_of, ArgCache **slot)
{
	ArgCache   *cache = *slot;
	Size		size = VARSIZE_ANY_EXHDR(packed);

	if (cache == NULL || VARSIZE(cache->value) - VARHDRSZ != size ||
		memcmp(VARDATA(cache->value), VARDATA_ANY(packed), size) != 0)
	{
		if (cache != NULL)
			MemoryContextDelete(cache->mcxt);
		cache = arg_cache_prepare(mcxt, packed, calendar_of);
		*slot = cache;
	}
	return cache;
}

/*
 * The cache of argument argno kept in *slot (in the call site's fn_extra),
 * prepared anew if the argument changed.
 */
ArgCache *
arg_cache_get(FunctionCallInfo fcinfo, int argno, CalendarOf calendar_of,
			  ArgCache **slot)
{
	ArgCache   *cache = *slot;

	/* a constant argument keeps its value, and its address, for the query */
	if (cache != NULL && cache->constant == PG_GETARG_DATUM(argno))
		return cache;
	cache = arg_cache_match(fcinfo->flinfo->fn_mcxt,
							PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(argno)),
							calendar_of, slot);
	cache->constant = get_fn_expr_arg_stable(fcinfo->flinfo, argno) ?
		PG_GETARG_DATUM(argno) : (Datum) 0;
	return cache;
}
