/*
 * holidays.c
 *		The built-in holiday regions: the rules of each one, and the days
 *		they close in a year.
 *
 * A region's holidays are data, one Rule each: a fixed date, a day counted
 * from Easter Sunday, the n-th or last weekday of a month and so on, in
 * force from a first to a last year (a one-off is a rule of one year),
 * with the years in which its day was proclaimed on another date.
 * Regions that have days in common share a list of rules: every German Land
 * has the national list and then its own, and England, Scotland and
 * Northern Ireland build on the days of all of the United Kingdom.
 *
 * A rule may also hold only in the years a number divides: the Netherlands'
 * Bevrijdingsdag as most offices keep it, in lustrum years (NL-LUSTRUM).
 * Switzerland's cantons build on the four days every canton keeps (CH),
 * in the canton's own language.
 *
 * A region also says what becomes of a holiday on a Saturday or Sunday:
 * nothing (DE, AT, CH and its cantons, NL), a substitute day (GB: the next weekday that is
 * not already a holiday) or an observed day (US: the Friday before or the
 * Monday after).  An observed day can lie in another year than the holiday
 * (the US observes a Saturday 1 January on the Friday 31 December before),
 * so a year's list is worked out from the rules of the years either side
 * as well.
 *
 * Israel's rest days follow the Hebrew calendar; hebrew.c lists them.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/civil_date.h"
#include "holidays/holidays.h"

#define lengthof(array) (sizeof(array) / sizeof((array)[0]))

enum
{
	JAN = 1, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC
};

/* Weekdays, 0 = Monday as in calendar.h */
enum
{
	MON, TUE, WED, THU, FRI, SAT, SUN
};

/* The n of the last weekday of a month */
#define LAST_IN_MONTH (-1)

typedef enum RuleKind
{
	RULE_DATE,					/* a fixed date */
	RULE_DATE_UNLESS_SUNDAY,	/* a fixed date, or the day before when that
								 * is a Sunday */
	RULE_EASTER,				/* days after Easter Sunday (before if < 0) */
	RULE_NTH_WEEKDAY,			/* the n-th or the last weekday of a month,
								 * and days_after days after it */
	RULE_WEEKDAY_BEFORE			/* the last weekday before a date */
} RuleKind;

/* A year in which a holiday was proclaimed on another date */
typedef struct MovedDay
{
	short		year;			/* 0 ends a list */
	signed char month;
	signed char mday;
	const char *name;			/* its name that year */
} MovedDay;

typedef struct Rule
{
	RuleKind	kind;
	signed char month;
	signed char mday;			/* the date, or the date it is before */
	signed char nth;			/* 1 to 4, or LAST_IN_MONTH */
	signed char weekday;
	short		easter_offset;
	short		days_after;		/* RULE_NTH_WEEKDAY: days after that weekday */
	short		first_year;		/* 0: no first year */
	short		last_year;		/* 0: no last year */
	short		year_divisor;	/* 0: every year; else only in the years it
								 * divides */
	const MovedDay *moved;		/* NULL, or years on another date */
	const char *name;			/* unless moved */
	const char *observed_name;	/* its name on a substitute or observed day;
								 * NULL for a day never on a weekend */
} Rule;

/*
 * A rule is written as designated initializers: the kind with its date,
 * then the years if it has any, then the name.  A rule that can be moved
 * off a weekend gets its name there by string-literal concatenation, so
 * that every name is a literal.
 */
#define DATE(d, m)				.kind = RULE_DATE, .month = (m), .mday = (d)
#define DATE_UNLESS_SUNDAY(d, m) .kind = RULE_DATE_UNLESS_SUNDAY, .month = (m), .mday = (d)
#define EASTER(offset)			.kind = RULE_EASTER, .easter_offset = (offset)
#define NTH_WEEKDAY(n, wd, m)	.kind = RULE_NTH_WEEKDAY, .nth = (n), .weekday = (wd), .month = (m)
#define LAST_WEEKDAY(wd, m)		NTH_WEEKDAY(LAST_IN_MONTH, wd, m)
#define DAYS_AFTER_NTH_WEEKDAY(days, n, wd, m) NTH_WEEKDAY(n, wd, m), .days_after = (days)
#define WEEKDAY_BEFORE(wd, d, m) .kind = RULE_WEEKDAY_BEFORE, .weekday = (wd), .month = (m), .mday = (d)
#define FROM(y)					.first_year = (y)
#define UNTIL(y)				.last_year = (y)
#define ONLY_IN(y)				.first_year = (y), .last_year = (y)
#define YEARS_DIVISIBLE_BY(n)	.year_divisor = (n)
#define MOVED(days)				.moved = (days)
#define NAME(s)					.name = s
#define GB_NAME(s)				.name = s, .observed_name = s " (substitute day)"
#define US_NAME(s)				.name = s, .observed_name = s " (observed)"

