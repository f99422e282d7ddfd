/*
 * arg_cache.c
 *		The per-call-site cache of a calendar-bearing argument (arg_cache.h).
 *
 * Whether the argument is still the value the cache holds is decided on
 * the value as it is stored, without decompressing it:
 *
 * - A plain value (4-byte or 1-byte header) is compared byte for byte with
 *   the cached copy.
 * - A value compressed in line is compared byte for byte, header included,
 *   with the compressed form last seen for the cached value.  The header
 *   holds the compressed size, the raw size and the method, and the bytes
 *   after it are what the method decompresses; decompression is a function
 *   of those bytes, so equal bytes are the same value.  Unequal bytes may
 *   still be the same value (compressed by another method, or a value stored
 *   plain in another row): then the value is decompressed and compared with
 *   the cached copy, and only a different value prepares its calendar anew.
 * - A value stored out of line (a TOAST pointer) is fetched from the TOAST
 *   table but not decompressed, and compared as above.  The pointer itself
 *   (toast relation and value OID) is not trusted: a value OID names one
 *   value only while its chunks exist, and once they are deleted and
 *   vacuumed the OID may be given to another value, for instance after the
 *   OID counter wraps during a long transaction whose plpgsql expressions
 *   keep their call sites.  Fetching costs an index lookup per row, far less
 *   than decompressing a calendar that large.
 * - A Const argument is recognised by its address alone: it cannot change
 *   while the expression tree, and so the call site's cache, exists.  An
 *   external Param is not: a plpgsql expression keeps its call sites for the
 *   transaction, and a variable's next value may be allocated where its
 *   last one was.
 *
 * The cache holds one value, its calendar and at most one compressed form
 * of it, so its memory stays bounded however many values pass.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "nodes/primnodes.h"
#include "utils/memutils.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#include "engine/arg_cache.h"

/*
 * A copy of the (possibly packed, not compressed) argument in a memory
 * context of its own, with its calendar prepared.
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

	Assert(!VARATT_IS_COMPRESSED(packed) && !VARATT_IS_EXTERNAL(packed));
	cache->mcxt = cxt;
	cache->constant = (Datum) 0;
	cache->compressed = NULL;
	cache->more = NULL;
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
 * plain (possibly packed) value.
 */
static ArgCache *
match_plain(MemoryContext mcxt, struct varlena *packed,
			CalendarOf calendar_of, ArgCache **slot)
{
	ArgCache   *cache = *slot;
	Size		size = VARSIZE_ANY_EXHDR(packed);

	if (cache == NULL || VARSIZE(cache->value) - VARHDRSZ != size ||
		memcmp(VARDATA(cache->value), VARDATA_ANY(packed), size) != 0)
	{
		/* nothing freed stays in the slot if preparing fails */
		*slot = NULL;
		if (cache != NULL)
			MemoryContextDelete(cache->mcxt);
		cache = arg_cache_prepare(mcxt, packed, calendar_of);
		*slot = cache;
	}
	return cache;
}

/*
 * The cache in *slot, prepared anew in mcxt unless it already holds the
 * value: plain, packed, compressed in line or stored out of line.
 */
ArgCache *
arg_cache_match(MemoryContext mcxt, struct varlena *value,
				CalendarOf calendar_of, ArgCache **slot)
{
	ArgCache   *cache = *slot;
	struct varlena *stored = value;
	struct varlena *plain;

	if (!VARATT_IS_COMPRESSED(value) && !VARATT_IS_EXTERNAL(value))
		return match_plain(mcxt, value, calendar_of, slot);

	/* out of line: the chunks, still compressed if they were stored so */
	if (VARATT_IS_EXTERNAL(value))
		stored = detoast_external_attr(value);
	if (!VARATT_IS_COMPRESSED(stored))
		cache = match_plain(mcxt, stored, calendar_of, slot);
	else if (cache == NULL || cache->compressed == NULL ||
			 VARSIZE(cache->compressed) != VARSIZE(stored) ||
			 memcmp(cache->compressed, stored, VARSIZE(stored)) != 0)
	{
		plain = detoast_attr(stored);
		cache = match_plain(mcxt, plain, calendar_of, slot);
		pfree(plain);
		/* this form, rather than the one before, is the likelier next */
		if (cache->compressed != NULL)
			pfree(cache->compressed);
		/* nothing freed stays in the cache if the allocation fails */
		cache->compressed = NULL;
		cache->compressed = MemoryContextAlloc(cache->mcxt, VARSIZE(stored));
		memcpy(cache->compressed, stored, VARSIZE(stored));
	}
	if (stored != value)
		pfree(stored);
	return cache;
}

/* Whether argument argno of the call is a Const in the expression */
static bool
arg_is_const(FmgrInfo *flinfo, int argno)
{
	List	   *args;

	if (flinfo->fn_expr == NULL)
		return false;
	if (IsA(flinfo->fn_expr, FuncExpr))
		args = ((FuncExpr *) flinfo->fn_expr)->args;
	else if (IsA(flinfo->fn_expr, OpExpr))
		args = ((OpExpr *) flinfo->fn_expr)->args;
	else
		return false;
	return argno < list_length(args) && IsA(list_nth(args, argno), Const);
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
	Datum		arg = PG_GETARG_DATUM(argno);

	/* a Const argument keeps its value, and its address, for the query */
	if (cache != NULL && cache->constant == arg)
		return cache;
	cache = arg_cache_match(fcinfo->flinfo->fn_mcxt,
							(struct varlena *) DatumGetPointer(arg),
							calendar_of, slot);
	cache->constant = arg_is_const(fcinfo->flinfo, argno) ? arg : (Datum) 0;
	return cache;
}
