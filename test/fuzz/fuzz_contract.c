/*
 * fuzz_contract.c: libFuzzer harness for contract_in() and
 * contract_to_text() (src/contract/contract.c), on the server shim (pg_shim.h).
 *
 * bash test/fuzz.sh builds and runs it with the other harnesses; by hand,
 * after that script's build (FUZZ_KEEP=1 keeps its directory):
 *   DIR/fuzz_contract -dict=test/fuzz/contract.dict -max_total_time=600 \
 *       /tmp/contract_corpus test/fuzz/corpus/contract
 * (new inputs go to the first directory; keep the repository's corpus as
 * the second).  A finding: add the crashing file to test/fuzz/corpus/contract
 * under a name saying what it found, then minimise the corpus with
 *   DIR/fuzz_contract -merge=1 NEW_DIR test/fuzz/corpus/contract
 * and its SQL reproduction to sql/fuzz_findings.sql.
 *
 * The input is the literal as the server hands it over (NUL-terminated, and
 * skipped unless valid UTF-8).  An error it reports is a normal outcome; the
 * harness aborts when
 *	- an error has no SQLSTATE, XX000, no message or one not in UTF-8;
 *	- the canonical text of a contract does not read back, reads back as
 *	  other bytes, or is not its own canonical text
 * (literal_round_trip.c).
 */
#include "literal_round_trip.h"

#include "contract/contract.h"

/* The input function, called as the server calls it (contract.c) */
extern Datum contract_in(PG_FUNCTION_ARGS);

static struct varlena *
read_contract(const char *text)
{
	LOCAL_FCINFO(fcinfo, 1);

	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = CStringGetDatum(text);
	fcinfo->args[0].isnull = false;
	return (struct varlena *) DatumGetPointer(contract_in(fcinfo));
}

static char *
write_contract(const struct varlena *value)
{
	return contract_to_text((const Contract *) value);
}

static const LiteralType contract_type = {"contract", read_contract, write_contract};

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return check_literal(&contract_type, data, size);
}