typedef struct RuleList
{
	const Rule *rules;
	int			n;
} RuleList;

#define RULE_LIST(rules)		{rules, (int) lengthof(rules)}

/* What becomes of a holiday that falls on a Saturday or a Sunday */
typedef enum Substitution
{
	NO_SUBSTITUTE,				/* nothing: the day is simply lost */
	NEXT_FREE_WEEKDAY,			/* GB: the next weekday not yet a holiday */
	NEAREST_WEEKDAY				/* US: Friday before, Monday after */
} Substitution;

/* A region's rules come in at most this many shared lists */
#define MAX_RULE_LISTS 3



/*
 * A region: its rule lists and substitution, or, for a region whose days
 * are not rules of the Gregorian calendar, the function that lists them.
 */
typedef struct Region
{
	const char *code;			/* canonical: upper case */
	Substitution substitution;
	RuleList	lists[MAX_RULE_LISTS];	/* unused ones are empty */
	int			(*listed_by) (int year, Holiday *out);
} Region;


/* ---------- Germany and Austria ---------- */

/* Days that several German-language lists name alike */
#define NEUJAHR					DATE(1, JAN), NAME("Neujahr")
#define HEILIGE_DREI_KOENIGE	DATE(6, JAN), NAME("Heilige Drei Könige")
#define FRAUENTAG				DATE(8, MAR), NAME("Internationaler Frauentag")
#define OSTERSONNTAG			EASTER(0), NAME("Ostersonntag")
#define OSTERMONTAG				EASTER(1), NAME("Ostermontag")
#define CHRISTI_HIMMELFAHRT		EASTER(39), NAME("Christi Himmelfahrt")
#define PFINGSTSONNTAG			EASTER(49), NAME("Pfingstsonntag")
#define PFINGSTMONTAG			EASTER(50), NAME("Pfingstmontag")
#define FRONLEICHNAM			EASTER(60), NAME("Fronleichnam")
#define MARIAE_HIMMELFAHRT		DATE(15, AUG), NAME("Mariä Himmelfahrt")
#define REFORMATIONSTAG			DATE(31, OCT), NAME("Reformationstag")
#define ALLERHEILIGEN			DATE(1, NOV), NAME("Allerheiligen")
#define BUSS_UND_BETTAG			WEEKDAY_BEFORE(WED, 23, NOV), NAME("Buß- und Bettag")

/* The days of every Land, and so of DE */
static const Rule de_rules[] = {
	{NEUJAHR},
	{EASTER(-2), NAME("Karfreitag")},
	{OSTERMONTAG},
	{DATE(1, MAY), NAME("Tag der Arbeit")},
	{CHRISTI_HIMMELFAHRT},
	{PFINGSTMONTAG},
	{DATE(3, OCT), NAME("Tag der Deutschen Einheit")},
	{DATE(25, DEC), NAME("1. Weihnachtstag")},
	{DATE(26, DEC), NAME("2. Weihnachtstag")},
	/* given up from 1995 to fund the long-term care insurance (not in SN) */
	{BUSS_UND_BETTAG, UNTIL(1994)},
	/* the 500th anniversary of the Reformation */
	{REFORMATIONSTAG, ONLY_IN(2017)},
};

#define DE_DAYS RULE_LIST(de_rules)

static const Rule de_bw_rules[] = {
	{HEILIGE_DREI_KOENIGE}, {FRONLEICHNAM}, {ALLERHEILIGEN},
};

static const Rule de_by_rules[] = {
	{HEILIGE_DREI_KOENIGE}, {FRONLEICHNAM}, {MARIAE_HIMMELFAHRT}, {ALLERHEILIGEN},
};

static const Rule de_be_rules[] = {
	{FRAUENTAG, FROM(2019)},
	/* the 75th and 80th anniversaries of the end of the war in Europe */
	{DATE(8, MAY), ONLY_IN(2020), NAME("Tag der Befreiung")},
	{DATE(8, MAY), ONLY_IN(2025), NAME("Tag der Befreiung")},
};

static const Rule de_bb_rules[] = {
	{OSTERSONNTAG}, {PFINGSTSONNTAG}, {REFORMATIONSTAG},
};

static const Rule de_hb_hh_ni_sh_rules[] = {
	{REFORMATIONSTAG, FROM(2018)},
};

static const Rule de_he_rules[] = {
	{OSTERSONNTAG}, {PFINGSTSONNTAG}, {FRONLEICHNAM},
};

