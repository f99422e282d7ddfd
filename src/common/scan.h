/*
 * scan.h
 *		What the calendar and contract parsers share: words, white space,
 *		punctuation, positions for messages, and the syntax error itself;
 *		and how every message of the extension quotes what it was given.
 */
#ifndef TICKET_SLA_SCAN_H
#define TICKET_SLA_SCAN_H

#include "postgres.h"
#include "lib/stringinfo.h"

#define SPACE_CHARS " \t\n\r\f\v"
#define DIGIT_CHARS "0123456789"

/* A message quotes at most this many characters of its input, then "..." */
#define SHOWN_MAX_CHARS	60

extern char *shown_text(const char *s, int len);
extern int	char_position(const char *input, const char *p);
extern int	word_length(const char *p);
extern bool word_is(const char *p, int len, const char *kw);
extern void skip_space(const char **p);
extern bool consume(const char **p, const char *tok);
extern void report_syntax_error(const char *type_name, const char *input,
								const char *p, const char *expected,
								int quote_len, const char *hint) pg_attribute_noreturn();
extern void start_clause(StringInfo buf);

#endif							/* TICKET_SLA_SCAN_H */
