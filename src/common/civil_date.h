/*
 * civil_date.h
 *		Proleptic Gregorian dates as days since 2000-01-01 (calendar.h's day
 *		numbers), and back: the one copy the holiday rules and the iCalendar
 *		reader share.
 *
 * Plain C with no server calls, like its two users, so that they can be
 * checked and fuzzed without a server.  Years count astronomically (year 0
 * is 1 BC); a 64-bit day number holds any year an RRULE's INTERVAL can reach.
 */
#ifndef TICKET_SLA_CIVIL_DATE_H
#define TICKET_SLA_CIVIL_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* The day number of year-month-mday (month 1 to 12) */
extern int64_t days_from_civil(int64_t year, int month, int mday);

/* The date of a day number */
extern void civil_from_days(int64_t day, int *year, int *month, int *mday);

extern bool is_leap_year(int64_t year);

/* 28 to 31 */
extern int	days_in_month(int64_t year, int month);

/* 0 = Monday ... 6 = Sunday, as in calendar.h */
extern int	weekday_of(int64_t day);

#endif							/* TICKET_SLA_CIVIL_DATE_H */