static const Rule de_mv_rules[] = {
	{FRAUENTAG, FROM(2023)}, {REFORMATIONSTAG},
};

static const Rule de_nw_rp_rules[] = {
	{FRONLEICHNAM}, {ALLERHEILIGEN},
};

static const Rule de_sl_rules[] = {
	{FRONLEICHNAM}, {MARIAE_HIMMELFAHRT}, {ALLERHEILIGEN},
};

static const Rule de_sn_rules[] = {
	{REFORMATIONSTAG}, {BUSS_UND_BETTAG},
};

static const Rule de_st_rules[] = {
	{HEILIGE_DREI_KOENIGE, FROM(1991)}, {REFORMATIONSTAG},
};

static const Rule de_th_rules[] = {
	{DATE(20, SEP), FROM(2019), NAME("Weltkindertag")}, {REFORMATIONSTAG},
};

static const Rule at_rules[] = {
	{NEUJAHR},
	{HEILIGE_DREI_KOENIGE},
	{OSTERMONTAG},
	{DATE(1, MAY), NAME("Staatsfeiertag")},
	{CHRISTI_HIMMELFAHRT},
	{PFINGSTMONTAG},
	{FRONLEICHNAM},
	{MARIAE_HIMMELFAHRT},
	{DATE(26, OCT), NAME("Nationalfeiertag")},
	{ALLERHEILIGEN},
	{DATE(8, DEC), NAME("Mariä Empfängnis")},
	{DATE(25, DEC), NAME("Christtag")},
	{DATE(26, DEC), NAME("Stefanitag")},
};


/* ---------- Switzerland ---------- */

/*
 * Only 1 August is a federal holiday (Bundesverfassung Art. 110); each
 * canton makes up to eight more days equal to Sundays (Arbeitsgesetz
 * Art. 20a) and may keep other public rest days.  A canton's list is its
 * own law's, the days of the whole canton; days of some communes or
 * districts only, half days, and the days that always fall on a Sunday
 * (Easter, Whit Sunday, the Bettag) are left out.
 */

/* The days every canton keeps, and so of CH; in German */
static const Rule ch_rules[] = {
	{DATE(1, JAN), NAME("Neujahrstag")},
	{EASTER(39), NAME("Auffahrt")},
	{DATE(1, AUG), NAME("Bundesfeiertag")},
	{DATE(25, DEC), NAME("Weihnachtstag")},
};

#define CH_DAYS RULE_LIST(ch_rules)

#define KARFREITAG				EASTER(-2), NAME("Karfreitag")
#define STEPHANSTAG				DATE(26, DEC), NAME("Stephanstag")
/* ZH, BE, BS and SG: Easter, Whitsun and Christmas as in most cantons */
static const Rule ch_easter_whitsun_christmas_rules[] = {
	{KARFREITAG},
	{EASTER(1), NAME("Ostermontag")},
	{EASTER(50), NAME("Pfingstmontag")},
	{STEPHANSTAG},
};

#define CH_EASTER_WHITSUN_CHRISTMAS RULE_LIST(ch_easter_whitsun_christmas_rules)

/* Ruhetags- und Ladenöffnungsgesetz (ZH) § 1; RLG (BS) § 2 */
static const Rule ch_zh_bs_rules[] = {
	{DATE(1, MAY), NAME("Tag der Arbeit")},
};

/* Gesetz über die Ruhe an öffentlichen Feiertagen (BE) Art. 2 */
static const Rule ch_be_rules[] = {
	{DATE(2, JAN), NAME("Berchtoldstag")},
};

/* Gesetz über Ruhetag und Ladenöffnung (SG) Art. 2 */
static const Rule ch_sg_rules[] = {
	{ALLERHEILIGEN},
};

/* Ruhetags- und Ladenschlussgesetz (LU) § 1a */
static const Rule ch_lu_rules[] = {
	{KARFREITAG},
	{EASTER(60), NAME("Fronleichnam")},
	{MARIAE_HIMMELFAHRT},
	{ALLERHEILIGEN},
	{DATE(8, DEC), NAME("Mariä Empfängnis")},
	{STEPHANSTAG},
};

/* AG: the days of every district; each district has four more of its own */
static const Rule ch_ag_rules[] = {
	{KARFREITAG},
};

/* GE and VD alike: the four days of every canton, Easter and Whitsun */
static const Rule ch_fr_rules[] = {
	{DATE(1, JAN), NAME("Nouvel An")},
	{EASTER(-2), NAME("Vendredi saint")},
	{EASTER(1), NAME("Lundi de Pâques")},
	{EASTER(39), NAME("Ascension")},
	{EASTER(50), NAME("Lundi de Pentecôte")},
	{DATE(1, AUG), NAME("Fête nationale")},
	{DATE(25, DEC), NAME("Noël")},
};

