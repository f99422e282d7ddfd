/*
 * trigger_support.c
 *		What the stamping triggers share (trigger_support.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "store/trigger_support.h"

/*
 * The trigger data of a call, which must come from a BEFORE INSERT or
 * UPDATE trigger FOR EACH ROW: the only kind that can change the row.
 */
TriggerData *
before_row_trigger(FunctionCallInfo fcinfo, const char *trigger)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() was not called by the trigger manager", trigger)));
	if (!TRIGGER_FIRED_BEFORE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" on relation \"%s\" must fire BEFORE INSERT OR UPDATE ... FOR EACH ROW",
						td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation)),
				 errhint("%s() stamps the row about to be written.", trigger)));
	return td;
}

/* A relation's name, qualified, for messages */
static char *
relation_name(Oid relid)
{
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  get_rel_name(relid));
}

/*
 * Refuse to run on any relation but relid, the store's table the trigger
 * belongs to: it reads and writes the store with rights its caller need
 * not have (a temp table or a view with the trigger attached is refused).
 */
void
require_trigger_relation(Relation rel, Oid relid, const char *trigger)
{
	if (RelationGetRelid(rel) != relid)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("%s() runs only on %s, not on relation %s",
						trigger, relation_name(relid), relation_name(RelationGetRelid(rel)))));
}

/*
 * Refuse to run on a relation of the extension's schema nsp: a trigger for
 * the application's own tables must not reach the store's.
 */
void
refuse_extension_relation(Relation rel, Oid nsp, const char *trigger)
{
	if (RelationGetNamespace(rel) == nsp)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("%s() does not run on relation %s, a table of the ticket store",
						trigger, relation_name(RelationGetRelid(rel))),
				 errhint("It stamps an application's own table.")));
}

/* The row about to be written: the inserted one, or the new version */
HeapTuple
stamped_tuple(TriggerData *td)
{
	return TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
}

/*
 * The attribute number of the column name of rel, which must have the type
 * type (any type when InvalidOid); trigger names who asks, for the message.
 */
AttrNumber
column_of(Relation rel, const char *name, Oid type, const char *trigger)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || strcmp(NameStr(att->attname), name) != 0)
			continue;
		if (OidIsValid(type) && att->atttypid != type)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of relation \"%s\" is of type %s, but trigger %s needs %s",
							name, RelationGetRelationName(rel),
							format_type_be(att->atttypid), trigger,
							format_type_be(type))));
		return att->attnum;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("column \"%s\" of relation \"%s\" does not exist, but trigger %s needs it",
					name, RelationGetRelationName(rel), trigger)));
	return InvalidAttrNumber;	/* keep the compiler quiet */
}

/* The OID of the type name in the extension's schema nsp */
Oid
extension_type(Oid nsp, const char *name)
{
	Oid			type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									   PointerGetDatum(name), ObjectIdGetDatum(nsp));

	if (!OidIsValid(type))
		elog(ERROR, "type %s.%s of ticket_sla is missing", get_namespace_name(nsp), name);
	return type;
}

/* The OID of a label of an enum type */
Oid
enum_label(Oid enum_type, const char *label)
{
	return DatumGetObjectId(DirectFunctionCall2(enum_in, CStringGetDatum(label),
												ObjectIdGetDatum(enum_type)));
}
