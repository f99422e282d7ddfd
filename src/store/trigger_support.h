/*
 * trigger_support.h
 *		What the stamping triggers share: the trigger protocol checked, the
 *		columns they read and write found by name and type, and the OIDs of
 *		the extension's own types and enum labels.
 */
#ifndef TICKET_SLA_TRIGGER_SUPPORT_H
#define TICKET_SLA_TRIGGER_SUPPORT_H

#include "postgres.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/rel.h"

extern TriggerData *before_row_trigger(FunctionCallInfo fcinfo, const char *trigger);
extern HeapTuple stamped_tuple(TriggerData *td);
extern void require_trigger_relation(Relation rel, Oid relid, const char *trigger);
extern void refuse_extension_relation(Relation rel, Oid nsp, const char *trigger);

extern AttrNumber column_of(Relation rel, const char *name, Oid type,
							const char *trigger);
extern Oid	extension_type(Oid nsp, const char *name);
extern Oid	enum_label(Oid enum_type, const char *label);

#endif							/* TICKET_SLA_TRIGGER_SUPPORT_H */
