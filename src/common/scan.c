/*
 * scan.c
 *		Scanning the literals of the calendar and contract types (scan.h).
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include "common/scan.h"

/*
 * The len bytes at s as a message quotes them: whole when short, else
 * their first SHOWN_MAX_CHARS characters and "...", so that a huge input
 * does not make a huge message.
 */
char *
shown_text(const char *s, int len)
{
	int			shown = pg_mbcharcliplen(s, len, SHOWN_MAX_CHARS);

	if (shown == len)
		return pnstrdup(s, len);
	return psprintf("%.*s...", shown, s);
}

/* 1-based position of p in the input, in characters, for messages */
int
char_position(const char *input, const char *p)
{
	return pg_mbstrlen_with_len(input, p - input) + 1;
}

/*
 * Letters and digits make words; so do the bytes of non-ASCII characters,
 * which keeps such a character whole when a word is quoted in a message.
 */
static bool
is_word_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		(c >= 'A' && c <= 'Z') || IS_HIGHBIT_SET(c);
}

int
word_length(const char *p)
{
	const char *q = p;

	while (is_word_char(*q))
		q++;
	return q - p;
}

/* Is the word of len bytes at p the keyword kw, in any case? */
bool
word_is(const char *p, int len, const char *kw)
{
	return len == (int) strlen(kw) && pg_strncasecmp(p, kw, len) == 0;
}

void
skip_space(const char **p)
{
	*p += strspn(*p, SPACE_CHARS);
}

/* Skip white space, then the punctuation tok if it comes next */
bool
consume(const char **p, const char *tok)
{
	size_t		len = strlen(tok);

	skip_space(p);
	if (strncmp(*p, tok, len) != 0)
		return false;
	*p += len;
	return true;
}

/*
 * Report a syntax error at p in a literal of the type, where the grammar
 * wanted what "expected" names.  When a clause stops short, at ";" or at the
 * end of the input, the detail says what is missing; otherwise it quotes the
 * quote_len bytes of unexpected text at p.  Both quotes are shortened.  A
 * hint (NULL for none) says how to write what was wanted.
 */
void
report_syntax_error(const char *type_name, const char *input, const char *p,
					const char *expected, int quote_len, const char *hint)
{
	int			position = char_position(input, p);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type_name,
					shown_text(input, strlen(input))),
			 (*p == '\0' || *p == ';') ?
			 errdetail("Expected %s at position %d.", expected, position) :
			 errdetail("Unexpected \"%s\" at position %d.", shown_text(p, quote_len), position),
			 hint ? errhint("%s", hint) : 0));
}

/* Clauses of the canonical output are separated by "; " */
void
start_clause(StringInfo buf)
{
	if (buf->len > 0)
		appendStringInfoString(buf, "; ");
}
