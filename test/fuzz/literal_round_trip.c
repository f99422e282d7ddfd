/*
 * literal_round_trip.c
 *		Reading a literal and checking its canonical text (literal_round_trip.h).
 */
#include "literal_round_trip.h"

typedef struct Parse
{
	const LiteralType *type;
	const char *text;
	struct varlena *result;
} Parse;

static void
parse(void *arg)
{
	Parse	   *p = arg;

	p->result = p->type->read(p->text);
}

/*
 * The body of LLVMFuzzerTestOneInput: read the input as the server hands
 * it to an input function; a reported error is a normal outcome.  When it
 * reads, its canonical text must read back as the same bytes and print as
 * the same text.
 */
int
check_literal(const LiteralType *type, const uint8_t *data, size_t size)
{
	Parse		first = {type, shim_text_input(data, size), NULL};
	Parse		again = {type, NULL, NULL};
	char	   *canonical;

	if (first.text != NULL && shim_try(parse, &first))
	{
		canonical = type->write(first.result);
		again.text = canonical;
		if (!shim_try(parse, &again))
			shim_fail("canonical %s \"%s\" does not read back: %s",
					  type->name, canonical, shim_last_error());
		if (VARSIZE(again.result) != VARSIZE(first.result) ||
			memcmp(again.result, first.result, VARSIZE(first.result)) != 0)
			shim_fail("canonical %s \"%s\" reads back as another value",
					  type->name, canonical);
		if (strcmp(type->write(again.result), canonical) != 0)
			shim_fail("canonical %s \"%s\" is not a fixed point: \"%s\"",
					  type->name, canonical, type->write(again.result));
	}
	shim_end_input();
	return 0;
}
