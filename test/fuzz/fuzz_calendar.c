/*
 * fuzz_calendar.c: libFuzzer harness for calendar_parse() and
 * calendar_to_text() (src/calendar/calendar.c), on the server shim (pg_shim.h).
 *
 * bash test/fuzz.sh builds and runs it with the other harnesses; by hand,
 * after that script's build (FUZZ_KEEP=1 keeps its directory):
 *   DIR/fuzz_calendar -dict=test/fuzz/calendar.dict -max_total_time=600 \
 *       /tmp/calendar_corpus test/fuzz/corpus/calendar
 * (new inputs go to the first directory; keep the repository's corpus as
 * the second).  A finding: add the crashing file to test/fuzz/corpus/calendar
 * under a name saying what it found, then minimise the corpus with
 *   DIR/fuzz_calendar -merge=1 NEW_DIR test/fuzz/corpus/calendar
 * and its SQL reproduction to sql/fuzz_findings.sql.
 *
 * The input is the literal as the server hands it over (NUL-terminated, and
 * skipped unless valid UTF-8).  An error it reports is a normal outcome; the
 * harness aborts when
 *	- an error has no SQLSTATE, XX000, no message or one not in UTF-8;
 *	- the canonical text of a calendar does not read back, reads back as
 *	  other bytes, or is not its own canonical text
 * (literal_round_trip.c).
 */
#include "literal_round_trip.h"

#include "calendar/calendar.h"

static struct varlena *
read_calendar(const char *text)
{
	return (struct varlena *) calendar_parse(text);
}

static char *
write_calendar(const struct varlena *value)
{
	return calendar_to_text((const Calendar *) value);
}

static const LiteralType calendar_type = {"calendar", read_calendar, write_calendar};

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return check_literal(&calendar_type, data, size);
}
