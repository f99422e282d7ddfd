/*
 * holiday_dates.h
 *		A calendar's holiday regions as closed dates, for the arithmetic.
 */
#ifndef TICKET_SLA_HOLIDAY_DATES_H
#define TICKET_SLA_HOLIDAY_DATES_H

#include "calendar/calendar.h"

extern const Calendar *calendar_with_holidays(const Calendar *cal);
extern int	sort_unique_days(int32 *days, int n);

#endif							/* TICKET_SLA_HOLIDAY_DATES_H */