/* Loi sur les jours fériés (GE) art. 1 */
static const Rule ch_ge_rules[] = {
	/* the Thursday after the first Sunday of September */
	{DAYS_AFTER_NTH_WEEKDAY(4, 1, SUN, SEP), NAME("Jeûne genevois")},
	{DATE(31, DEC), NAME("Restauration de la République")},
};

/* Vaud's jours fériés officiels */
static const Rule ch_vd_rules[] = {
	{DATE(2, JAN), NAME("2 janvier")},
	/* the Monday after the Jeûne fédéral, the third Sunday of September */
	{DAYS_AFTER_NTH_WEEKDAY(1, 3, SUN, SEP), NAME("Lundi du Jeûne fédéral")},
};

/* Legge concernente i giorni festivi ufficiali (TI) art. 1 */
static const Rule ch_ti_rules[] = {
	{DATE(1, JAN), NAME("Capo d'anno")},
	{DATE(6, JAN), NAME("Epifania")},
	{DATE(19, MAR), NAME("San Giuseppe")},
	{EASTER(1), NAME("Lunedì di Pasqua")},
	{DATE(1, MAY), NAME("Primo maggio")},
	{EASTER(39), NAME("Ascensione")},
	{EASTER(50), NAME("Lunedì di Pentecoste")},
	{EASTER(60), NAME("Corpus Domini")},
	{DATE(29, JUN), NAME("San Pietro e Paolo")},
	{DATE(1, AUG), NAME("Primo agosto")},
	{DATE(15, AUG), NAME("Assunzione")},
	{DATE(1, NOV), NAME("Ognissanti")},
	{DATE(8, DEC), NAME("Immacolata")},
	{DATE(25, DEC), NAME("Natale")},
	{DATE(26, DEC), NAME("Santo Stefano")},
};


/* ---------- The Netherlands ---------- */

/*
 * The algemeen erkende feestdagen of the Algemene termijnenwet, which
 * counts 5 May every year (NL); most offices and collective agreements
 * close on Bevrijdingsdag only in lustrum years (NL-LUSTRUM).  The days
 * before and after 5 May are two lists, so that Bevrijdingsdag keeps its
 * place between them (before Hemelvaartsdag on 5 May 2005 and 2016).
 */
static const Rule nl_spring_rules[] = {
	{DATE(1, JAN), NAME("Nieuwjaarsdag")},
	{EASTER(0), NAME("Eerste Paasdag")},
	{EASTER(1), NAME("Tweede Paasdag")},
	{DATE_UNLESS_SUNDAY(30, APR), UNTIL(2013), NAME("Koninginnedag")},
	{DATE_UNLESS_SUNDAY(27, APR), FROM(2014), NAME("Koningsdag")},
};

#define BEVRIJDINGSDAG			DATE(5, MAY), NAME("Bevrijdingsdag")

static const Rule nl_liberation_rules[] = {
	{BEVRIJDINGSDAG},
};

static const Rule nl_liberation_lustrum_rules[] = {
	{BEVRIJDINGSDAG, YEARS_DIVISIBLE_BY(5)},
};

static const Rule nl_summer_winter_rules[] = {
	{EASTER(39), NAME("Hemelvaartsdag")},
	{EASTER(49), NAME("Eerste Pinksterdag")},
	{EASTER(50), NAME("Tweede Pinksterdag")},
	{DATE(25, DEC), NAME("Eerste Kerstdag")},
	{DATE(26, DEC), NAME("Tweede Kerstdag")},
};


/* ---------- United Kingdom ---------- */

/* VE Day's 50th and 75th anniversaries */
static const MovedDay early_may_moves[] = {
	{1995, MAY, 8, "Early May bank holiday (VE day)"},
	{2020, MAY, 8, "Early May bank holiday (VE day)"},
	{0}
};

/* Making room for the Golden, Diamond and Platinum Jubilees */
static const MovedDay spring_moves[] = {
	{2002, JUN, 4, "Spring bank holiday"},
	{2012, JUN, 4, "Spring bank holiday"},
	{2022, JUN, 2, "Spring bank holiday"},
	{0}
};

