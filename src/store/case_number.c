/*
 * case_number.c
 *		Case numbers (CASE-2026-000042): making them, and finding them in
 *		the subjects of mail.
 *
 * A case number is "CASE-", the year the ticket was opened (UTC, four
 * digits), "-", and a serial number of at least six digits from
 * ticket_sla.case_number_seq.  Mail carries it in brackets in the subject,
 * and replies keep it there behind their "Re:" and "AW:".
 */
#include "postgres.h"

#include "commands/sequence.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datetime.h"

#include "store/case_number.h"
#include "common/scan.h"

PG_FUNCTION_INFO_V1(subject_tag);
PG_FUNCTION_INFO_V1(case_from_subject);

#define CASE_PREFIX		"CASE-"
#define CASE_PREFIX_LEN 5
#define CASE_YEAR_LEN	4
#define CASE_MIN_SERIAL 6
#define CASE_MAX_LEN	40		/* generous: a bigint has 19 digits */

static int
digits_at(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q >= '0' && *q <= '9')
		q++;
	return q - p;
}

/*
 * The length of the case number that starts at p (its letters in any case),
 * or 0 when none starts there; the text ends at end.
 */
static int
case_number_length(const char *p, const char *end)
{
	const char *q = p;
	int			serial;

	if (end - q < CASE_PREFIX_LEN || pg_strncasecmp(q, CASE_PREFIX, CASE_PREFIX_LEN) != 0)
		return 0;
	q += CASE_PREFIX_LEN;
	if (digits_at(q, end) != CASE_YEAR_LEN)
		return 0;
	q += CASE_YEAR_LEN;
	if (q == end || *q != '-')
		return 0;
	q++;
	serial = digits_at(q, end);
	if (serial < CASE_MIN_SERIAL || q + serial - p > CASE_MAX_LEN)
		return 0;
	return q + serial - p;
}

/* The case number at p (of length len) in capitals, between open and close */
static text *
upper_case_number(const char *p, int len, const char *open, const char *close)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoString(&buf, open);
	for (i = 0; i < len; i++)
		appendStringInfoChar(&buf, pg_ascii_toupper((unsigned char) p[i]));
	appendStringInfoString(&buf, close);
	return cstring_to_text_with_len(buf.data, buf.len);
}

/*
 * The case number of a ticket opened at opened_at, with the next serial
 * number of the sequence seq.
 */
char *
next_case_number(Oid seq, TimestampTz opened_at)
{
	struct pg_tm tm;
	fsec_t		fsec;

	if (timestamp2tm(opened_at, NULL, &tm, &fsec, NULL, NULL) != 0 ||
		tm.tm_year < 1000 || tm.tm_year > 9999)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("opened_at %s is out of the range of tickets",
						timestamptz_to_str(opened_at)),
				 errdetail("Tickets are opened in the years 1000 to 9999.")));
	return psprintf(CASE_PREFIX "%04d-%06lld", tm.tm_year,
					(long long) nextval_internal(seq, true));
}

/* subject_tag(case): [CASE-2026-000042] */
Datum
subject_tag(PG_FUNCTION_ARGS)
{
	text	   *number = PG_GETARG_TEXT_PP(0);
	const char *p = VARDATA_ANY(number);
	int			len = VARSIZE_ANY_EXHDR(number);

	if (len == 0 || case_number_length(p, p + len) != len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid case number: \"%s\"", shown_text(p, len)),
				 errhint("A case number looks like CASE-2026-000042.")));
	PG_RETURN_TEXT_P(upper_case_number(p, len, "[", "]"));
}

static bool
is_word_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		(c >= 'a' && c <= 'z') || c == '_' || c == '-';
}

/*
 * case_from_subject(subject): the first case number in the subject that
 * stands on its own (not inside a longer word), bracketed or not.
 */
Datum
case_from_subject(PG_FUNCTION_ARGS)
{
	text	   *subject = PG_GETARG_TEXT_PP(0);
	const char *start = VARDATA_ANY(subject);
	const char *end = start + VARSIZE_ANY_EXHDR(subject);
	const char *p;

	for (p = start; p < end; p++)
	{
		int			len;

		if (p > start && is_word_char(p[-1]))
			continue;
		len = case_number_length(p, end);
		if (len > 0 && (p + len == end || !is_word_char(p[len])))
			PG_RETURN_TEXT_P(upper_case_number(p, len, "", ""));
	}
	PG_RETURN_NULL();
}
