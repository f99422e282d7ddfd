/*
 * text_form.c
 *		Binary input and output through the canonical text, and equality of
 *		normalised values (text_form.h).
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "common/text_form.h"

/*
 * The text of a received value, after its version byte; the caller parses
 * it exactly like text input, so a received value is checked as thoroughly
 * as a typed one.
 */
char *
text_form_recv(StringInfo buf, int version, const char *type_name)
{
	int			got = pq_getmsgbyte(buf);
	int			nbytes;

	if (got != version)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s",
						got, type_name)));
	return pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
}

/* The binary form: the version byte, then the canonical text */
bytea *
text_form_send(const char *text, int version)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, version);
	pq_sendtext(&buf, text, strlen(text));
	return pq_endtypsend(&buf);
}

PG_FUNCTION_INFO_V1(same_bytes);
PG_FUNCTION_INFO_V1(different_bytes);

/* Whether the two varlena arguments have the same bytes */
static bool
varlena_args_equal(FunctionCallInfo fcinfo)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));
	bool		equal;

	equal = VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return equal;
}

/*
 * = and <> of both types: their stored form is normalised, so equal values
 * have equal bytes
 */
Datum
same_bytes(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(varlena_args_equal(fcinfo));
}

Datum
different_bytes(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!varlena_args_equal(fcinfo));
}
