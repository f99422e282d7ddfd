/*
 * pg_shim.h
 *		What the fuzzing harnesses need to run the extension's parsers and
 *		arithmetic without a server: pg_shim.c stands in for the server
 *		functions they call (memory contexts, ereport, lists, dates, text),
 *		tz_shim.c for its time zones.
 *
 * Memory: palloc allocates in a per-input context that shim_end_input()
 * frees as a whole, as the server resets a context after each call;
 * TopMemoryContext keeps its allocations for the life of the process.
 *
 * Errors: ereport(ERROR) jumps back to shim_try(), which checks that the
 * error is well formed (a SQLSTATE chosen by the code, not XX000; a message
 * in valid UTF-8, of at most a thousand bytes whatever the input) and
 * returns false: a reported error is a normal outcome.
 */
#ifndef TICKET_SLA_PG_SHIM_H
#define TICKET_SLA_PG_SHIM_H

#include "postgres.h"

#include "pgtime.h"

#include <stddef.h>
#include <stdint.h>

/* Run fn(arg); false when it reported an ERROR (checked, then forgotten). */
extern bool shim_try(void (*fn) (void *arg), void *arg);

/* The SQLSTATE and message of the last error shim_try() caught */
extern const char *shim_last_error(void);

/* Free everything palloc'd for this input; call at the end of each input. */
extern void shim_end_input(void);

/*
 * The input as the server hands a cstring to an input function: a
 * NUL-terminated copy, or NULL when it is not valid UTF-8 or holds a NUL
 * (the server never passes such text on).
 */
extern char *shim_text_input(const uint8_t *data, size_t size);

/* Report a broken invariant and abort, so that libFuzzer keeps the input. */
extern void shim_fail(const char *fmt,...) __attribute__((format(printf, 1, 2))) pg_attribute_noreturn();

/* tz_shim.c: the synthetic zones, by index, for harnesses to pick from */
extern int	shim_zone_count(void);
extern const char *shim_zone_name(int i);

#endif							/* TICKET_SLA_PG_SHIM_H */
