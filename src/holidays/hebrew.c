/*
 * hebrew.c
 *		Israel's statutory rest days, by the arithmetic Hebrew calendar.
 *
 * The fixed Hebrew calendar follows from the molad (mean new moon) of
 * Tishrei: a year begins on the day of its molad unless one of the four
 * postponements (dehiyyot) moves it on, a year is as long as the distance
 * to the next new year, and every other date is counted from 1 Tishrei
 * through the lengths of the months.
 *
 * Hebrew days are counted here from the Sunday before the first new year,
 * so that day % 7 is the weekday (0 = Sunday).  A Hebrew day begins at the
 * evening before; the day counted is the civil day of its daylight, the day
 * on which a holiday closes business (not its eve).
 */
#include <stdbool.h>
#include <stdint.h>

#include "holidays/holidays.h"

/* Time is reckoned in parts (halakim) from 6 pm: 1080 parts to the hour */
#define PARTS_PER_HOUR		1080
#define PARTS_PER_DAY		(24 * PARTS_PER_HOUR)

/* A mean lunation: 29 days 12 hours 793 parts */
#define PARTS_PER_MONTH		(29 * PARTS_PER_DAY + 12 * PARTS_PER_HOUR + 793)

/* The molad of Tishrei of year 1, BaHaRaD: Monday, 5 hours 204 parts */
#define MOLAD_BAHARAD		(1 * PARTS_PER_DAY + 5 * PARTS_PER_HOUR + 204)

/*
 * The Hebrew day of 2000-01-01: 1 Tishrei of year 1 (day 1) was Monday
 * 7 October 3761 BCE (proleptic Julian), 2103547 days before 2000-01-01.
 */
#define HEBREW_DAY_OF_2000_01_01	2103548

/* The Hebrew year that begins in the autumn of a Gregorian year */
#define HEBREW_YEAR_OFFSET	3761

/* The first year in which Yom HaAtzmaut moves off a Monday */
#define INDEPENDENCE_DAY_MONDAY_RULE_FROM	2004

typedef enum Weekday
{
	SUNDAY,
	MONDAY,
	TUESDAY,
	WEDNESDAY,
	THURSDAY,
	FRIDAY,
	SATURDAY
} Weekday;

/* The months in the order of the year from Tishrei, as far as Sivan */
typedef enum HebrewMonth
{
	TISHREI,
	HESHVAN,
	KISLEV,
	TEVET,
	SHEVAT,
	ADAR_I,						/* leap years only */
	ADAR,						/* Adar II in a leap year */
	NISAN,
	IYAR,
	SIVAN
} HebrewMonth;

/* Years 3, 6, 8, 11, 14, 17 and 19 of the 19-year cycle have 13 months */
static bool
is_leap_year(int year)
{
	return (7 * year + 1) % 19 < 7;
}

/*
 * Months from the molad BaHaRaD to the molad of Tishrei of year: 235 to a
 * whole cycle, 12 to a common year and 13 to a leap year before it.
 */
static int
months_before_year(int year)
{
	return (235 * year - 234) / 19;
}

/* The molad of Tishrei of year, in parts since the start of day 0 */
static int64_t
molad_of_tishrei(int year)
{
	return MOLAD_BAHARAD + (int64_t) months_before_year(year) * PARTS_PER_MONTH;
}

/* The day of 1 Tishrei of year: the day of the molad, postponed as needed */
static int
new_year_day(int year)
{
	int64_t		molad = molad_of_tishrei(year);
	int			day = (int) (molad / PARTS_PER_DAY);
	int			parts = (int) (molad % PARTS_PER_DAY);
	int			weekday = day % 7;

	/* Molad zaken: a molad at or after noon puts the new year off a day */
	if (parts >= 18 * PARTS_PER_HOUR)
		day++;

	/*
	 * GaTaRaD: a common year whose molad is on a Tuesday at or after 9 hours
	 * 204 parts would be 356 days long (the next molad is then a molad zaken
	 * on Saturday); it is put off to Wednesday, and by lo ADU to Thursday.
	 */
	else if (weekday == TUESDAY && parts >= 9 * PARTS_PER_HOUR + 204 &&
			 !is_leap_year(year))
		day++;

	/*
	 * BeTU'TaKPaT: after a leap year, a molad on a Monday at or after 15
	 * hours 589 parts would leave the leap year only 382 days long; the new
	 * year is put off to Tuesday.
	 */
	else if (weekday == MONDAY && parts >= 15 * PARTS_PER_HOUR + 589 &&
			 is_leap_year(year - 1))
		day++;

	/*
	 * Lo ADU Rosh: 1 Tishrei is never a Sunday, Wednesday or Friday, so that
	 * Yom Kippur does not adjoin Shabbat and Hoshana Rabbah is not one.
	 */
	weekday = day % 7;
	if (weekday == SUNDAY || weekday == WEDNESDAY || weekday == FRIDAY)
		day++;

	return day;
}