/* The bank holidays of all of the United Kingdom */
static const Rule gb_rules[] = {
	{DATE(1, JAN), GB_NAME("New Year's Day")},
	{EASTER(-2), NAME("Good Friday")},
	{NTH_WEEKDAY(1, MON, MAY), MOVED(early_may_moves), NAME("Early May bank holiday")},
	{LAST_WEEKDAY(MON, MAY), MOVED(spring_moves), NAME("Spring bank holiday")},
	{DATE(25, DEC), GB_NAME("Christmas Day")},
	{DATE(26, DEC), GB_NAME("Boxing Day")},
	/* one-offs by royal proclamation */
	{DATE(31, DEC), ONLY_IN(1999), NAME("Millennium Celebrations")},
	{DATE(3, JUN), ONLY_IN(2002), NAME("Golden Jubilee")},
	{DATE(29, APR), ONLY_IN(2011), NAME("Royal wedding")},
	{DATE(5, JUN), ONLY_IN(2012), NAME("Queen's Diamond Jubilee")},
	{DATE(3, JUN), ONLY_IN(2022), NAME("Platinum Jubilee bank holiday")},
	{DATE(19, SEP), ONLY_IN(2022), NAME("Bank Holiday for the State Funeral of Queen Elizabeth II")},
	{DATE(8, MAY), ONLY_IN(2023), NAME("Bank holiday for the coronation of King Charles III")},
};

/* England and Wales, and Northern Ireland too */
static const Rule gb_eng_rules[] = {
	{EASTER(1), NAME("Easter Monday")},
	{LAST_WEEKDAY(MON, AUG), NAME("Summer bank holiday")},
};

static const Rule gb_nir_rules[] = {
	{DATE(17, MAR), GB_NAME("St Patrick's Day")},
	{DATE(12, JUL), GB_NAME("Battle of the Boyne (Orangemen's Day)")},
};

static const Rule gb_sct_rules[] = {
	{DATE(2, JAN), GB_NAME("2nd January")},
	{NTH_WEEKDAY(1, MON, AUG), NAME("Summer bank holiday")},
	{DATE(30, NOV), FROM(2007), GB_NAME("St Andrew's Day")},
};


/* ---------- United States ---------- */

/* The federal holidays of 5 U.S.C. 6103 */
static const Rule us_rules[] = {
	{DATE(1, JAN), US_NAME("New Year's Day")},
	{NTH_WEEKDAY(3, MON, JAN), NAME("Birthday of Martin Luther King, Jr.")},
	{NTH_WEEKDAY(3, MON, FEB), NAME("Washington's Birthday")},
	{LAST_WEEKDAY(MON, MAY), NAME("Memorial Day")},
	{DATE(19, JUN), FROM(2021), US_NAME("Juneteenth National Independence Day")},
	{DATE(4, JUL), US_NAME("Independence Day")},
	{NTH_WEEKDAY(1, MON, SEP), NAME("Labor Day")},
	{NTH_WEEKDAY(2, MON, OCT), NAME("Columbus Day")},
	{DATE(11, NOV), US_NAME("Veterans Day")},
	{NTH_WEEKDAY(4, THU, NOV), NAME("Thanksgiving Day")},
	{DATE(25, DEC), US_NAME("Christmas Day")},
};


/* ---------- The regions, by code ---------- */

