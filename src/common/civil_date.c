/*
 * civil_date.c
 *		Proleptic Gregorian dates <-> days since 2000-01-01 (civil_date.h).
 *
 * After H. Hinnant's days_from_civil and civil_from_days: years are counted
 * from 1 March, so that the leap day ends one, and split into eras of 400
 * years (146097 days), within which the day of a date is a closed formula.
 * 0000-03-01 is day -730425, so day 0 is 2000-01-01.
 */
#include "common/civil_date.h"

/* Days from 0000-03-01 to 2000-01-01 */
#define EPOCH_SHIFT		730425
#define DAYS_PER_ERA	146097

int64_t
days_from_civil(int64_t year, int month, int mday)
{
	int64_t		y = month <= 2 ? year - 1 : year;
	int64_t		era = (y >= 0 ? y : y - 399) / 400;
	int64_t		year_of_era = y - era * 400;
	int64_t		day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + mday - 1;
	int64_t		day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	return era * DAYS_PER_ERA + day_of_era - EPOCH_SHIFT;
}

void
civil_from_days(int64_t day, int *year, int *month, int *mday)
{
	int64_t		z = day + EPOCH_SHIFT;
	int64_t		era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	int64_t		day_of_era = z - era * DAYS_PER_ERA;
	int64_t		year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
							   - day_of_era / (DAYS_PER_ERA - 1)) / 365;
	int64_t		day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int64_t		month_from_march = (5 * day_of_year + 2) / 153;

	*mday = (int) (day_of_year - (153 * month_from_march + 2) / 5 + 1);
	*month = (int) (month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
	*year = (int) (year_of_era + era * 400 + (*month <= 2));
}

bool
is_leap_year(int64_t year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
days_in_month(int64_t year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

/* 2000-01-01 was a Saturday */
int
weekday_of(int64_t day)
{
	int64_t		w = (day + 5) % 7;

	return (int) (w < 0 ? w + 7 : w);
}
