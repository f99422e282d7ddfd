/*
 * pg_shim.c
 *		The server functions that the parsers and the arithmetic call, for
 *		the fuzzing harnesses (pg_shim.h).  Written for the harnesses, from
 *		the contracts in the server's headers; libpgcommon and libpgport
 *		provide StringInfo, psprintf, qsort, UTF-8 and case-insensitive
 *		comparison, as they do in the server.
 */
#include "pg_shim.h"

#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/memnodes.h"
#include "nodes/pg_list.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "fmgr.h"
#include "common/text_form.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>


/* ---------- Memory contexts ---------- */

/*
 * Every chunk starts with this header.  The chunks of the per-input context
 * form a list, freed as a whole at the end of an input; those of
 * TopMemoryContext are on no list.
 */
typedef struct Chunk
{
	struct Chunk *prev;
	struct Chunk *next;
	MemoryContext context;
	Size		size;
} Chunk;

#define CHUNK_DATA(chunk)	((void *) ((chunk) + 1))
#define DATA_CHUNK(ptr)		((Chunk *) (ptr) - 1)

static MemoryContextData input_context_data;
static MemoryContextData top_context_data;

MemoryContext CurrentMemoryContext = &input_context_data;
MemoryContext TopMemoryContext = &top_context_data;

/* The chunks of the per-input context, most recent first */
static Chunk *input_chunks;

void *
MemoryContextAlloc(MemoryContext context, Size size)
{
	Chunk	   *chunk;

	/* the server refuses these sizes too (elog, hence XX000: a bug) */
	if (!AllocSizeIsValid(size))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("invalid memory alloc request size %zu", size)));
	chunk = malloc(sizeof(Chunk) + size);
	if (chunk == NULL)
		shim_fail("out of memory allocating %zu bytes", size);
	chunk->context = context;
	chunk->size = size;
	chunk->prev = NULL;
	chunk->next = NULL;
	if (context == &input_context_data)
	{
		chunk->next = input_chunks;
		if (input_chunks != NULL)
			input_chunks->prev = chunk;
		input_chunks = chunk;
	}
	return CHUNK_DATA(chunk);
}

void *
MemoryContextAllocZero(MemoryContext context, Size size)
{
	return memset(MemoryContextAlloc(context, size), 0, size);
}

void *
palloc(Size size)
{
	return MemoryContextAlloc(CurrentMemoryContext, size);
}

void *
palloc0(Size size)
{
	return MemoryContextAllocZero(CurrentMemoryContext, size);
}

void
pfree(void *pointer)
{
	Chunk	   *chunk = DATA_CHUNK(pointer);

	if (chunk->context == &input_context_data)
	{
		if (chunk->prev != NULL)
			chunk->prev->next = chunk->next;
		else
			input_chunks = chunk->next;
		if (chunk->next != NULL)
			chunk->next->prev = chunk->prev;
	}
	free(chunk);
}

/* Always moves, so that ASan catches a pointer kept across a repalloc */
void *
repalloc(void *pointer, Size size)
{
	Chunk	   *chunk = DATA_CHUNK(pointer);
	void	   *moved = MemoryContextAlloc(chunk->context, size);

	memcpy(moved, pointer, Min(size, chunk->size));
	pfree(pointer);
	return moved;
}

