/*
 * holidays.h
 *		Public holidays by rule: the built-in regions and the days each one
 *		closes in a year.
 *
 * Plain C with no server calls, so that the rules can be checked and
 * fuzzed on their own.  Days count from 2000-01-01, as in calendar.h.
 */
#ifndef TICKET_SLA_HOLIDAYS_H
#define TICKET_SLA_HOLIDAYS_H

#include <stddef.h>

/* The years whose holidays the rules know */
#define HOLIDAY_FIRST_YEAR	1990
#define HOLIDAY_LAST_YEAR	2100

/* No more regions than this: a calendar's parser keeps a set of them in 64 bits */
#define HOLIDAY_REGIONS_MAX	64

/* No region has more holidays in one year */
#define HOLIDAYS_PER_YEAR_MAX	32

/* One observed holiday: the day a business closes, and its name */
typedef struct Holiday
{
	int			day;			/* days since 2000-01-01 */
	const char *name;			/* in the country's language, UTF-8 */
} Holiday;

extern int	holiday_region_count(void);
extern const char *holiday_region_code(int region);
extern int	holiday_region_find(const char *code, size_t len);
extern int	holidays_in_year(int region, int year, Holiday *out);

/* hebrew.c: Israel's rest days, by the Hebrew calendar */
extern int	israeli_holidays_in_year(int year, Holiday *out);

#endif							/* TICKET_SLA_HOLIDAYS_H */
