/*
 * literal_round_trip.h
 *		What the harnesses of the two literal types share: read the input as
 *		a literal and check that the canonical text of what it reads is a
 *		fixed point (literal_round_trip.c).
 */
#ifndef TICKET_SLA_LITERAL_ROUND_TRIP_H
#define TICKET_SLA_LITERAL_ROUND_TRIP_H

#include "pg_shim.h"

/* A type with a text form: its input and its canonical output */
typedef struct LiteralType
{
	const char *name;
	struct varlena *(*read) (const char *text);
	char	   *(*write) (const struct varlena *value);
} LiteralType;

extern int	check_literal(const LiteralType *type, const uint8_t *data, size_t size);

#endif							/* TICKET_SLA_LITERAL_ROUND_TRIP_H */
