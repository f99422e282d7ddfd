/*
 * calendar.h
 *		The ticket_sla.calendar value: weekly opening hours, a time zone and
 *		dated exceptions, stored in one self-contained varlena.
 *
 * The stored form is already normalised (ranges of a day sorted and merged,
 * dated exceptions sorted and unique), so the arithmetic reads it directly
 * and two calendars are equal exactly when their bytes are.
 *
 * Layout after the fixed header:
 *		CalRange	ranges[n_ranges];	weekly ranges by weekday, then the
 *										ranges of "open" dates
 *		CalDate		dates[n_dates];		sorted by day
 *		char		tzname[];			NUL-terminated canonical zone name
 *		char		regions[];			the holiday regions: NUL-terminated
 *										codes, sorted; none in a calendar
 *										without "holidays" (and in every
 *										value stored before they existed)
 */
#ifndef TICKET_SLA_CALENDAR_H
#define TICKET_SLA_CALENDAR_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "pgtime.h"

#include "holidays/holidays.h"

#define CALENDAR_FORMAT_VERSION 1

#define CAL_SECS_PER_DAY	86400
#define CAL_DAYS_PER_WEEK	7

/* Limits that keep a literal from growing absurd (SQLSTATE 54000). */
#define CAL_MAX_DATES		10000
#define CAL_MAX_RANGES		10000
#define CAL_MAX_REGIONS		HOLIDAY_REGIONS_MAX

/*
 * One open range, in seconds after the local midnight of the date it belongs
 * to.  0 <= start < 86400 and start < end < 2 * 86400: a range that runs
 * overnight ends on the next date but belongs to the date it starts on.
 */
typedef struct CalRange
{
	int32		start;
	int32		end;
} CalRange;

/*
 * A dated exception: the date's own ranges replace the weekly hours
 * (count == 0 means the date is closed).  day counts days since 2000-01-01.
 */
typedef struct CalDate
{
	int32		day;
	uint16		first;			/* index into the ranges array */
	uint16		count;
} CalDate;

typedef struct Calendar
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint16		version;
	uint16		n_ranges;
	int32		n_dates;
	/* ranges of weekday w (0 = Monday) are [week_first[w], week_first[w+1]) */
	uint16		week_first[CAL_DAYS_PER_WEEK + 1];
	char		data[FLEXIBLE_ARRAY_MEMBER];
} Calendar;

static inline const CalRange *
calendar_ranges(const Calendar *cal)
{
	return (const CalRange *) cal->data;
}

static inline const CalDate *
calendar_dates(const Calendar *cal)
{
	return (const CalDate *) (cal->data + cal->n_ranges * sizeof(CalRange));
}

static inline const char *
calendar_tzname(const Calendar *cal)
{
	return (const char *) (calendar_dates(cal) + cal->n_dates);
}

/* The first holiday region's code; as far as calendar_end() when none */
static inline const char *
calendar_regions(const Calendar *cal)
{
	const char *tzname = calendar_tzname(cal);

	return tzname + strlen(tzname) + 1;
}

static inline const char *
calendar_end(const Calendar *cal)
{
	return (const char *) cal + VARSIZE(cal);
}

static inline bool
calendar_has_holidays(const Calendar *cal)
{
	return calendar_regions(cal) < calendar_end(cal);
}

/*
 * Weekday of a day number (days since 2000-01-01, a Saturday), 0 = Monday,
 * for the days of the years 1000 to 9999 and well beyond: shifted by whole
 * weeks to be positive, one unsigned remainder does (the arithmetic asks
 * for weekdays often).
 */
#define CAL_WEEKDAY_SHIFT	(60000 * CAL_DAYS_PER_WEEK + 5)

static inline int
calendar_weekday(int32 day)
{
	return (uint32) (day + CAL_WEEKDAY_SHIFT) % CAL_DAYS_PER_WEEK;
}

/* The canonical text form, used in error messages too. */
extern Datum calendar_out(PG_FUNCTION_ARGS);
extern Calendar *calendar_parse(const char *input);
extern pg_tz *calendar_zone(const char *name, int len, const char *where);
extern char *calendar_to_text(const Calendar *cal);
extern void append_calendar_date(StringInfo buf, int32 day);
extern int	day_cmp(const void *a, const void *b);
extern char *holiday_region_codes(void);

#define DatumGetCalendarP(X)	((Calendar *) PG_DETOAST_DATUM(X))
#define PG_GETARG_CALENDAR_P(n) DatumGetCalendarP(PG_GETARG_DATUM(n))
#define PG_RETURN_CALENDAR_P(x) PG_RETURN_POINTER(x)

#endif							/* TICKET_SLA_CALENDAR_H */