/* 353, 354 or 355 days in a common year, 383, 384 or 385 in a leap year */
static int
year_length(int year)
{
	return new_year_day(year + 1) - new_year_day(year);
}

static int
month_length(int year, HebrewMonth month)
{
	switch (month)
	{
		case HESHVAN:
			/* 30 days in a complete year (355 or 385 days) */
			return year_length(year) % 10 == 5 ? 30 : 29;
		case KISLEV:
			/* 29 days in a deficient year (353 or 383 days) */
			return year_length(year) % 10 == 3 ? 29 : 30;
		case ADAR_I:
			/* a common year has no Adar I */
			return is_leap_year(year) ? 30 : 0;
		case TEVET:
		case ADAR:
		case IYAR:
			return 29;
		default:
			return 30;
	}
}

/* The day of day_of_month month year */
static int
hebrew_date_day(int year, HebrewMonth month, int day_of_month)
{
	int			day = new_year_day(year) + day_of_month - 1;
	HebrewMonth m;

	for (m = TISHREI; m < month; m++)
		day += month_length(year, m);
	return day;
}

/*
 * Yom HaAtzmaut of Hebrew year (in Gregorian civil_year): 5 Iyar, brought
 * forward to the Thursday when it falls on a Friday or Saturday so as not
 * to touch Shabbat, and from 2004 put off to Tuesday 6 Iyar when it falls on
 * a Monday, so that Yom HaZikaron before it does not begin as Shabbat ends.
 * (5 Iyar is never a Sunday.)
 */
static int
independence_day(int year, int civil_year)
{
	int			day = hebrew_date_day(year, IYAR, 5);

	switch (day % 7)
	{
		case FRIDAY:
			return day - 1;
		case SATURDAY:
			return day - 2;
		case MONDAY:
			return civil_year >= INDEPENDENCE_DAY_MONDAY_RULE_FROM ? day + 1 : day;
		default:
			return day;
	}
}

/* Appends the holiday on a Hebrew day to out[n]; returns the new count */
static int
add_holiday(Holiday *out, int n, int hebrew_day, const char *name)
{
	out[n].day = hebrew_day - HEBREW_DAY_OF_2000_01_01;
	out[n].name = name;
	return n + 1;
}

/*
 * The rest days in Gregorian year: the spring holidays of the Hebrew year
 * that began the autumn before, then the autumn holidays of the Hebrew year
 * that begins in it.  In 1990..2100 Pesach falls between 26 March and
 * 25 April and Shavuot by 14 June, Rosh Hashanah from 5 September and
 * Shemini Atzeret by 26 October: all within the Gregorian year, and in
 * this order.
 */
int
israeli_holidays_in_year(int year, Holiday *out)
{
	int			spring = year + HEBREW_YEAR_OFFSET - 1;
	int			autumn = year + HEBREW_YEAR_OFFSET;
	int			n = 0;

	n = add_holiday(out, n, hebrew_date_day(spring, NISAN, 15), "פסח");
	n = add_holiday(out, n, hebrew_date_day(spring, NISAN, 21), "שביעי של פסח");
	n = add_holiday(out, n, independence_day(spring, year), "יום העצמאות");
	n = add_holiday(out, n, hebrew_date_day(spring, SIVAN, 6), "שבועות");
	n = add_holiday(out, n, hebrew_date_day(autumn, TISHREI, 1), "ראש השנה");
	n = add_holiday(out, n, hebrew_date_day(autumn, TISHREI, 2), "ראש השנה");
	n = add_holiday(out, n, hebrew_date_day(autumn, TISHREI, 10), "יום הכיפורים");
	n = add_holiday(out, n, hebrew_date_day(autumn, TISHREI, 15), "סוכות");
	n = add_holiday(out, n, hebrew_date_day(autumn, TISHREI, 22), "שמיני עצרת");
	return n;
}