static const Region regions[] = {
	{.code = "AT", .lists = {RULE_LIST(at_rules)}},
	{.code = "CH", .lists = {CH_DAYS}},
	{.code = "CH-AG", .lists = {CH_DAYS, RULE_LIST(ch_ag_rules)}},
	{.code = "CH-BE", .lists = {CH_DAYS, CH_EASTER_WHITSUN_CHRISTMAS, RULE_LIST(ch_be_rules)}},
	{.code = "CH-BS", .lists = {CH_DAYS, CH_EASTER_WHITSUN_CHRISTMAS, RULE_LIST(ch_zh_bs_rules)}},
	{.code = "CH-GE", .lists = {RULE_LIST(ch_fr_rules), RULE_LIST(ch_ge_rules)}},
	{.code = "CH-LU", .lists = {CH_DAYS, RULE_LIST(ch_lu_rules)}},
	{.code = "CH-SG", .lists = {CH_DAYS, CH_EASTER_WHITSUN_CHRISTMAS, RULE_LIST(ch_sg_rules)}},
	{.code = "CH-TI", .lists = {RULE_LIST(ch_ti_rules)}},
	{.code = "CH-VD", .lists = {RULE_LIST(ch_fr_rules), RULE_LIST(ch_vd_rules)}},
	{.code = "CH-ZH", .lists = {CH_DAYS, CH_EASTER_WHITSUN_CHRISTMAS, RULE_LIST(ch_zh_bs_rules)}},
	{.code = "DE", .lists = {DE_DAYS}},
	{.code = "DE-BB", .lists = {DE_DAYS, RULE_LIST(de_bb_rules)}},
	{.code = "DE-BE", .lists = {DE_DAYS, RULE_LIST(de_be_rules)}},
	{.code = "DE-BW", .lists = {DE_DAYS, RULE_LIST(de_bw_rules)}},
	{.code = "DE-BY", .lists = {DE_DAYS, RULE_LIST(de_by_rules)}},
	{.code = "DE-HB", .lists = {DE_DAYS, RULE_LIST(de_hb_hh_ni_sh_rules)}},
	{.code = "DE-HE", .lists = {DE_DAYS, RULE_LIST(de_he_rules)}},
	{.code = "DE-HH", .lists = {DE_DAYS, RULE_LIST(de_hb_hh_ni_sh_rules)}},
	{.code = "DE-MV", .lists = {DE_DAYS, RULE_LIST(de_mv_rules)}},
	{.code = "DE-NI", .lists = {DE_DAYS, RULE_LIST(de_hb_hh_ni_sh_rules)}},
	{.code = "DE-NW", .lists = {DE_DAYS, RULE_LIST(de_nw_rp_rules)}},
	{.code = "DE-RP", .lists = {DE_DAYS, RULE_LIST(de_nw_rp_rules)}},
	{.code = "DE-SH", .lists = {DE_DAYS, RULE_LIST(de_hb_hh_ni_sh_rules)}},
	{.code = "DE-SL", .lists = {DE_DAYS, RULE_LIST(de_sl_rules)}},
	{.code = "DE-SN", .lists = {DE_DAYS, RULE_LIST(de_sn_rules)}},
	{.code = "DE-ST", .lists = {DE_DAYS, RULE_LIST(de_st_rules)}},
	{.code = "DE-TH", .lists = {DE_DAYS, RULE_LIST(de_th_rules)}},
	{.code = "GB-ENG", .substitution = NEXT_FREE_WEEKDAY,
		.lists = {RULE_LIST(gb_rules), RULE_LIST(gb_eng_rules)}},
	{.code = "GB-NIR", .substitution = NEXT_FREE_WEEKDAY,
		.lists = {RULE_LIST(gb_rules), RULE_LIST(gb_eng_rules), RULE_LIST(gb_nir_rules)}},
	{.code = "GB-SCT", .substitution = NEXT_FREE_WEEKDAY,
		.lists = {RULE_LIST(gb_rules), RULE_LIST(gb_sct_rules)}},
	{.code = "IL", .listed_by = israeli_holidays_in_year},
	{.code = "NL", .lists = {RULE_LIST(nl_spring_rules), RULE_LIST(nl_liberation_rules),
		RULE_LIST(nl_summer_winter_rules)}},
	{.code = "NL-LUSTRUM", .lists = {RULE_LIST(nl_spring_rules),
		RULE_LIST(nl_liberation_lustrum_rules), RULE_LIST(nl_summer_winter_rules)}},
	{.code = "US", .substitution = NEAREST_WEEKDAY, .lists = {RULE_LIST(us_rules)}},
};


/* ---------- Civil dates (days since 2000-01-01: common/civil_date.h) ---------- */

/* Saturday or Sunday */
static bool
is_weekend(int day)
{
	return weekday_of(day) >= SAT;
}

/* The first day on or after day that falls on the given weekday */
static int
weekday_on_or_after(int day, int weekday)
{
	return day + (weekday - weekday_of(day) + 7) % 7;
}

/* The last day on or before day that falls on the given weekday */
static int
weekday_on_or_before(int day, int weekday)
{
	return day - (weekday_of(day) - weekday + 7) % 7;
}

static int
last_day_of_month(int year, int month)
{
	return month == DEC ? days_from_civil(year, DEC, 31)
		: days_from_civil(year, month + 1, 1) - 1;
}

/*
 * Easter Sunday of a Gregorian year, by the anonymous computus (Meeus,
 * Jones, Butcher): h places the Paschal full moon after 21 March by the
 * year's place in the 19-year lunar cycle (a) and the century's solar and
 * lunar corrections; l steps on to the Sunday after it; m applies the two
 * exceptions that keep Easter on or before 25 April.
 */
static int
easter_sunday(int year)
{
	int			a = year % 19;
	int			century = year / 100;
	int			year_of_century = year % 100;
	int			h = (19 * a + century - century / 4
					 - (century - (century + 8) / 25 + 1) / 3 + 15) % 30;
	int			l = (32 + 2 * (century % 4) + 2 * (year_of_century / 4)
					 - h - year_of_century % 4) % 7;
	int			m = (a + 11 * h + 22 * l) / 451;
	int			month_day = h + l - 7 * m + 114;	/* 31 * month + mday - 1 */

	return days_from_civil(year, month_day / 31, month_day % 31 + 1);
}


/* ---------- Rules ---------- */