char *
pstrdup(const char *in)
{
	return pnstrdup(in, strlen(in));
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = palloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

void
shim_end_input(void)
{
	while (input_chunks != NULL)
		pfree(CHUNK_DATA(input_chunks));
}


/* ---------- Errors ---------- */

sigjmp_buf *PG_exception_stack = NULL;
ErrorContextCallback *error_context_stack = NULL;

/*
 * No message, detail and hint together are longer: the input quoted in
 * them is shortened (shown_text), whatever its length.
 */
#define MAX_ERROR_BYTES	1000

/* The error being reported: its SQLSTATE (0 until errcode) and message */
static int	error_sqlstate;
static StringInfoData error_text;
static char last_error[1024];

bool
errstart(int elevel, const char *domain)
{
	if (elevel < ERROR)
		return false;			/* nothing below ERROR concerns the harness */
	if (elevel > ERROR)
		shim_fail("ereport at level %d", elevel);
	error_sqlstate = 0;
	initStringInfo(&error_text);
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

int
errcode(int sqlerrcode)
{
	error_sqlstate = sqlerrcode;
	return 0;
}

/*
 * Append a part of the message, formatted as the server formats it, so that
 * ASan sees every argument read (a "%.*s" quoting past its string); the
 * arguments follow parameter last.
 */
#define APPEND_ERROR_PART(label, fmt, last) \
	do { \
		appendStringInfoString(&error_text, (label)); \
		for (;;) \
		{ \
			va_list		args; \
			int			needed; \
			va_start(args, last); \
			needed = appendStringInfoVA(&error_text, (fmt), args); \
			va_end(args); \
			if (needed == 0) \
				break; \
			enlargeStringInfo(&error_text, needed); \
		} \
	} while (0)

int
errmsg(const char *fmt,...)
{
	APPEND_ERROR_PART("", fmt, fmt);
	return 0;
}

int
errmsg_plural(const char *fmt_singular, const char *fmt_plural, unsigned long n,...)
{
	APPEND_ERROR_PART("", n == 1 ? fmt_singular : fmt_plural, n);
	return 0;
}

int
errdetail(const char *fmt,...)
{
	APPEND_ERROR_PART("\nDETAIL: ", fmt, fmt);
	return 0;
}

int
errhint(const char *fmt,...)
{
	APPEND_ERROR_PART("\nHINT: ", fmt, fmt);
	return 0;
}

/* The five characters of a SQLSTATE */
static const char *
sqlstate_text(int sqlstate)
{
	static char text[6];
	int			i;

	for (i = 0; i < 5; i++)
	{
		text[i] = PGUNSIXBIT(sqlstate);
		sqlstate >>= 6;
	}
	return text;
}

/* The error is complete: check it, then back to shim_try(). */
void
errfinish(const char *filename, int lineno, const char *funcname)
{
	snprintf(last_error, sizeof(last_error), "%s: %s (%s:%d)",
			 sqlstate_text(error_sqlstate), error_text.data, filename, lineno);
	if (error_sqlstate == 0)
		shim_fail("error without a SQLSTATE: %s", last_error);
	if (error_sqlstate == ERRCODE_INTERNAL_ERROR)
		shim_fail("internal error: %s", last_error);
	if (error_text.len == 0)
		shim_fail("error without a message: %s", last_error);
	if (pg_encoding_verifymbstr(PG_UTF8, error_text.data, error_text.len) != error_text.len)
		shim_fail("error message is not valid UTF-8: %s", last_error);
	if (error_text.len > MAX_ERROR_BYTES)
		shim_fail("error message of %d bytes: %s", error_text.len, last_error);
	if (PG_exception_stack == NULL)
		shim_fail("error outside shim_try: %s", last_error);
	siglongjmp(*PG_exception_stack, 1);
}

bool
shim_try(void (*fn) (void *arg), void *arg)
{
	sigjmp_buf *volatile outer = PG_exception_stack;
	sigjmp_buf	here;

	if (sigsetjmp(here, 0) != 0)
	{
		PG_exception_stack = outer;
		return false;
	}
	PG_exception_stack = &here;
	fn(arg);
	PG_exception_stack = outer;
	return true;
}

const char *
shim_last_error(void)
{
	return last_error;
}

void
shim_fail(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
	abort();
}

/* Nothing interrupts a harness: InterruptPending stays false. */
volatile sig_atomic_t InterruptPending = false;

void
ProcessInterrupts(void)
{
}


/* ---------- Lists (PG15's layout, see nodes/pg_list.h) ---------- */

List *
lappend(List *list, void *datum)
{
	if (list == NIL)
	{
		list = palloc(offsetof(List, initial_elements) + 4 * sizeof(ListCell));
		list->type = T_List;
		list->length = 0;
		list->max_length = 4;
		list->elements = list->initial_elements;
	}
	if (list->length == list->max_length)
	{
		ListCell   *grown = palloc(2 * list->max_length * sizeof(ListCell));

		memcpy(grown, list->elements, list->length * sizeof(ListCell));
		if (list->elements != list->initial_elements)
			pfree(list->elements);
		list->elements = grown;
		list->max_length *= 2;
	}
	lfirst(&list->elements[list->length++]) = datum;
	return list;
}


/* ---------- Text ---------- */

char *
shim_text_input(const uint8_t *data, size_t size)
{
	if (size > MaxAllocSize ||
		pg_encoding_verifymbstr(PG_UTF8, (const char *) data, size) != (int) size)
		return NULL;
	return pnstrdup((const char *) data, size);
}

/* Characters in the first limit bytes of a UTF-8 string (the database's) */
int
pg_mbstrlen_with_len(const char *mbstr, int limit)
{
	int			len = 0;

	while (limit > 0 && *mbstr != '\0')
	{
		int			l = pg_utf_mblen((const unsigned char *) mbstr);

		limit -= l;
		mbstr += l;
		len++;
	}
	return len;
}

int
pg_mbstrlen(const char *mbstr)
{
	return pg_mbstrlen_with_len(mbstr, INT_MAX);
}

/* Bytes of at most limit characters of the first len bytes of a UTF-8 string */
int
pg_mbcharcliplen(const char *mbstr, int len, int limit)
{
	int			clen = 0;
	int			nch = 0;

	while (len > 0 && *mbstr != '\0' && nch < limit)
	{
		int			l = pg_utf_mblen((const unsigned char *) mbstr);

		nch++;
		clen += l;
		len -= l;
		mbstr += l;
	}
	return clen;
}


/* ---------- Dates ---------- */

const int	day_tab[2][13] = {
	{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0},
	{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0}
};

/*
 * Julian day numbers of the proleptic Gregorian calendar, by counting in
 * 400-year eras of years that begin on March 1 (so that a leap day ends its
 * year).  2000-03-01 is Julian day 2451605.
 */
#define DAYS_PER_ERA		146097
#define JD_OF_2000_03_01	2451605

static int
floor_div_int(int a, int b)
{
	return a / b - (a % b < 0);
}

int
date2j(int year, int month, int day)
{
	int			y = month <= 2 ? year - 1 : year;
	int			era = floor_div_int(y - 2000, 400);
	int			year_of_era = y - 2000 - era * 400;
	int			shifted_month = (month + 9) % 12;	/* March = 0 */
	int			day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
	int			day_of_era = year_of_era * 365 + year_of_era / 4 -
		year_of_era / 100 + day_of_year;

	return JD_OF_2000_03_01 + era * DAYS_PER_ERA + day_of_era;
}

void
j2date(int jd, int *year, int *month, int *day)
{
	int			days = jd - JD_OF_2000_03_01;
	int			era = floor_div_int(days, DAYS_PER_ERA);
	int			day_of_era = days - era * DAYS_PER_ERA;
	int			year_of_era = (day_of_era - day_of_era / 1460 +
							   day_of_era / 36524 - day_of_era / 146096) / 365;
	int			day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
											year_of_era / 100);
	int			shifted_month = (5 * day_of_year + 2) / 153;

	*day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
	*month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
	*year = 2000 + era * 400 + year_of_era + (*month <= 2);
}

/* An instant in UTC, for messages (the server writes it in its TimeZone) */
const char *
timestamptz_to_str(TimestampTz t)
{
	static char buf[64];
	int64		days = t / USECS_PER_DAY - (t % USECS_PER_DAY < 0);
	int64		usecs = t - days * USECS_PER_DAY;
	int			year,
				month,
				day;

	if (TIMESTAMP_IS_NOBEGIN(t))
		return "-infinity";
	if (TIMESTAMP_IS_NOEND(t))
		return "infinity";
	j2date((int) (days + POSTGRES_EPOCH_JDATE), &year, &month, &day);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d.%06d+00",
			 year, month, day, (int) (usecs / USECS_PER_HOUR),
			 (int) (usecs / USECS_PER_MINUTE % 60), (int) (usecs / USECS_PER_SEC % 60),
			 (int) (usecs % USECS_PER_SEC));
	return buf;
}


/* ---------- What only the SQL-callable functions call ---------- */

/*
 * The harnesses call the parsers and printers themselves, never the
 * functions of the SQL interface that wrap them, but those are linked too.
 */

struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	shim_fail("pg_detoast_datum called");
}

char *
text_form_recv(StringInfo buf, int version, const char *type_name)
{
	shim_fail("text_form_recv called");
}

bytea *
text_form_send(const char *text, int version)
{
	shim_fail("text_form_send called");
}
