/*
 * text_form.h
 *		What the calendar and contract types share: their binary form is a
 *		version byte followed by their canonical text, and their stored form
 *		is normalised, so that equal values have equal bytes.
 */
#ifndef TICKET_SLA_TEXT_FORM_H
#define TICKET_SLA_TEXT_FORM_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"

extern char *text_form_recv(StringInfo buf, int version, const char *type_name);
extern bytea *text_form_send(const char *text, int version);

#endif							/* TICKET_SLA_TEXT_FORM_H */