static bool
rule_in_force(const Rule *rule, int year)
{
	return (rule->first_year == 0 || year >= rule->first_year) &&
		(rule->last_year == 0 || year <= rule->last_year) &&
		(rule->year_divisor == 0 || year % rule->year_divisor == 0);
}

/* Where a rule's holiday was proclaimed in a year, or NULL if not moved */
static const MovedDay *
moved_day_in(const Rule *rule, int year)
{
	const MovedDay *move;

	for (move = rule->moved; move != NULL && move->year != 0; move++)
		if (move->year == year)
			return move;
	return NULL;
}

/* The day a rule gives in a year, as its kind says */
static int
rule_day(const Rule *rule, int year)
{
	int			day;

	switch (rule->kind)
	{
		case RULE_DATE:
			return days_from_civil(year, rule->month, rule->mday);
		case RULE_DATE_UNLESS_SUNDAY:
			day = days_from_civil(year, rule->month, rule->mday);
			return weekday_of(day) == SUN ? day - 1 : day;
		case RULE_EASTER:
			return easter_sunday(year) + rule->easter_offset;
		case RULE_NTH_WEEKDAY:
			if (rule->nth == LAST_IN_MONTH)
				day = weekday_on_or_before(last_day_of_month(year, rule->month),
										   rule->weekday);
			else
				day = weekday_on_or_after(days_from_civil(year, rule->month, 1),
										  rule->weekday) + 7 * (rule->nth - 1);
			return day + rule->days_after;
		case RULE_WEEKDAY_BEFORE:
			return weekday_on_or_before(days_from_civil(year, rule->month, rule->mday) - 1,
										rule->weekday);
	}
	assert(!"unknown rule kind");
	return 0;
}


/* ---------- A region's days ---------- */

/* A holiday that a rule gives, and the day it is observed on */
typedef struct Occurrence
{
	int			day;			/* observed */
	int			rule_day;		/* as the rule gives it */
	const char *name;			/* its name on rule_day */
	int			order;			/* the rule's place in the region's lists */
	const Rule *rule;
} Occurrence;

/*
 * A year's list is worked out from the rules of the year before and the
 * year after as well, since a holiday can be observed across New Year.
 */
#define WINDOW_MAX (3 * HOLIDAYS_PER_YEAR_MAX)

/* The holiday a rule in force gives in a year; order is the rule's place */
static Occurrence
occurrence_of(const Rule *rule, int year, int order)
{
	const MovedDay *move = moved_day_in(rule, year);
	Occurrence	occ;

	if (move != NULL)
	{
		occ.rule_day = days_from_civil(year, move->month, move->mday);
		occ.name = move->name;
	}
	else
	{
		occ.rule_day = rule_day(rule, year);
		occ.name = rule->name;
	}
	occ.day = occ.rule_day;
	occ.order = order;
	occ.rule = rule;
	return occ;
}

/* Add the holidays a region's rules give in a year to occ[n...]; the new n */
static int
add_rule_days(const Region *region, int year, Occurrence *occ, int n)
{
	int			order = 0;
	int			l;
	int			i;

	for (l = 0; l < MAX_RULE_LISTS; l++)
	{
		const RuleList *list = &region->lists[l];

		for (i = 0; i < list->n; i++, order++)
		{
			if (!rule_in_force(&list->rules[i], year))
				continue;
			assert(n < WINDOW_MAX);
			occ[n++] = occurrence_of(&list->rules[i], year, order);
		}
	}
	return n;
}

/* By day, then in rule order */
static int
occurrence_cmp(const void *a, const void *b)
{
	const Occurrence *oa = (const Occurrence *) a;
	const Occurrence *ob = (const Occurrence *) b;

	if (oa->day != ob->day)
		return (oa->day > ob->day) - (oa->day < ob->day);
	return (oa->order > ob->order) - (oa->order < ob->order);
}

static void
sort_occurrences(Occurrence *occ, int n)
{
	qsort(occ, (size_t) n, sizeof(Occurrence), occurrence_cmp);
}

/* Whether sorted occ[0..n-1] ends with a holiday named name on day */
static bool
listed_on_day(const Occurrence *occ, int n, int day, const char *name)
{
	int			i;

	for (i = n - 1; i >= 0 && occ[i].day == day; i--)
		if (strcmp(occ[i].name, name) == 0)
			return true;
	return false;
}

/*
 * Keep only the first of two rules giving one holiday on one day: DE-SN's
 * Buß- und Bettag up to 1994, the Reformationstag of 2017 in a Land that
 * has it anyway.  occ is sorted; returns the new n.
 */
static int
drop_repeated_holidays(Occurrence *occ, int n)
{
	int			kept = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (!listed_on_day(occ, kept, occ[i].day, occ[i].name))
			occ[kept++] = occ[i];
	return kept;
}

/* Move a holiday to another day, where it is known by its observed name */
static void
observe_on(Occurrence *occ, int day)
{
	assert(occ->rule->observed_name != NULL);
	occ->day = day;
}

/* Whether some holiday of occ[0..n-1] is observed on day */
static bool
day_taken(const Occurrence *occ, int n, int day)
{
	int			i;

	for (i = 0; i < n; i++)
		if (occ[i].day == day)
			return true;
	return false;
}

/*
 * GB: a holiday on a weekend moves to the next weekday that is neither a
 * holiday on its own date nor an earlier holiday's substitute.  Taken in
 * date order, the holidays not yet looked at still stand on their own
 * dates, so a weekday is free exactly when nothing is on it.
 */
static void
substitute_next_free_weekday(Occurrence *occ, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		int			day = occ[i].day;

		if (!is_weekend(day))
			continue;
		do
			day++;
		while (is_weekend(day) || day_taken(occ, n, day));
		observe_on(&occ[i], day);
	}
}

/*
 * US: a holiday on a Saturday is observed the Friday before, one on a
 * Sunday the Monday after.
 */
static void
observe_nearest_weekday(Occurrence *occ, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		if (weekday_of(occ[i].day) == SAT)
			observe_on(&occ[i], occ[i].day - 1);
		else if (weekday_of(occ[i].day) == SUN)
			observe_on(&occ[i], occ[i].day + 1);
	}
}

/* Move the weekend holidays of sorted occ[] as the region does */
static void
move_weekend_holidays(Substitution substitution, Occurrence *occ, int n)
{
	switch (substitution)
	{
		case NO_SUBSTITUTE:
			break;
		case NEXT_FREE_WEEKDAY:
			substitute_next_free_weekday(occ, n);
			break;
		case NEAREST_WEEKDAY:
			observe_nearest_weekday(occ, n);
			break;
	}
}

/* Copy the holidays of sorted occ[] observed in year to out[]; how many */
static int
holidays_observed_in(int year, const Occurrence *occ, int n, Holiday *out)
{
	int			first = days_from_civil(year, JAN, 1);
	int			next_first = days_from_civil(year + 1, JAN, 1);
	int			count = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (occ[i].day < first || occ[i].day >= next_first)
			continue;
		assert(count < HOLIDAYS_PER_YEAR_MAX);
		out[count].day = occ[i].day;
		out[count].name = occ[i].day == occ[i].rule_day ? occ[i].name : occ[i].rule->observed_name;
		count++;
	}
	return count;
}


/* ---------- The interface ---------- */

/* A calendar's parser keeps the regions it names as bits of a uint64 */
_Static_assert(lengthof(regions) <= HOLIDAY_REGIONS_MAX, "more regions than a calendar can name");

int
holiday_region_count(void)
{
	return (int) lengthof(regions);
}

/* The canonical (upper-case) code of region 0 <= region < count */
const char *
holiday_region_code(int region)
{
	assert(region >= 0 && region < holiday_region_count());
	return regions[region].code;
}

static char
ascii_toupper(char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/*
 * The region whose code is the len bytes at code, in any ASCII case (code
 * need not be NUL-terminated); -1 if none is.
 */
int
holiday_region_find(const char *code, size_t len)
{
	int			r;

	for (r = 0; r < holiday_region_count(); r++)
	{
		const char *known = regions[r].code;
		size_t		i;

		if (strlen(known) != len)
			continue;
		for (i = 0; i < len && known[i] == ascii_toupper(code[i]); i++)
			;
		if (i == len)
			return r;
	}
	return -1;
}

/*
 * The holidays a region observes in a year, HOLIDAY_FIRST_YEAR <= year <=
 * HOLIDAY_LAST_YEAR, into out[HOLIDAYS_PER_YEAR_MAX]: sorted by day, two
 * on one day in rule order.  Returns how many there are.
 */
int
holidays_in_year(int region, int year, Holiday *out)
{
	const Region *r;
	Occurrence	occ[WINDOW_MAX];
	int			n = 0;
	int			y;

	assert(region >= 0 && region < holiday_region_count());
	assert(year >= HOLIDAY_FIRST_YEAR && year <= HOLIDAY_LAST_YEAR);
	r = &regions[region];
	if (r->listed_by != NULL)
		return r->listed_by(year, out);

	for (y = year - 1; y <= year + 1; y++)
		n = add_rule_days(r, y, occ, n);
	sort_occurrences(occ, n);
	n = drop_repeated_holidays(occ, n);
	move_weekend_holidays(r->substitution, occ, n);
	sort_occurrences(occ, n);
	return holidays_observed_in(year, occ, n, out);
}
