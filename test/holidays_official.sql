-- holidays_official.sql: the OFFICIAL public-holiday lists of chosen years,
-- written as data, independently of the C rules in src/holidays.c and
-- src/hebrew.c (which were neither read nor run when this file was written).
-- sql/holidays.sql compares the extension's lists with these rows; a
-- difference means either the rules or this file is wrong, so look at the
-- source named on the block before "fixing" either.
--
-- Conventions (from /work/briefs/holiday_spec.md): only the observed day is
-- listed; names byte for byte as the spec writes them (ASCII apostrophes,
-- " (substitute day)" for GB, " (observed)" for US); in DE, AT, CH and NL a
-- holiday on a weekend is still listed on its own date; two holidays on one
-- day are two rows; rows are ordered by day, then by the spec's rule order.
-- The file is UTF-8 (German umlauts, Hebrew names).
--
-- How each block was checked: Easter from `ncal -e YEAR` (BSD ncal), weekdays
-- from the calendar, Hebrew dates from ICU (Node.js Intl, calendar 'hebrew');
-- a throwaway generator produced candidate rows, and each region-year block
-- was then compared by hand with what the named official source publishes
-- for that year, every moved, substituted and one-off day in particular.
-- GB and US lists were additionally typed by hand from the published gov.uk
-- and OPM tables and diffed against the generator (no differences); the
-- England-and-Wales dates of 2020-2024 were also compared with a verbatim
-- copy of gov.uk's bank-holidays.json (titles there differ; see below).
--
-- Names: the one-off and moved days of 2020-2023 carry gov.uk's own titles
-- ("Early May bank holiday (VE day)", "Platinum Jubilee bank holiday", "Bank
-- Holiday for the State Funeral of Queen Elizabeth II", "Bank holiday for
-- the coronation of King Charles III"); gov.uk writes a substitute day as
-- the plain title with the note "Substitute day", here " (substitute day)".
--
-- Coverage: 115 region-year blocks, 1196 rows.
--   DE and all 16 Laender: 2016, 2017, 2022, 2025; also DE 1994, 1995;
--   DE-SN 1994, 1995; DE-BE 2019, 2020; DE-MV 2023; DE-TH 2019.
--   AT, CH: 2016, 2019, 2022, 2025.   NL: 2006, 2014, 2016, 2022, 2025.
--   GB-ENG, GB-SCT, GB-NIR: 2016, 2020, 2021, 2022, 2023, 2024.
--   US: 2020, 2021, 2022, 2023, 2026.   IL: 2023, 2024, 2025.

CREATE TEMP TABLE official (region text, day date, name text);

-- DE 2016: the days every Land's Feiertagsgesetz has (intersection of the 16 Land laws; 3 Oct by Einigungsvertrag Art. 2(2))
INSERT INTO official (region, day, name) VALUES
('DE', '2016-01-01', 'Neujahr'),
('DE', '2016-03-25', 'Karfreitag'),
('DE', '2016-03-28', 'Ostermontag'),
('DE', '2016-05-01', 'Tag der Arbeit'),
('DE', '2016-05-05', 'Christi Himmelfahrt'),
('DE', '2016-05-16', 'Pfingstmontag'),
('DE', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE', '2016-12-25', '1. Weihnachtstag'),
('DE', '2016-12-26', '2. Weihnachtstag');

-- DE 2017: the days every Land's Feiertagsgesetz has (intersection of the 16 Land laws; 3 Oct by Einigungsvertrag Art. 2(2))
--   Reformationstag 2017: one-off 500th anniversary, enacted by every Land.
INSERT INTO official (region, day, name) VALUES
('DE', '2017-01-01', 'Neujahr'),
('DE', '2017-04-14', 'Karfreitag'),
('DE', '2017-04-17', 'Ostermontag'),
('DE', '2017-05-01', 'Tag der Arbeit'),
('DE', '2017-05-25', 'Christi Himmelfahrt'),
('DE', '2017-06-05', 'Pfingstmontag'),
('DE', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE', '2017-10-31', 'Reformationstag'),
('DE', '2017-12-25', '1. Weihnachtstag'),
('DE', '2017-12-26', '2. Weihnachtstag');

-- DE 2022: the days every Land's Feiertagsgesetz has (intersection of the 16 Land laws; 3 Oct by Einigungsvertrag Art. 2(2))
INSERT INTO official (region, day, name) VALUES
('DE', '2022-01-01', 'Neujahr'),
('DE', '2022-04-15', 'Karfreitag'),
('DE', '2022-04-18', 'Ostermontag'),
('DE', '2022-05-01', 'Tag der Arbeit'),
('DE', '2022-05-26', 'Christi Himmelfahrt'),
('DE', '2022-06-06', 'Pfingstmontag'),
('DE', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE', '2022-12-25', '1. Weihnachtstag'),
('DE', '2022-12-26', '2. Weihnachtstag');

-- DE 2025: the days every Land's Feiertagsgesetz has (intersection of the 16 Land laws; 3 Oct by Einigungsvertrag Art. 2(2))
INSERT INTO official (region, day, name) VALUES
('DE', '2025-01-01', 'Neujahr'),
('DE', '2025-04-18', 'Karfreitag'),
('DE', '2025-04-21', 'Ostermontag'),
('DE', '2025-05-01', 'Tag der Arbeit'),
('DE', '2025-05-29', 'Christi Himmelfahrt'),
('DE', '2025-06-09', 'Pfingstmontag'),
('DE', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE', '2025-12-25', '1. Weihnachtstag'),
('DE', '2025-12-26', '2. Weihnachtstag');

-- DE-BW 2016: Feiertagsgesetz Baden-Wuerttemberg (FTG BW)
INSERT INTO official (region, day, name) VALUES
('DE-BW', '2016-01-01', 'Neujahr'),
('DE-BW', '2016-01-06', 'Heilige Drei Könige'),
('DE-BW', '2016-03-25', 'Karfreitag'),
('DE-BW', '2016-03-28', 'Ostermontag'),
('DE-BW', '2016-05-01', 'Tag der Arbeit'),
('DE-BW', '2016-05-05', 'Christi Himmelfahrt'),
('DE-BW', '2016-05-16', 'Pfingstmontag'),
('DE-BW', '2016-05-26', 'Fronleichnam'),
('DE-BW', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-BW', '2016-11-01', 'Allerheiligen'),
('DE-BW', '2016-12-25', '1. Weihnachtstag'),
('DE-BW', '2016-12-26', '2. Weihnachtstag');

-- DE-BW 2017: Feiertagsgesetz Baden-Wuerttemberg (FTG BW)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-BW', '2017-01-01', 'Neujahr'),
('DE-BW', '2017-01-06', 'Heilige Drei Könige'),
('DE-BW', '2017-04-14', 'Karfreitag'),
('DE-BW', '2017-04-17', 'Ostermontag'),
('DE-BW', '2017-05-01', 'Tag der Arbeit'),
('DE-BW', '2017-05-25', 'Christi Himmelfahrt'),
('DE-BW', '2017-06-05', 'Pfingstmontag'),
('DE-BW', '2017-06-15', 'Fronleichnam'),
('DE-BW', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-BW', '2017-10-31', 'Reformationstag'),
('DE-BW', '2017-11-01', 'Allerheiligen'),
('DE-BW', '2017-12-25', '1. Weihnachtstag'),
('DE-BW', '2017-12-26', '2. Weihnachtstag');

-- DE-BW 2022: Feiertagsgesetz Baden-Wuerttemberg (FTG BW)
INSERT INTO official (region, day, name) VALUES
('DE-BW', '2022-01-01', 'Neujahr'),
('DE-BW', '2022-01-06', 'Heilige Drei Könige'),
('DE-BW', '2022-04-15', 'Karfreitag'),
('DE-BW', '2022-04-18', 'Ostermontag'),
('DE-BW', '2022-05-01', 'Tag der Arbeit'),
('DE-BW', '2022-05-26', 'Christi Himmelfahrt'),
('DE-BW', '2022-06-06', 'Pfingstmontag'),
('DE-BW', '2022-06-16', 'Fronleichnam'),
('DE-BW', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-BW', '2022-11-01', 'Allerheiligen'),
('DE-BW', '2022-12-25', '1. Weihnachtstag'),
('DE-BW', '2022-12-26', '2. Weihnachtstag');

-- DE-BW 2025: Feiertagsgesetz Baden-Wuerttemberg (FTG BW)
INSERT INTO official (region, day, name) VALUES
('DE-BW', '2025-01-01', 'Neujahr'),
('DE-BW', '2025-01-06', 'Heilige Drei Könige'),
('DE-BW', '2025-04-18', 'Karfreitag'),
('DE-BW', '2025-04-21', 'Ostermontag'),
('DE-BW', '2025-05-01', 'Tag der Arbeit'),
('DE-BW', '2025-05-29', 'Christi Himmelfahrt'),
('DE-BW', '2025-06-09', 'Pfingstmontag'),
('DE-BW', '2025-06-19', 'Fronleichnam'),
('DE-BW', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-BW', '2025-11-01', 'Allerheiligen'),
('DE-BW', '2025-12-25', '1. Weihnachtstag'),
('DE-BW', '2025-12-26', '2. Weihnachtstag');

-- DE-BY 2016: Bayerisches Feiertagsgesetz (FTG, Art. 1)
INSERT INTO official (region, day, name) VALUES
('DE-BY', '2016-01-01', 'Neujahr'),
('DE-BY', '2016-01-06', 'Heilige Drei Könige'),
('DE-BY', '2016-03-25', 'Karfreitag'),
('DE-BY', '2016-03-28', 'Ostermontag'),
('DE-BY', '2016-05-01', 'Tag der Arbeit'),
('DE-BY', '2016-05-05', 'Christi Himmelfahrt'),
('DE-BY', '2016-05-16', 'Pfingstmontag'),
('DE-BY', '2016-05-26', 'Fronleichnam'),
('DE-BY', '2016-08-15', 'Mariä Himmelfahrt'),
('DE-BY', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-BY', '2016-11-01', 'Allerheiligen'),
('DE-BY', '2016-12-25', '1. Weihnachtstag'),
('DE-BY', '2016-12-26', '2. Weihnachtstag');

-- DE-BY 2017: Bayerisches Feiertagsgesetz (FTG, Art. 1)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-BY', '2017-01-01', 'Neujahr'),
('DE-BY', '2017-01-06', 'Heilige Drei Könige'),
('DE-BY', '2017-04-14', 'Karfreitag'),
('DE-BY', '2017-04-17', 'Ostermontag'),
('DE-BY', '2017-05-01', 'Tag der Arbeit'),
('DE-BY', '2017-05-25', 'Christi Himmelfahrt'),
('DE-BY', '2017-06-05', 'Pfingstmontag'),
('DE-BY', '2017-06-15', 'Fronleichnam'),
('DE-BY', '2017-08-15', 'Mariä Himmelfahrt'),
('DE-BY', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-BY', '2017-10-31', 'Reformationstag'),
('DE-BY', '2017-11-01', 'Allerheiligen'),
('DE-BY', '2017-12-25', '1. Weihnachtstag'),
('DE-BY', '2017-12-26', '2. Weihnachtstag');

-- DE-BY 2022: Bayerisches Feiertagsgesetz (FTG, Art. 1)
INSERT INTO official (region, day, name) VALUES
('DE-BY', '2022-01-01', 'Neujahr'),
('DE-BY', '2022-01-06', 'Heilige Drei Könige'),
('DE-BY', '2022-04-15', 'Karfreitag'),
('DE-BY', '2022-04-18', 'Ostermontag'),
('DE-BY', '2022-05-01', 'Tag der Arbeit'),
('DE-BY', '2022-05-26', 'Christi Himmelfahrt'),
('DE-BY', '2022-06-06', 'Pfingstmontag'),
('DE-BY', '2022-06-16', 'Fronleichnam'),
('DE-BY', '2022-08-15', 'Mariä Himmelfahrt'),
('DE-BY', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-BY', '2022-11-01', 'Allerheiligen'),
('DE-BY', '2022-12-25', '1. Weihnachtstag'),
('DE-BY', '2022-12-26', '2. Weihnachtstag');

-- DE-BY 2025: Bayerisches Feiertagsgesetz (FTG, Art. 1)
INSERT INTO official (region, day, name) VALUES
('DE-BY', '2025-01-01', 'Neujahr'),
('DE-BY', '2025-01-06', 'Heilige Drei Könige'),
('DE-BY', '2025-04-18', 'Karfreitag'),
('DE-BY', '2025-04-21', 'Ostermontag'),
('DE-BY', '2025-05-01', 'Tag der Arbeit'),
('DE-BY', '2025-05-29', 'Christi Himmelfahrt'),
('DE-BY', '2025-06-09', 'Pfingstmontag'),
('DE-BY', '2025-06-19', 'Fronleichnam'),
('DE-BY', '2025-08-15', 'Mariä Himmelfahrt'),
('DE-BY', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-BY', '2025-11-01', 'Allerheiligen'),
('DE-BY', '2025-12-25', '1. Weihnachtstag'),
('DE-BY', '2025-12-26', '2. Weihnachtstag');

-- DE-BE 2016: berlin.de / Senatsverwaltung fuer Inneres, Gesetz ueber die Sonn- und Feiertage (SoFeiertG Berlin)
INSERT INTO official (region, day, name) VALUES
('DE-BE', '2016-01-01', 'Neujahr'),
('DE-BE', '2016-03-25', 'Karfreitag'),
('DE-BE', '2016-03-28', 'Ostermontag'),
('DE-BE', '2016-05-01', 'Tag der Arbeit'),
('DE-BE', '2016-05-05', 'Christi Himmelfahrt'),
('DE-BE', '2016-05-16', 'Pfingstmontag'),
('DE-BE', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-BE', '2016-12-25', '1. Weihnachtstag'),
('DE-BE', '2016-12-26', '2. Weihnachtstag');

-- DE-BE 2017: berlin.de / Senatsverwaltung fuer Inneres, Gesetz ueber die Sonn- und Feiertage (SoFeiertG Berlin)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-BE', '2017-01-01', 'Neujahr'),
('DE-BE', '2017-04-14', 'Karfreitag'),
('DE-BE', '2017-04-17', 'Ostermontag'),
('DE-BE', '2017-05-01', 'Tag der Arbeit'),
('DE-BE', '2017-05-25', 'Christi Himmelfahrt'),
('DE-BE', '2017-06-05', 'Pfingstmontag'),
('DE-BE', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-BE', '2017-10-31', 'Reformationstag'),
('DE-BE', '2017-12-25', '1. Weihnachtstag'),
('DE-BE', '2017-12-26', '2. Weihnachtstag');

-- DE-BE 2022: berlin.de / Senatsverwaltung fuer Inneres, Gesetz ueber die Sonn- und Feiertage (SoFeiertG Berlin)
INSERT INTO official (region, day, name) VALUES
('DE-BE', '2022-01-01', 'Neujahr'),
('DE-BE', '2022-03-08', 'Internationaler Frauentag'),
('DE-BE', '2022-04-15', 'Karfreitag'),
('DE-BE', '2022-04-18', 'Ostermontag'),
('DE-BE', '2022-05-01', 'Tag der Arbeit'),
('DE-BE', '2022-05-26', 'Christi Himmelfahrt'),
('DE-BE', '2022-06-06', 'Pfingstmontag'),
('DE-BE', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-BE', '2022-12-25', '1. Weihnachtstag'),
('DE-BE', '2022-12-26', '2. Weihnachtstag');

-- DE-BE 2025: berlin.de / Senatsverwaltung fuer Inneres, Gesetz ueber die Sonn- und Feiertage (SoFeiertG Berlin)
--   Tag der Befreiung 8 May 2025: one-off (80th anniversary); Frauentag on a Saturday, still listed.
INSERT INTO official (region, day, name) VALUES
('DE-BE', '2025-01-01', 'Neujahr'),
('DE-BE', '2025-03-08', 'Internationaler Frauentag'),
('DE-BE', '2025-04-18', 'Karfreitag'),
('DE-BE', '2025-04-21', 'Ostermontag'),
('DE-BE', '2025-05-01', 'Tag der Arbeit'),
('DE-BE', '2025-05-08', 'Tag der Befreiung'),
('DE-BE', '2025-05-29', 'Christi Himmelfahrt'),
('DE-BE', '2025-06-09', 'Pfingstmontag'),
('DE-BE', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-BE', '2025-12-25', '1. Weihnachtstag'),
('DE-BE', '2025-12-26', '2. Weihnachtstag');

-- DE-BB 2016: Feiertagsgesetz Brandenburg (FTG BB)
INSERT INTO official (region, day, name) VALUES
('DE-BB', '2016-01-01', 'Neujahr'),
('DE-BB', '2016-03-25', 'Karfreitag'),
('DE-BB', '2016-03-27', 'Ostersonntag'),
('DE-BB', '2016-03-28', 'Ostermontag'),
('DE-BB', '2016-05-01', 'Tag der Arbeit'),
('DE-BB', '2016-05-05', 'Christi Himmelfahrt'),
('DE-BB', '2016-05-15', 'Pfingstsonntag'),
('DE-BB', '2016-05-16', 'Pfingstmontag'),
('DE-BB', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-BB', '2016-10-31', 'Reformationstag'),
('DE-BB', '2016-12-25', '1. Weihnachtstag'),
('DE-BB', '2016-12-26', '2. Weihnachtstag');

-- DE-BB 2017: Feiertagsgesetz Brandenburg (FTG BB)
--   Reformationstag 2017: own rule and the one-off coincide, listed once.
INSERT INTO official (region, day, name) VALUES
('DE-BB', '2017-01-01', 'Neujahr'),
('DE-BB', '2017-04-14', 'Karfreitag'),
('DE-BB', '2017-04-16', 'Ostersonntag'),
('DE-BB', '2017-04-17', 'Ostermontag'),
('DE-BB', '2017-05-01', 'Tag der Arbeit'),
('DE-BB', '2017-05-25', 'Christi Himmelfahrt'),
('DE-BB', '2017-06-04', 'Pfingstsonntag'),
('DE-BB', '2017-06-05', 'Pfingstmontag'),
('DE-BB', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-BB', '2017-10-31', 'Reformationstag'),
('DE-BB', '2017-12-25', '1. Weihnachtstag'),
('DE-BB', '2017-12-26', '2. Weihnachtstag');

-- DE-BB 2022: Feiertagsgesetz Brandenburg (FTG BB)
INSERT INTO official (region, day, name) VALUES
('DE-BB', '2022-01-01', 'Neujahr'),
('DE-BB', '2022-04-15', 'Karfreitag'),
('DE-BB', '2022-04-17', 'Ostersonntag'),
('DE-BB', '2022-04-18', 'Ostermontag'),
('DE-BB', '2022-05-01', 'Tag der Arbeit'),
('DE-BB', '2022-05-26', 'Christi Himmelfahrt'),
('DE-BB', '2022-06-05', 'Pfingstsonntag'),
('DE-BB', '2022-06-06', 'Pfingstmontag'),
('DE-BB', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-BB', '2022-10-31', 'Reformationstag'),
('DE-BB', '2022-12-25', '1. Weihnachtstag'),
('DE-BB', '2022-12-26', '2. Weihnachtstag');

-- DE-BB 2025: Feiertagsgesetz Brandenburg (FTG BB)
INSERT INTO official (region, day, name) VALUES
('DE-BB', '2025-01-01', 'Neujahr'),
('DE-BB', '2025-04-18', 'Karfreitag'),
('DE-BB', '2025-04-20', 'Ostersonntag'),
('DE-BB', '2025-04-21', 'Ostermontag'),
('DE-BB', '2025-05-01', 'Tag der Arbeit'),
('DE-BB', '2025-05-29', 'Christi Himmelfahrt'),
('DE-BB', '2025-06-08', 'Pfingstsonntag'),
('DE-BB', '2025-06-09', 'Pfingstmontag'),
('DE-BB', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-BB', '2025-10-31', 'Reformationstag'),
('DE-BB', '2025-12-25', '1. Weihnachtstag'),
('DE-BB', '2025-12-26', '2. Weihnachtstag');

-- DE-HB 2016: Bremisches Gesetz ueber die Sonn- und Feiertage
INSERT INTO official (region, day, name) VALUES
('DE-HB', '2016-01-01', 'Neujahr'),
('DE-HB', '2016-03-25', 'Karfreitag'),
('DE-HB', '2016-03-28', 'Ostermontag'),
('DE-HB', '2016-05-01', 'Tag der Arbeit'),
('DE-HB', '2016-05-05', 'Christi Himmelfahrt'),
('DE-HB', '2016-05-16', 'Pfingstmontag'),
('DE-HB', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-HB', '2016-12-25', '1. Weihnachtstag'),
('DE-HB', '2016-12-26', '2. Weihnachtstag');

-- DE-HB 2017: Bremisches Gesetz ueber die Sonn- und Feiertage
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-HB', '2017-01-01', 'Neujahr'),
('DE-HB', '2017-04-14', 'Karfreitag'),
('DE-HB', '2017-04-17', 'Ostermontag'),
('DE-HB', '2017-05-01', 'Tag der Arbeit'),
('DE-HB', '2017-05-25', 'Christi Himmelfahrt'),
('DE-HB', '2017-06-05', 'Pfingstmontag'),
('DE-HB', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-HB', '2017-10-31', 'Reformationstag'),
('DE-HB', '2017-12-25', '1. Weihnachtstag'),
('DE-HB', '2017-12-26', '2. Weihnachtstag');

-- DE-HB 2022: Bremisches Gesetz ueber die Sonn- und Feiertage
INSERT INTO official (region, day, name) VALUES
('DE-HB', '2022-01-01', 'Neujahr'),
('DE-HB', '2022-04-15', 'Karfreitag'),
('DE-HB', '2022-04-18', 'Ostermontag'),
('DE-HB', '2022-05-01', 'Tag der Arbeit'),
('DE-HB', '2022-05-26', 'Christi Himmelfahrt'),
('DE-HB', '2022-06-06', 'Pfingstmontag'),
('DE-HB', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-HB', '2022-10-31', 'Reformationstag'),
('DE-HB', '2022-12-25', '1. Weihnachtstag'),
('DE-HB', '2022-12-26', '2. Weihnachtstag');

-- DE-HB 2025: Bremisches Gesetz ueber die Sonn- und Feiertage
INSERT INTO official (region, day, name) VALUES
('DE-HB', '2025-01-01', 'Neujahr'),
('DE-HB', '2025-04-18', 'Karfreitag'),
('DE-HB', '2025-04-21', 'Ostermontag'),
('DE-HB', '2025-05-01', 'Tag der Arbeit'),
('DE-HB', '2025-05-29', 'Christi Himmelfahrt'),
('DE-HB', '2025-06-09', 'Pfingstmontag'),
('DE-HB', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-HB', '2025-10-31', 'Reformationstag'),
('DE-HB', '2025-12-25', '1. Weihnachtstag'),
('DE-HB', '2025-12-26', '2. Weihnachtstag');

-- DE-HH 2016: Hamburgisches Feiertagsgesetz (FeiertG)
INSERT INTO official (region, day, name) VALUES
('DE-HH', '2016-01-01', 'Neujahr'),
('DE-HH', '2016-03-25', 'Karfreitag'),
('DE-HH', '2016-03-28', 'Ostermontag'),
('DE-HH', '2016-05-01', 'Tag der Arbeit'),
('DE-HH', '2016-05-05', 'Christi Himmelfahrt'),
('DE-HH', '2016-05-16', 'Pfingstmontag'),
('DE-HH', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-HH', '2016-12-25', '1. Weihnachtstag'),
('DE-HH', '2016-12-26', '2. Weihnachtstag');

-- DE-HH 2017: Hamburgisches Feiertagsgesetz (FeiertG)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-HH', '2017-01-01', 'Neujahr'),
('DE-HH', '2017-04-14', 'Karfreitag'),
('DE-HH', '2017-04-17', 'Ostermontag'),
('DE-HH', '2017-05-01', 'Tag der Arbeit'),
('DE-HH', '2017-05-25', 'Christi Himmelfahrt'),
('DE-HH', '2017-06-05', 'Pfingstmontag'),
('DE-HH', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-HH', '2017-10-31', 'Reformationstag'),
('DE-HH', '2017-12-25', '1. Weihnachtstag'),
('DE-HH', '2017-12-26', '2. Weihnachtstag');

-- DE-HH 2022: Hamburgisches Feiertagsgesetz (FeiertG)
INSERT INTO official (region, day, name) VALUES
('DE-HH', '2022-01-01', 'Neujahr'),
('DE-HH', '2022-04-15', 'Karfreitag'),
('DE-HH', '2022-04-18', 'Ostermontag'),
('DE-HH', '2022-05-01', 'Tag der Arbeit'),
('DE-HH', '2022-05-26', 'Christi Himmelfahrt'),
('DE-HH', '2022-06-06', 'Pfingstmontag'),
('DE-HH', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-HH', '2022-10-31', 'Reformationstag'),
('DE-HH', '2022-12-25', '1. Weihnachtstag'),
('DE-HH', '2022-12-26', '2. Weihnachtstag');

-- DE-HH 2025: Hamburgisches Feiertagsgesetz (FeiertG)
INSERT INTO official (region, day, name) VALUES
('DE-HH', '2025-01-01', 'Neujahr'),
('DE-HH', '2025-04-18', 'Karfreitag'),
('DE-HH', '2025-04-21', 'Ostermontag'),
('DE-HH', '2025-05-01', 'Tag der Arbeit'),
('DE-HH', '2025-05-29', 'Christi Himmelfahrt'),
('DE-HH', '2025-06-09', 'Pfingstmontag'),
('DE-HH', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-HH', '2025-10-31', 'Reformationstag'),
('DE-HH', '2025-12-25', '1. Weihnachtstag'),
('DE-HH', '2025-12-26', '2. Weihnachtstag');

-- DE-HE 2016: Hessisches Feiertagsgesetz (HFeiertagsG)
INSERT INTO official (region, day, name) VALUES
('DE-HE', '2016-01-01', 'Neujahr'),
('DE-HE', '2016-03-25', 'Karfreitag'),
('DE-HE', '2016-03-27', 'Ostersonntag'),
('DE-HE', '2016-03-28', 'Ostermontag'),
('DE-HE', '2016-05-01', 'Tag der Arbeit'),
('DE-HE', '2016-05-05', 'Christi Himmelfahrt'),
('DE-HE', '2016-05-15', 'Pfingstsonntag'),
('DE-HE', '2016-05-16', 'Pfingstmontag'),
('DE-HE', '2016-05-26', 'Fronleichnam'),
('DE-HE', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-HE', '2016-12-25', '1. Weihnachtstag'),
('DE-HE', '2016-12-26', '2. Weihnachtstag');

-- DE-HE 2017: Hessisches Feiertagsgesetz (HFeiertagsG)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-HE', '2017-01-01', 'Neujahr'),
('DE-HE', '2017-04-14', 'Karfreitag'),
('DE-HE', '2017-04-16', 'Ostersonntag'),
('DE-HE', '2017-04-17', 'Ostermontag'),
('DE-HE', '2017-05-01', 'Tag der Arbeit'),
('DE-HE', '2017-05-25', 'Christi Himmelfahrt'),
('DE-HE', '2017-06-04', 'Pfingstsonntag'),
('DE-HE', '2017-06-05', 'Pfingstmontag'),
('DE-HE', '2017-06-15', 'Fronleichnam'),
('DE-HE', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-HE', '2017-10-31', 'Reformationstag'),
('DE-HE', '2017-12-25', '1. Weihnachtstag'),
('DE-HE', '2017-12-26', '2. Weihnachtstag');

-- DE-HE 2022: Hessisches Feiertagsgesetz (HFeiertagsG)
INSERT INTO official (region, day, name) VALUES
('DE-HE', '2022-01-01', 'Neujahr'),
('DE-HE', '2022-04-15', 'Karfreitag'),
('DE-HE', '2022-04-17', 'Ostersonntag'),
('DE-HE', '2022-04-18', 'Ostermontag'),
('DE-HE', '2022-05-01', 'Tag der Arbeit'),
('DE-HE', '2022-05-26', 'Christi Himmelfahrt'),
('DE-HE', '2022-06-05', 'Pfingstsonntag'),
('DE-HE', '2022-06-06', 'Pfingstmontag'),
('DE-HE', '2022-06-16', 'Fronleichnam'),
('DE-HE', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-HE', '2022-12-25', '1. Weihnachtstag'),
('DE-HE', '2022-12-26', '2. Weihnachtstag');

-- DE-HE 2025: Hessisches Feiertagsgesetz (HFeiertagsG)
INSERT INTO official (region, day, name) VALUES
('DE-HE', '2025-01-01', 'Neujahr'),
('DE-HE', '2025-04-18', 'Karfreitag'),
('DE-HE', '2025-04-20', 'Ostersonntag'),
('DE-HE', '2025-04-21', 'Ostermontag'),
('DE-HE', '2025-05-01', 'Tag der Arbeit'),
('DE-HE', '2025-05-29', 'Christi Himmelfahrt'),
('DE-HE', '2025-06-08', 'Pfingstsonntag'),
('DE-HE', '2025-06-09', 'Pfingstmontag'),
('DE-HE', '2025-06-19', 'Fronleichnam'),
('DE-HE', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-HE', '2025-12-25', '1. Weihnachtstag'),
('DE-HE', '2025-12-26', '2. Weihnachtstag');

-- DE-MV 2016: Feiertagsgesetz Mecklenburg-Vorpommern (FTG M-V)
INSERT INTO official (region, day, name) VALUES
('DE-MV', '2016-01-01', 'Neujahr'),
('DE-MV', '2016-03-25', 'Karfreitag'),
('DE-MV', '2016-03-28', 'Ostermontag'),
('DE-MV', '2016-05-01', 'Tag der Arbeit'),
('DE-MV', '2016-05-05', 'Christi Himmelfahrt'),
('DE-MV', '2016-05-16', 'Pfingstmontag'),
('DE-MV', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-MV', '2016-10-31', 'Reformationstag'),
('DE-MV', '2016-12-25', '1. Weihnachtstag'),
('DE-MV', '2016-12-26', '2. Weihnachtstag');

-- DE-MV 2017: Feiertagsgesetz Mecklenburg-Vorpommern (FTG M-V)
--   Reformationstag 2017: own rule and the one-off coincide, listed once.
INSERT INTO official (region, day, name) VALUES
('DE-MV', '2017-01-01', 'Neujahr'),
('DE-MV', '2017-04-14', 'Karfreitag'),
('DE-MV', '2017-04-17', 'Ostermontag'),
('DE-MV', '2017-05-01', 'Tag der Arbeit'),
('DE-MV', '2017-05-25', 'Christi Himmelfahrt'),
('DE-MV', '2017-06-05', 'Pfingstmontag'),
('DE-MV', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-MV', '2017-10-31', 'Reformationstag'),
('DE-MV', '2017-12-25', '1. Weihnachtstag'),
('DE-MV', '2017-12-26', '2. Weihnachtstag');

-- DE-MV 2022: Feiertagsgesetz Mecklenburg-Vorpommern (FTG M-V)
INSERT INTO official (region, day, name) VALUES
('DE-MV', '2022-01-01', 'Neujahr'),
('DE-MV', '2022-04-15', 'Karfreitag'),
('DE-MV', '2022-04-18', 'Ostermontag'),
('DE-MV', '2022-05-01', 'Tag der Arbeit'),
('DE-MV', '2022-05-26', 'Christi Himmelfahrt'),
('DE-MV', '2022-06-06', 'Pfingstmontag'),
('DE-MV', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-MV', '2022-10-31', 'Reformationstag'),
('DE-MV', '2022-12-25', '1. Weihnachtstag'),
('DE-MV', '2022-12-26', '2. Weihnachtstag');

-- DE-MV 2025: Feiertagsgesetz Mecklenburg-Vorpommern (FTG M-V)
INSERT INTO official (region, day, name) VALUES
('DE-MV', '2025-01-01', 'Neujahr'),
('DE-MV', '2025-03-08', 'Internationaler Frauentag'),
('DE-MV', '2025-04-18', 'Karfreitag'),
('DE-MV', '2025-04-21', 'Ostermontag'),
('DE-MV', '2025-05-01', 'Tag der Arbeit'),
('DE-MV', '2025-05-29', 'Christi Himmelfahrt'),
('DE-MV', '2025-06-09', 'Pfingstmontag'),
('DE-MV', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-MV', '2025-10-31', 'Reformationstag'),
('DE-MV', '2025-12-25', '1. Weihnachtstag'),
('DE-MV', '2025-12-26', '2. Weihnachtstag');

-- DE-NI 2016: Niedersaechsisches Gesetz ueber die Feiertage (NFeiertagsG)
INSERT INTO official (region, day, name) VALUES
('DE-NI', '2016-01-01', 'Neujahr'),
('DE-NI', '2016-03-25', 'Karfreitag'),
('DE-NI', '2016-03-28', 'Ostermontag'),
('DE-NI', '2016-05-01', 'Tag der Arbeit'),
('DE-NI', '2016-05-05', 'Christi Himmelfahrt'),
('DE-NI', '2016-05-16', 'Pfingstmontag'),
('DE-NI', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-NI', '2016-12-25', '1. Weihnachtstag'),
('DE-NI', '2016-12-26', '2. Weihnachtstag');

-- DE-NI 2017: Niedersaechsisches Gesetz ueber die Feiertage (NFeiertagsG)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-NI', '2017-01-01', 'Neujahr'),
('DE-NI', '2017-04-14', 'Karfreitag'),
('DE-NI', '2017-04-17', 'Ostermontag'),
('DE-NI', '2017-05-01', 'Tag der Arbeit'),
('DE-NI', '2017-05-25', 'Christi Himmelfahrt'),
('DE-NI', '2017-06-05', 'Pfingstmontag'),
('DE-NI', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-NI', '2017-10-31', 'Reformationstag'),
('DE-NI', '2017-12-25', '1. Weihnachtstag'),
('DE-NI', '2017-12-26', '2. Weihnachtstag');

-- DE-NI 2022: Niedersaechsisches Gesetz ueber die Feiertage (NFeiertagsG)
INSERT INTO official (region, day, name) VALUES
('DE-NI', '2022-01-01', 'Neujahr'),
('DE-NI', '2022-04-15', 'Karfreitag'),
('DE-NI', '2022-04-18', 'Ostermontag'),
('DE-NI', '2022-05-01', 'Tag der Arbeit'),
('DE-NI', '2022-05-26', 'Christi Himmelfahrt'),
('DE-NI', '2022-06-06', 'Pfingstmontag'),
('DE-NI', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-NI', '2022-10-31', 'Reformationstag'),
('DE-NI', '2022-12-25', '1. Weihnachtstag'),
('DE-NI', '2022-12-26', '2. Weihnachtstag');

-- DE-NI 2025: Niedersaechsisches Gesetz ueber die Feiertage (NFeiertagsG)
INSERT INTO official (region, day, name) VALUES
('DE-NI', '2025-01-01', 'Neujahr'),
('DE-NI', '2025-04-18', 'Karfreitag'),
('DE-NI', '2025-04-21', 'Ostermontag'),
('DE-NI', '2025-05-01', 'Tag der Arbeit'),
('DE-NI', '2025-05-29', 'Christi Himmelfahrt'),
('DE-NI', '2025-06-09', 'Pfingstmontag'),
('DE-NI', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-NI', '2025-10-31', 'Reformationstag'),
('DE-NI', '2025-12-25', '1. Weihnachtstag'),
('DE-NI', '2025-12-26', '2. Weihnachtstag');

-- DE-NW 2016: Feiertagsgesetz Nordrhein-Westfalen (FeiertagsG NW)
INSERT INTO official (region, day, name) VALUES
('DE-NW', '2016-01-01', 'Neujahr'),
('DE-NW', '2016-03-25', 'Karfreitag'),
('DE-NW', '2016-03-28', 'Ostermontag'),
('DE-NW', '2016-05-01', 'Tag der Arbeit'),
('DE-NW', '2016-05-05', 'Christi Himmelfahrt'),
('DE-NW', '2016-05-16', 'Pfingstmontag'),
('DE-NW', '2016-05-26', 'Fronleichnam'),
('DE-NW', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-NW', '2016-11-01', 'Allerheiligen'),
('DE-NW', '2016-12-25', '1. Weihnachtstag'),
('DE-NW', '2016-12-26', '2. Weihnachtstag');

-- DE-NW 2017: Feiertagsgesetz Nordrhein-Westfalen (FeiertagsG NW)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-NW', '2017-01-01', 'Neujahr'),
('DE-NW', '2017-04-14', 'Karfreitag'),
('DE-NW', '2017-04-17', 'Ostermontag'),
('DE-NW', '2017-05-01', 'Tag der Arbeit'),
('DE-NW', '2017-05-25', 'Christi Himmelfahrt'),
('DE-NW', '2017-06-05', 'Pfingstmontag'),
('DE-NW', '2017-06-15', 'Fronleichnam'),
('DE-NW', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-NW', '2017-10-31', 'Reformationstag'),
('DE-NW', '2017-11-01', 'Allerheiligen'),
('DE-NW', '2017-12-25', '1. Weihnachtstag'),
('DE-NW', '2017-12-26', '2. Weihnachtstag');

-- DE-NW 2022: Feiertagsgesetz Nordrhein-Westfalen (FeiertagsG NW)
INSERT INTO official (region, day, name) VALUES
('DE-NW', '2022-01-01', 'Neujahr'),
('DE-NW', '2022-04-15', 'Karfreitag'),
('DE-NW', '2022-04-18', 'Ostermontag'),
('DE-NW', '2022-05-01', 'Tag der Arbeit'),
('DE-NW', '2022-05-26', 'Christi Himmelfahrt'),
('DE-NW', '2022-06-06', 'Pfingstmontag'),
('DE-NW', '2022-06-16', 'Fronleichnam'),
('DE-NW', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-NW', '2022-11-01', 'Allerheiligen'),
('DE-NW', '2022-12-25', '1. Weihnachtstag'),
('DE-NW', '2022-12-26', '2. Weihnachtstag');

-- DE-NW 2025: Feiertagsgesetz Nordrhein-Westfalen (FeiertagsG NW)
INSERT INTO official (region, day, name) VALUES
('DE-NW', '2025-01-01', 'Neujahr'),
('DE-NW', '2025-04-18', 'Karfreitag'),
('DE-NW', '2025-04-21', 'Ostermontag'),
('DE-NW', '2025-05-01', 'Tag der Arbeit'),
('DE-NW', '2025-05-29', 'Christi Himmelfahrt'),
('DE-NW', '2025-06-09', 'Pfingstmontag'),
('DE-NW', '2025-06-19', 'Fronleichnam'),
('DE-NW', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-NW', '2025-11-01', 'Allerheiligen'),
('DE-NW', '2025-12-25', '1. Weihnachtstag'),
('DE-NW', '2025-12-26', '2. Weihnachtstag');

-- DE-RP 2016: Landesfeiertagsgesetz Rheinland-Pfalz (LFtG)
INSERT INTO official (region, day, name) VALUES
('DE-RP', '2016-01-01', 'Neujahr'),
('DE-RP', '2016-03-25', 'Karfreitag'),
('DE-RP', '2016-03-28', 'Ostermontag'),
('DE-RP', '2016-05-01', 'Tag der Arbeit'),
('DE-RP', '2016-05-05', 'Christi Himmelfahrt'),
('DE-RP', '2016-05-16', 'Pfingstmontag'),
('DE-RP', '2016-05-26', 'Fronleichnam'),
('DE-RP', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-RP', '2016-11-01', 'Allerheiligen'),
('DE-RP', '2016-12-25', '1. Weihnachtstag'),
('DE-RP', '2016-12-26', '2. Weihnachtstag');

-- DE-RP 2017: Landesfeiertagsgesetz Rheinland-Pfalz (LFtG)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-RP', '2017-01-01', 'Neujahr'),
('DE-RP', '2017-04-14', 'Karfreitag'),
('DE-RP', '2017-04-17', 'Ostermontag'),
('DE-RP', '2017-05-01', 'Tag der Arbeit'),
('DE-RP', '2017-05-25', 'Christi Himmelfahrt'),
('DE-RP', '2017-06-05', 'Pfingstmontag'),
('DE-RP', '2017-06-15', 'Fronleichnam'),
('DE-RP', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-RP', '2017-10-31', 'Reformationstag'),
('DE-RP', '2017-11-01', 'Allerheiligen'),
('DE-RP', '2017-12-25', '1. Weihnachtstag'),
('DE-RP', '2017-12-26', '2. Weihnachtstag');

-- DE-RP 2022: Landesfeiertagsgesetz Rheinland-Pfalz (LFtG)
INSERT INTO official (region, day, name) VALUES
('DE-RP', '2022-01-01', 'Neujahr'),
('DE-RP', '2022-04-15', 'Karfreitag'),
('DE-RP', '2022-04-18', 'Ostermontag'),
('DE-RP', '2022-05-01', 'Tag der Arbeit'),
('DE-RP', '2022-05-26', 'Christi Himmelfahrt'),
('DE-RP', '2022-06-06', 'Pfingstmontag'),
('DE-RP', '2022-06-16', 'Fronleichnam'),
('DE-RP', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-RP', '2022-11-01', 'Allerheiligen'),
('DE-RP', '2022-12-25', '1. Weihnachtstag'),
('DE-RP', '2022-12-26', '2. Weihnachtstag');

-- DE-RP 2025: Landesfeiertagsgesetz Rheinland-Pfalz (LFtG)
INSERT INTO official (region, day, name) VALUES
('DE-RP', '2025-01-01', 'Neujahr'),
('DE-RP', '2025-04-18', 'Karfreitag'),
('DE-RP', '2025-04-21', 'Ostermontag'),
('DE-RP', '2025-05-01', 'Tag der Arbeit'),
('DE-RP', '2025-05-29', 'Christi Himmelfahrt'),
('DE-RP', '2025-06-09', 'Pfingstmontag'),
('DE-RP', '2025-06-19', 'Fronleichnam'),
('DE-RP', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-RP', '2025-11-01', 'Allerheiligen'),
('DE-RP', '2025-12-25', '1. Weihnachtstag'),
('DE-RP', '2025-12-26', '2. Weihnachtstag');

-- DE-SL 2016: Saarlaendisches Gesetz ueber die Sonn- und Feiertage (SFG)
INSERT INTO official (region, day, name) VALUES
('DE-SL', '2016-01-01', 'Neujahr'),
('DE-SL', '2016-03-25', 'Karfreitag'),
('DE-SL', '2016-03-28', 'Ostermontag'),
('DE-SL', '2016-05-01', 'Tag der Arbeit'),
('DE-SL', '2016-05-05', 'Christi Himmelfahrt'),
('DE-SL', '2016-05-16', 'Pfingstmontag'),
('DE-SL', '2016-05-26', 'Fronleichnam'),
('DE-SL', '2016-08-15', 'Mariä Himmelfahrt'),
('DE-SL', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-SL', '2016-11-01', 'Allerheiligen'),
('DE-SL', '2016-12-25', '1. Weihnachtstag'),
('DE-SL', '2016-12-26', '2. Weihnachtstag');

-- DE-SL 2017: Saarlaendisches Gesetz ueber die Sonn- und Feiertage (SFG)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-SL', '2017-01-01', 'Neujahr'),
('DE-SL', '2017-04-14', 'Karfreitag'),
('DE-SL', '2017-04-17', 'Ostermontag'),
('DE-SL', '2017-05-01', 'Tag der Arbeit'),
('DE-SL', '2017-05-25', 'Christi Himmelfahrt'),
('DE-SL', '2017-06-05', 'Pfingstmontag'),
('DE-SL', '2017-06-15', 'Fronleichnam'),
('DE-SL', '2017-08-15', 'Mariä Himmelfahrt'),
('DE-SL', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-SL', '2017-10-31', 'Reformationstag'),
('DE-SL', '2017-11-01', 'Allerheiligen'),
('DE-SL', '2017-12-25', '1. Weihnachtstag'),
('DE-SL', '2017-12-26', '2. Weihnachtstag');

-- DE-SL 2022: Saarlaendisches Gesetz ueber die Sonn- und Feiertage (SFG)
INSERT INTO official (region, day, name) VALUES
('DE-SL', '2022-01-01', 'Neujahr'),
('DE-SL', '2022-04-15', 'Karfreitag'),
('DE-SL', '2022-04-18', 'Ostermontag'),
('DE-SL', '2022-05-01', 'Tag der Arbeit'),
('DE-SL', '2022-05-26', 'Christi Himmelfahrt'),
('DE-SL', '2022-06-06', 'Pfingstmontag'),
('DE-SL', '2022-06-16', 'Fronleichnam'),
('DE-SL', '2022-08-15', 'Mariä Himmelfahrt'),
('DE-SL', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-SL', '2022-11-01', 'Allerheiligen'),
('DE-SL', '2022-12-25', '1. Weihnachtstag'),
('DE-SL', '2022-12-26', '2. Weihnachtstag');

-- DE-SL 2025: Saarlaendisches Gesetz ueber die Sonn- und Feiertage (SFG)
INSERT INTO official (region, day, name) VALUES
('DE-SL', '2025-01-01', 'Neujahr'),
('DE-SL', '2025-04-18', 'Karfreitag'),
('DE-SL', '2025-04-21', 'Ostermontag'),
('DE-SL', '2025-05-01', 'Tag der Arbeit'),
('DE-SL', '2025-05-29', 'Christi Himmelfahrt'),
('DE-SL', '2025-06-09', 'Pfingstmontag'),
('DE-SL', '2025-06-19', 'Fronleichnam'),
('DE-SL', '2025-08-15', 'Mariä Himmelfahrt'),
('DE-SL', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-SL', '2025-11-01', 'Allerheiligen'),
('DE-SL', '2025-12-25', '1. Weihnachtstag'),
('DE-SL', '2025-12-26', '2. Weihnachtstag');

-- DE-SN 2016: Saechsisches Sonn- und Feiertagsgesetz (SaechsSFG)
INSERT INTO official (region, day, name) VALUES
('DE-SN', '2016-01-01', 'Neujahr'),
('DE-SN', '2016-03-25', 'Karfreitag'),
('DE-SN', '2016-03-28', 'Ostermontag'),
('DE-SN', '2016-05-01', 'Tag der Arbeit'),
('DE-SN', '2016-05-05', 'Christi Himmelfahrt'),
('DE-SN', '2016-05-16', 'Pfingstmontag'),
('DE-SN', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-SN', '2016-10-31', 'Reformationstag'),
('DE-SN', '2016-11-16', 'Buß- und Bettag'),
('DE-SN', '2016-12-25', '1. Weihnachtstag'),
('DE-SN', '2016-12-26', '2. Weihnachtstag');

-- DE-SN 2017: Saechsisches Sonn- und Feiertagsgesetz (SaechsSFG)
--   Reformationstag 2017: own rule and the one-off coincide, listed once.
INSERT INTO official (region, day, name) VALUES
('DE-SN', '2017-01-01', 'Neujahr'),
('DE-SN', '2017-04-14', 'Karfreitag'),
('DE-SN', '2017-04-17', 'Ostermontag'),
('DE-SN', '2017-05-01', 'Tag der Arbeit'),
('DE-SN', '2017-05-25', 'Christi Himmelfahrt'),
('DE-SN', '2017-06-05', 'Pfingstmontag'),
('DE-SN', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-SN', '2017-10-31', 'Reformationstag'),
('DE-SN', '2017-11-22', 'Buß- und Bettag'),
('DE-SN', '2017-12-25', '1. Weihnachtstag'),
('DE-SN', '2017-12-26', '2. Weihnachtstag');

-- DE-SN 2022: Saechsisches Sonn- und Feiertagsgesetz (SaechsSFG)
INSERT INTO official (region, day, name) VALUES
('DE-SN', '2022-01-01', 'Neujahr'),
('DE-SN', '2022-04-15', 'Karfreitag'),
('DE-SN', '2022-04-18', 'Ostermontag'),
('DE-SN', '2022-05-01', 'Tag der Arbeit'),
('DE-SN', '2022-05-26', 'Christi Himmelfahrt'),
('DE-SN', '2022-06-06', 'Pfingstmontag'),
('DE-SN', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-SN', '2022-10-31', 'Reformationstag'),
('DE-SN', '2022-11-16', 'Buß- und Bettag'),
('DE-SN', '2022-12-25', '1. Weihnachtstag'),
('DE-SN', '2022-12-26', '2. Weihnachtstag');

-- DE-SN 2025: Saechsisches Sonn- und Feiertagsgesetz (SaechsSFG)
INSERT INTO official (region, day, name) VALUES
('DE-SN', '2025-01-01', 'Neujahr'),
('DE-SN', '2025-04-18', 'Karfreitag'),
('DE-SN', '2025-04-21', 'Ostermontag'),
('DE-SN', '2025-05-01', 'Tag der Arbeit'),
('DE-SN', '2025-05-29', 'Christi Himmelfahrt'),
('DE-SN', '2025-06-09', 'Pfingstmontag'),
('DE-SN', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-SN', '2025-10-31', 'Reformationstag'),
('DE-SN', '2025-11-19', 'Buß- und Bettag'),
('DE-SN', '2025-12-25', '1. Weihnachtstag'),
('DE-SN', '2025-12-26', '2. Weihnachtstag');

-- DE-ST 2016: Feiertagsgesetz Sachsen-Anhalt (FeiertG LSA)
INSERT INTO official (region, day, name) VALUES
('DE-ST', '2016-01-01', 'Neujahr'),
('DE-ST', '2016-01-06', 'Heilige Drei Könige'),
('DE-ST', '2016-03-25', 'Karfreitag'),
('DE-ST', '2016-03-28', 'Ostermontag'),
('DE-ST', '2016-05-01', 'Tag der Arbeit'),
('DE-ST', '2016-05-05', 'Christi Himmelfahrt'),
('DE-ST', '2016-05-16', 'Pfingstmontag'),
('DE-ST', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-ST', '2016-10-31', 'Reformationstag'),
('DE-ST', '2016-12-25', '1. Weihnachtstag'),
('DE-ST', '2016-12-26', '2. Weihnachtstag');

-- DE-ST 2017: Feiertagsgesetz Sachsen-Anhalt (FeiertG LSA)
--   Reformationstag 2017: own rule and the one-off coincide, listed once.
INSERT INTO official (region, day, name) VALUES
('DE-ST', '2017-01-01', 'Neujahr'),
('DE-ST', '2017-01-06', 'Heilige Drei Könige'),
('DE-ST', '2017-04-14', 'Karfreitag'),
('DE-ST', '2017-04-17', 'Ostermontag'),
('DE-ST', '2017-05-01', 'Tag der Arbeit'),
('DE-ST', '2017-05-25', 'Christi Himmelfahrt'),
('DE-ST', '2017-06-05', 'Pfingstmontag'),
('DE-ST', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-ST', '2017-10-31', 'Reformationstag'),
('DE-ST', '2017-12-25', '1. Weihnachtstag'),
('DE-ST', '2017-12-26', '2. Weihnachtstag');

-- DE-ST 2022: Feiertagsgesetz Sachsen-Anhalt (FeiertG LSA)
INSERT INTO official (region, day, name) VALUES
('DE-ST', '2022-01-01', 'Neujahr'),
('DE-ST', '2022-01-06', 'Heilige Drei Könige'),
('DE-ST', '2022-04-15', 'Karfreitag'),
('DE-ST', '2022-04-18', 'Ostermontag'),
('DE-ST', '2022-05-01', 'Tag der Arbeit'),
('DE-ST', '2022-05-26', 'Christi Himmelfahrt'),
('DE-ST', '2022-06-06', 'Pfingstmontag'),
('DE-ST', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-ST', '2022-10-31', 'Reformationstag'),
('DE-ST', '2022-12-25', '1. Weihnachtstag'),
('DE-ST', '2022-12-26', '2. Weihnachtstag');

-- DE-ST 2025: Feiertagsgesetz Sachsen-Anhalt (FeiertG LSA)
INSERT INTO official (region, day, name) VALUES
('DE-ST', '2025-01-01', 'Neujahr'),
('DE-ST', '2025-01-06', 'Heilige Drei Könige'),
('DE-ST', '2025-04-18', 'Karfreitag'),
('DE-ST', '2025-04-21', 'Ostermontag'),
('DE-ST', '2025-05-01', 'Tag der Arbeit'),
('DE-ST', '2025-05-29', 'Christi Himmelfahrt'),
('DE-ST', '2025-06-09', 'Pfingstmontag'),
('DE-ST', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-ST', '2025-10-31', 'Reformationstag'),
('DE-ST', '2025-12-25', '1. Weihnachtstag'),
('DE-ST', '2025-12-26', '2. Weihnachtstag');

-- DE-SH 2016: Gesetz ueber Sonn- und Feiertage Schleswig-Holstein (SFTG)
INSERT INTO official (region, day, name) VALUES
('DE-SH', '2016-01-01', 'Neujahr'),
('DE-SH', '2016-03-25', 'Karfreitag'),
('DE-SH', '2016-03-28', 'Ostermontag'),
('DE-SH', '2016-05-01', 'Tag der Arbeit'),
('DE-SH', '2016-05-05', 'Christi Himmelfahrt'),
('DE-SH', '2016-05-16', 'Pfingstmontag'),
('DE-SH', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-SH', '2016-12-25', '1. Weihnachtstag'),
('DE-SH', '2016-12-26', '2. Weihnachtstag');

-- DE-SH 2017: Gesetz ueber Sonn- und Feiertage Schleswig-Holstein (SFTG)
--   Reformationstag 2017: one-off 500th anniversary.
INSERT INTO official (region, day, name) VALUES
('DE-SH', '2017-01-01', 'Neujahr'),
('DE-SH', '2017-04-14', 'Karfreitag'),
('DE-SH', '2017-04-17', 'Ostermontag'),
('DE-SH', '2017-05-01', 'Tag der Arbeit'),
('DE-SH', '2017-05-25', 'Christi Himmelfahrt'),
('DE-SH', '2017-06-05', 'Pfingstmontag'),
('DE-SH', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-SH', '2017-10-31', 'Reformationstag'),
('DE-SH', '2017-12-25', '1. Weihnachtstag'),
('DE-SH', '2017-12-26', '2. Weihnachtstag');

-- DE-SH 2022: Gesetz ueber Sonn- und Feiertage Schleswig-Holstein (SFTG)
INSERT INTO official (region, day, name) VALUES
('DE-SH', '2022-01-01', 'Neujahr'),
('DE-SH', '2022-04-15', 'Karfreitag'),
('DE-SH', '2022-04-18', 'Ostermontag'),
('DE-SH', '2022-05-01', 'Tag der Arbeit'),
('DE-SH', '2022-05-26', 'Christi Himmelfahrt'),
('DE-SH', '2022-06-06', 'Pfingstmontag'),
('DE-SH', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-SH', '2022-10-31', 'Reformationstag'),
('DE-SH', '2022-12-25', '1. Weihnachtstag'),
('DE-SH', '2022-12-26', '2. Weihnachtstag');

-- DE-SH 2025: Gesetz ueber Sonn- und Feiertage Schleswig-Holstein (SFTG)
INSERT INTO official (region, day, name) VALUES
('DE-SH', '2025-01-01', 'Neujahr'),
('DE-SH', '2025-04-18', 'Karfreitag'),
('DE-SH', '2025-04-21', 'Ostermontag'),
('DE-SH', '2025-05-01', 'Tag der Arbeit'),
('DE-SH', '2025-05-29', 'Christi Himmelfahrt'),
('DE-SH', '2025-06-09', 'Pfingstmontag'),
('DE-SH', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-SH', '2025-10-31', 'Reformationstag'),
('DE-SH', '2025-12-25', '1. Weihnachtstag'),
('DE-SH', '2025-12-26', '2. Weihnachtstag');

-- DE-TH 2016: Thueringer Feier- und Gedenktagsgesetz (ThuerFGtG)
INSERT INTO official (region, day, name) VALUES
('DE-TH', '2016-01-01', 'Neujahr'),
('DE-TH', '2016-03-25', 'Karfreitag'),
('DE-TH', '2016-03-28', 'Ostermontag'),
('DE-TH', '2016-05-01', 'Tag der Arbeit'),
('DE-TH', '2016-05-05', 'Christi Himmelfahrt'),
('DE-TH', '2016-05-16', 'Pfingstmontag'),
('DE-TH', '2016-10-03', 'Tag der Deutschen Einheit'),
('DE-TH', '2016-10-31', 'Reformationstag'),
('DE-TH', '2016-12-25', '1. Weihnachtstag'),
('DE-TH', '2016-12-26', '2. Weihnachtstag');

-- DE-TH 2017: Thueringer Feier- und Gedenktagsgesetz (ThuerFGtG)
--   Reformationstag 2017: own rule and the one-off coincide, listed once.
INSERT INTO official (region, day, name) VALUES
('DE-TH', '2017-01-01', 'Neujahr'),
('DE-TH', '2017-04-14', 'Karfreitag'),
('DE-TH', '2017-04-17', 'Ostermontag'),
('DE-TH', '2017-05-01', 'Tag der Arbeit'),
('DE-TH', '2017-05-25', 'Christi Himmelfahrt'),
('DE-TH', '2017-06-05', 'Pfingstmontag'),
('DE-TH', '2017-10-03', 'Tag der Deutschen Einheit'),
('DE-TH', '2017-10-31', 'Reformationstag'),
('DE-TH', '2017-12-25', '1. Weihnachtstag'),
('DE-TH', '2017-12-26', '2. Weihnachtstag');

-- DE-TH 2022: Thueringer Feier- und Gedenktagsgesetz (ThuerFGtG)
INSERT INTO official (region, day, name) VALUES
('DE-TH', '2022-01-01', 'Neujahr'),
('DE-TH', '2022-04-15', 'Karfreitag'),
('DE-TH', '2022-04-18', 'Ostermontag'),
('DE-TH', '2022-05-01', 'Tag der Arbeit'),
('DE-TH', '2022-05-26', 'Christi Himmelfahrt'),
('DE-TH', '2022-06-06', 'Pfingstmontag'),
('DE-TH', '2022-09-20', 'Weltkindertag'),
('DE-TH', '2022-10-03', 'Tag der Deutschen Einheit'),
('DE-TH', '2022-10-31', 'Reformationstag'),
('DE-TH', '2022-12-25', '1. Weihnachtstag'),
('DE-TH', '2022-12-26', '2. Weihnachtstag');

-- DE-TH 2025: Thueringer Feier- und Gedenktagsgesetz (ThuerFGtG)
--   Weltkindertag on a Saturday, still listed (no substitution in DE).
INSERT INTO official (region, day, name) VALUES
('DE-TH', '2025-01-01', 'Neujahr'),
('DE-TH', '2025-04-18', 'Karfreitag'),
('DE-TH', '2025-04-21', 'Ostermontag'),
('DE-TH', '2025-05-01', 'Tag der Arbeit'),
('DE-TH', '2025-05-29', 'Christi Himmelfahrt'),
('DE-TH', '2025-06-09', 'Pfingstmontag'),
('DE-TH', '2025-09-20', 'Weltkindertag'),
('DE-TH', '2025-10-03', 'Tag der Deutschen Einheit'),
('DE-TH', '2025-10-31', 'Reformationstag'),
('DE-TH', '2025-12-25', '1. Weihnachtstag'),
('DE-TH', '2025-12-26', '2. Weihnachtstag');

-- DE-BE 2019: berlin.de / Senatsverwaltung fuer Inneres, Gesetz ueber die Sonn- und Feiertage (SoFeiertG Berlin)
--   Internationaler Frauentag first kept in 2019.
INSERT INTO official (region, day, name) VALUES
('DE-BE', '2019-01-01', 'Neujahr'),
('DE-BE', '2019-03-08', 'Internationaler Frauentag'),
('DE-BE', '2019-04-19', 'Karfreitag'),
('DE-BE', '2019-04-22', 'Ostermontag'),
('DE-BE', '2019-05-01', 'Tag der Arbeit'),
('DE-BE', '2019-05-30', 'Christi Himmelfahrt'),
('DE-BE', '2019-06-10', 'Pfingstmontag'),
('DE-BE', '2019-10-03', 'Tag der Deutschen Einheit'),
('DE-BE', '2019-12-25', '1. Weihnachtstag'),
('DE-BE', '2019-12-26', '2. Weihnachtstag');

-- DE-BE 2020: berlin.de / Senatsverwaltung fuer Inneres, Gesetz ueber die Sonn- und Feiertage (SoFeiertG Berlin)
--   Tag der Befreiung 8 May 2020: one-off (75th anniversary). Frauentag on a Sunday, still listed.
INSERT INTO official (region, day, name) VALUES
('DE-BE', '2020-01-01', 'Neujahr'),
('DE-BE', '2020-03-08', 'Internationaler Frauentag'),
('DE-BE', '2020-04-10', 'Karfreitag'),
('DE-BE', '2020-04-13', 'Ostermontag'),
('DE-BE', '2020-05-01', 'Tag der Arbeit'),
('DE-BE', '2020-05-08', 'Tag der Befreiung'),
('DE-BE', '2020-05-21', 'Christi Himmelfahrt'),
('DE-BE', '2020-06-01', 'Pfingstmontag'),
('DE-BE', '2020-10-03', 'Tag der Deutschen Einheit'),
('DE-BE', '2020-12-25', '1. Weihnachtstag'),
('DE-BE', '2020-12-26', '2. Weihnachtstag');

-- DE-MV 2023: Feiertagsgesetz Mecklenburg-Vorpommern (FTG M-V)
--   Internationaler Frauentag first kept in 2023.
INSERT INTO official (region, day, name) VALUES
('DE-MV', '2023-01-01', 'Neujahr'),
('DE-MV', '2023-03-08', 'Internationaler Frauentag'),
('DE-MV', '2023-04-07', 'Karfreitag'),
('DE-MV', '2023-04-10', 'Ostermontag'),
('DE-MV', '2023-05-01', 'Tag der Arbeit'),
('DE-MV', '2023-05-18', 'Christi Himmelfahrt'),
('DE-MV', '2023-05-29', 'Pfingstmontag'),
('DE-MV', '2023-10-03', 'Tag der Deutschen Einheit'),
('DE-MV', '2023-10-31', 'Reformationstag'),
('DE-MV', '2023-12-25', '1. Weihnachtstag'),
('DE-MV', '2023-12-26', '2. Weihnachtstag');

-- DE-TH 2019: Thueringer Feier- und Gedenktagsgesetz (ThuerFGtG)
--   Weltkindertag first kept in 2019 (Fri 20 Sep).
INSERT INTO official (region, day, name) VALUES
('DE-TH', '2019-01-01', 'Neujahr'),
('DE-TH', '2019-04-19', 'Karfreitag'),
('DE-TH', '2019-04-22', 'Ostermontag'),
('DE-TH', '2019-05-01', 'Tag der Arbeit'),
('DE-TH', '2019-05-30', 'Christi Himmelfahrt'),
('DE-TH', '2019-06-10', 'Pfingstmontag'),
('DE-TH', '2019-09-20', 'Weltkindertag'),
('DE-TH', '2019-10-03', 'Tag der Deutschen Einheit'),
('DE-TH', '2019-10-31', 'Reformationstag'),
('DE-TH', '2019-12-25', '1. Weihnachtstag'),
('DE-TH', '2019-12-26', '2. Weihnachtstag');

-- DE 1994: the days every Land's Feiertagsgesetz has (intersection of the 16 Land laws; 3 Oct by Einigungsvertrag Art. 2(2))
--   Buss- und Bettag 16 Nov: last year as a holiday in every Land (abolished 1995 except SN).
INSERT INTO official (region, day, name) VALUES
('DE', '1994-01-01', 'Neujahr'),
('DE', '1994-04-01', 'Karfreitag'),
('DE', '1994-04-04', 'Ostermontag'),
('DE', '1994-05-01', 'Tag der Arbeit'),
('DE', '1994-05-12', 'Christi Himmelfahrt'),
('DE', '1994-05-23', 'Pfingstmontag'),
('DE', '1994-10-03', 'Tag der Deutschen Einheit'),
('DE', '1994-11-16', 'Buß- und Bettag'),
('DE', '1994-12-25', '1. Weihnachtstag'),
('DE', '1994-12-26', '2. Weihnachtstag');

-- DE-SN 1994: Saechsisches Sonn- und Feiertagsgesetz (SaechsSFG)
--   Buss- und Bettag listed once (own rule and nationwide coincide).
INSERT INTO official (region, day, name) VALUES
('DE-SN', '1994-01-01', 'Neujahr'),
('DE-SN', '1994-04-01', 'Karfreitag'),
('DE-SN', '1994-04-04', 'Ostermontag'),
('DE-SN', '1994-05-01', 'Tag der Arbeit'),
('DE-SN', '1994-05-12', 'Christi Himmelfahrt'),
('DE-SN', '1994-05-23', 'Pfingstmontag'),
('DE-SN', '1994-10-03', 'Tag der Deutschen Einheit'),
('DE-SN', '1994-10-31', 'Reformationstag'),
('DE-SN', '1994-11-16', 'Buß- und Bettag'),
('DE-SN', '1994-12-25', '1. Weihnachtstag'),
('DE-SN', '1994-12-26', '2. Weihnachtstag');

-- DE 1995: the days every Land's Feiertagsgesetz has (intersection of the 16 Land laws; 3 Oct by Einigungsvertrag Art. 2(2))
--   no Buss- und Bettag any more (Pflegeversicherung compensation).
INSERT INTO official (region, day, name) VALUES
('DE', '1995-01-01', 'Neujahr'),
('DE', '1995-04-14', 'Karfreitag'),
('DE', '1995-04-17', 'Ostermontag'),
('DE', '1995-05-01', 'Tag der Arbeit'),
('DE', '1995-05-25', 'Christi Himmelfahrt'),
('DE', '1995-06-05', 'Pfingstmontag'),
('DE', '1995-10-03', 'Tag der Deutschen Einheit'),
('DE', '1995-12-25', '1. Weihnachtstag'),
('DE', '1995-12-26', '2. Weihnachtstag');

-- DE-SN 1995: Saechsisches Sonn- und Feiertagsgesetz (SaechsSFG)
--   Buss- und Bettag kept by Saxony alone: Wed 22 Nov 1995.
INSERT INTO official (region, day, name) VALUES
('DE-SN', '1995-01-01', 'Neujahr'),
('DE-SN', '1995-04-14', 'Karfreitag'),
('DE-SN', '1995-04-17', 'Ostermontag'),
('DE-SN', '1995-05-01', 'Tag der Arbeit'),
('DE-SN', '1995-05-25', 'Christi Himmelfahrt'),
('DE-SN', '1995-06-05', 'Pfingstmontag'),
('DE-SN', '1995-10-03', 'Tag der Deutschen Einheit'),
('DE-SN', '1995-10-31', 'Reformationstag'),
('DE-SN', '1995-11-22', 'Buß- und Bettag'),
('DE-SN', '1995-12-25', '1. Weihnachtstag'),
('DE-SN', '1995-12-26', '2. Weihnachtstag');

-- AT 2016: oesterreich.gv.at "Gesetzliche Feiertage" (the 13 days of Arbeitsruhegesetz Par. 7 / Feiertagsruhegesetz)
INSERT INTO official (region, day, name) VALUES
('AT', '2016-01-01', 'Neujahr'),
('AT', '2016-01-06', 'Heilige Drei Könige'),
('AT', '2016-03-28', 'Ostermontag'),
('AT', '2016-05-01', 'Staatsfeiertag'),
('AT', '2016-05-05', 'Christi Himmelfahrt'),
('AT', '2016-05-16', 'Pfingstmontag'),
('AT', '2016-05-26', 'Fronleichnam'),
('AT', '2016-08-15', 'Mariä Himmelfahrt'),
('AT', '2016-10-26', 'Nationalfeiertag'),
('AT', '2016-11-01', 'Allerheiligen'),
('AT', '2016-12-08', 'Mariä Empfängnis'),
('AT', '2016-12-25', 'Christtag'),
('AT', '2016-12-26', 'Stefanitag');

-- AT 2019: oesterreich.gv.at "Gesetzliche Feiertage" (the 13 days of Arbeitsruhegesetz Par. 7 / Feiertagsruhegesetz)
INSERT INTO official (region, day, name) VALUES
('AT', '2019-01-01', 'Neujahr'),
('AT', '2019-01-06', 'Heilige Drei Könige'),
('AT', '2019-04-22', 'Ostermontag'),
('AT', '2019-05-01', 'Staatsfeiertag'),
('AT', '2019-05-30', 'Christi Himmelfahrt'),
('AT', '2019-06-10', 'Pfingstmontag'),
('AT', '2019-06-20', 'Fronleichnam'),
('AT', '2019-08-15', 'Mariä Himmelfahrt'),
('AT', '2019-10-26', 'Nationalfeiertag'),
('AT', '2019-11-01', 'Allerheiligen'),
('AT', '2019-12-08', 'Mariä Empfängnis'),
('AT', '2019-12-25', 'Christtag'),
('AT', '2019-12-26', 'Stefanitag');

-- AT 2022: oesterreich.gv.at "Gesetzliche Feiertage" (the 13 days of Arbeitsruhegesetz Par. 7 / Feiertagsruhegesetz)
INSERT INTO official (region, day, name) VALUES
('AT', '2022-01-01', 'Neujahr'),
('AT', '2022-01-06', 'Heilige Drei Könige'),
('AT', '2022-04-18', 'Ostermontag'),
('AT', '2022-05-01', 'Staatsfeiertag'),
('AT', '2022-05-26', 'Christi Himmelfahrt'),
('AT', '2022-06-06', 'Pfingstmontag'),
('AT', '2022-06-16', 'Fronleichnam'),
('AT', '2022-08-15', 'Mariä Himmelfahrt'),
('AT', '2022-10-26', 'Nationalfeiertag'),
('AT', '2022-11-01', 'Allerheiligen'),
('AT', '2022-12-08', 'Mariä Empfängnis'),
('AT', '2022-12-25', 'Christtag'),
('AT', '2022-12-26', 'Stefanitag');

-- AT 2025: oesterreich.gv.at "Gesetzliche Feiertage" (the 13 days of Arbeitsruhegesetz Par. 7 / Feiertagsruhegesetz)
INSERT INTO official (region, day, name) VALUES
('AT', '2025-01-01', 'Neujahr'),
('AT', '2025-01-06', 'Heilige Drei Könige'),
('AT', '2025-04-21', 'Ostermontag'),
('AT', '2025-05-01', 'Staatsfeiertag'),
('AT', '2025-05-29', 'Christi Himmelfahrt'),
('AT', '2025-06-09', 'Pfingstmontag'),
('AT', '2025-06-19', 'Fronleichnam'),
('AT', '2025-08-15', 'Mariä Himmelfahrt'),
('AT', '2025-10-26', 'Nationalfeiertag'),
('AT', '2025-11-01', 'Allerheiligen'),
('AT', '2025-12-08', 'Mariä Empfängnis'),
('AT', '2025-12-25', 'Christtag'),
('AT', '2025-12-26', 'Stefanitag');

-- CH 2016: BJ / Bundesamt fuer Justiz, list of Feiertage in the cantons (days kept in all 26 cantons; 1 Aug: BV Art. 110)
INSERT INTO official (region, day, name) VALUES
('CH', '2016-01-01', 'Neujahrstag'),
('CH', '2016-05-05', 'Auffahrt'),
('CH', '2016-08-01', 'Bundesfeiertag'),
('CH', '2016-12-25', 'Weihnachtstag');

-- CH 2019: BJ / Bundesamt fuer Justiz, list of Feiertage in the cantons (days kept in all 26 cantons; 1 Aug: BV Art. 110)
INSERT INTO official (region, day, name) VALUES
('CH', '2019-01-01', 'Neujahrstag'),
('CH', '2019-05-30', 'Auffahrt'),
('CH', '2019-08-01', 'Bundesfeiertag'),
('CH', '2019-12-25', 'Weihnachtstag');

-- CH 2022: BJ / Bundesamt fuer Justiz, list of Feiertage in the cantons (days kept in all 26 cantons; 1 Aug: BV Art. 110)
INSERT INTO official (region, day, name) VALUES
('CH', '2022-01-01', 'Neujahrstag'),
('CH', '2022-05-26', 'Auffahrt'),
('CH', '2022-08-01', 'Bundesfeiertag'),
('CH', '2022-12-25', 'Weihnachtstag');

-- CH 2025: BJ / Bundesamt fuer Justiz, list of Feiertage in the cantons (days kept in all 26 cantons; 1 Aug: BV Art. 110)
INSERT INTO official (region, day, name) VALUES
('CH', '2025-01-01', 'Neujahrstag'),
('CH', '2025-05-29', 'Auffahrt'),
('CH', '2025-08-01', 'Bundesfeiertag'),
('CH', '2025-12-25', 'Weihnachtstag');

-- NL 2006: rijksoverheid.nl / Algemene termijnenwet art. 3 (algemeen erkende feestdagen)
--   30 April 2006 was a Sunday: Koninginnedag on Sat 29 April.
INSERT INTO official (region, day, name) VALUES
('NL', '2006-01-01', 'Nieuwjaarsdag'),
('NL', '2006-04-16', 'Eerste Paasdag'),
('NL', '2006-04-17', 'Tweede Paasdag'),
('NL', '2006-04-29', 'Koninginnedag'),
('NL', '2006-05-05', 'Bevrijdingsdag'),
('NL', '2006-05-25', 'Hemelvaartsdag'),
('NL', '2006-06-04', 'Eerste Pinksterdag'),
('NL', '2006-06-05', 'Tweede Pinksterdag'),
('NL', '2006-12-25', 'Eerste Kerstdag'),
('NL', '2006-12-26', 'Tweede Kerstdag');

-- NL 2014: rijksoverheid.nl / Algemene termijnenwet art. 3 (algemeen erkende feestdagen)
--   first Koningsdag; 27 April 2014 was a Sunday: Sat 26 April.
INSERT INTO official (region, day, name) VALUES
('NL', '2014-01-01', 'Nieuwjaarsdag'),
('NL', '2014-04-20', 'Eerste Paasdag'),
('NL', '2014-04-21', 'Tweede Paasdag'),
('NL', '2014-04-26', 'Koningsdag'),
('NL', '2014-05-05', 'Bevrijdingsdag'),
('NL', '2014-05-29', 'Hemelvaartsdag'),
('NL', '2014-06-08', 'Eerste Pinksterdag'),
('NL', '2014-06-09', 'Tweede Pinksterdag'),
('NL', '2014-12-25', 'Eerste Kerstdag'),
('NL', '2014-12-26', 'Tweede Kerstdag');

-- NL 2016: rijksoverheid.nl / Algemene termijnenwet art. 3 (algemeen erkende feestdagen)
--   Bevrijdingsdag and Hemelvaartsdag both on Thu 5 May: two rows.
INSERT INTO official (region, day, name) VALUES
('NL', '2016-01-01', 'Nieuwjaarsdag'),
('NL', '2016-03-27', 'Eerste Paasdag'),
('NL', '2016-03-28', 'Tweede Paasdag'),
('NL', '2016-04-27', 'Koningsdag'),
('NL', '2016-05-05', 'Bevrijdingsdag'),
('NL', '2016-05-05', 'Hemelvaartsdag'),
('NL', '2016-05-15', 'Eerste Pinksterdag'),
('NL', '2016-05-16', 'Tweede Pinksterdag'),
('NL', '2016-12-25', 'Eerste Kerstdag'),
('NL', '2016-12-26', 'Tweede Kerstdag');

-- NL 2022: rijksoverheid.nl / Algemene termijnenwet art. 3 (algemeen erkende feestdagen)
INSERT INTO official (region, day, name) VALUES
('NL', '2022-01-01', 'Nieuwjaarsdag'),
('NL', '2022-04-17', 'Eerste Paasdag'),
('NL', '2022-04-18', 'Tweede Paasdag'),
('NL', '2022-04-27', 'Koningsdag'),
('NL', '2022-05-05', 'Bevrijdingsdag'),
('NL', '2022-05-26', 'Hemelvaartsdag'),
('NL', '2022-06-05', 'Eerste Pinksterdag'),
('NL', '2022-06-06', 'Tweede Pinksterdag'),
('NL', '2022-12-25', 'Eerste Kerstdag'),
('NL', '2022-12-26', 'Tweede Kerstdag');

-- NL 2025: rijksoverheid.nl / Algemene termijnenwet art. 3 (algemeen erkende feestdagen)
--   27 April 2025 was a Sunday: Koningsdag on Sat 26 April.
INSERT INTO official (region, day, name) VALUES
('NL', '2025-01-01', 'Nieuwjaarsdag'),
('NL', '2025-04-20', 'Eerste Paasdag'),
('NL', '2025-04-21', 'Tweede Paasdag'),
('NL', '2025-04-26', 'Koningsdag'),
('NL', '2025-05-05', 'Bevrijdingsdag'),
('NL', '2025-05-29', 'Hemelvaartsdag'),
('NL', '2025-06-08', 'Eerste Pinksterdag'),
('NL', '2025-06-09', 'Tweede Pinksterdag'),
('NL', '2025-12-25', 'Eerste Kerstdag'),
('NL', '2025-12-26', 'Tweede Kerstdag');

-- GB-ENG 2016: https://www.gov.uk/bank-holidays (England and Wales)
--   Easter in March; 25 Dec a Sunday: Boxing Day Mon 26, Christmas substitute Tue 27.
INSERT INTO official (region, day, name) VALUES
('GB-ENG', '2016-01-01', 'New Year''s Day'),
('GB-ENG', '2016-03-25', 'Good Friday'),
('GB-ENG', '2016-03-28', 'Easter Monday'),
('GB-ENG', '2016-05-02', 'Early May bank holiday'),
('GB-ENG', '2016-05-30', 'Spring bank holiday'),
('GB-ENG', '2016-08-29', 'Summer bank holiday'),
('GB-ENG', '2016-12-26', 'Boxing Day'),
('GB-ENG', '2016-12-27', 'Christmas Day (substitute day)');

-- GB-ENG 2020: https://www.gov.uk/bank-holidays (England and Wales)
--   Early May bank holiday moved to Fri 8 May (VE day 75th; gov.uk title "Early May bank holiday (VE day)"); Boxing Day Sat -> Mon 28.
INSERT INTO official (region, day, name) VALUES
('GB-ENG', '2020-01-01', 'New Year''s Day'),
('GB-ENG', '2020-04-10', 'Good Friday'),
('GB-ENG', '2020-04-13', 'Easter Monday'),
('GB-ENG', '2020-05-08', 'Early May bank holiday (VE day)'),
('GB-ENG', '2020-05-25', 'Spring bank holiday'),
('GB-ENG', '2020-08-31', 'Summer bank holiday'),
('GB-ENG', '2020-12-25', 'Christmas Day'),
('GB-ENG', '2020-12-28', 'Boxing Day (substitute day)');

-- GB-ENG 2021: https://www.gov.uk/bank-holidays (England and Wales)
--   25/26 Dec Sat/Sun: substitutes Mon 27 and Tue 28.
INSERT INTO official (region, day, name) VALUES
('GB-ENG', '2021-01-01', 'New Year''s Day'),
('GB-ENG', '2021-04-02', 'Good Friday'),
('GB-ENG', '2021-04-05', 'Easter Monday'),
('GB-ENG', '2021-05-03', 'Early May bank holiday'),
('GB-ENG', '2021-05-31', 'Spring bank holiday'),
('GB-ENG', '2021-08-30', 'Summer bank holiday'),
('GB-ENG', '2021-12-27', 'Christmas Day (substitute day)'),
('GB-ENG', '2021-12-28', 'Boxing Day (substitute day)');

-- GB-ENG 2022: https://www.gov.uk/bank-holidays (England and Wales)
--   1 Jan Sat -> Mon 3; Spring bank holiday moved to Thu 2 Jun; Platinum Jubilee Fri 3 Jun; State Funeral Mon 19 Sep; 25 Dec Sun.
INSERT INTO official (region, day, name) VALUES
('GB-ENG', '2022-01-03', 'New Year''s Day (substitute day)'),
('GB-ENG', '2022-04-15', 'Good Friday'),
('GB-ENG', '2022-04-18', 'Easter Monday'),
('GB-ENG', '2022-05-02', 'Early May bank holiday'),
('GB-ENG', '2022-06-02', 'Spring bank holiday'),
('GB-ENG', '2022-06-03', 'Platinum Jubilee bank holiday'),
('GB-ENG', '2022-08-29', 'Summer bank holiday'),
('GB-ENG', '2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'),
('GB-ENG', '2022-12-26', 'Boxing Day'),
('GB-ENG', '2022-12-27', 'Christmas Day (substitute day)');

-- GB-ENG 2023: https://www.gov.uk/bank-holidays (England and Wales)
--   1 Jan Sun -> Mon 2; Coronation Mon 8 May.
INSERT INTO official (region, day, name) VALUES
('GB-ENG', '2023-01-02', 'New Year''s Day (substitute day)'),
('GB-ENG', '2023-04-07', 'Good Friday'),
('GB-ENG', '2023-04-10', 'Easter Monday'),
('GB-ENG', '2023-05-01', 'Early May bank holiday'),
('GB-ENG', '2023-05-08', 'Bank holiday for the coronation of King Charles III'),
('GB-ENG', '2023-05-29', 'Spring bank holiday'),
('GB-ENG', '2023-08-28', 'Summer bank holiday'),
('GB-ENG', '2023-12-25', 'Christmas Day'),
('GB-ENG', '2023-12-26', 'Boxing Day');

-- GB-ENG 2024: https://www.gov.uk/bank-holidays (England and Wales)
--   no moved days.
INSERT INTO official (region, day, name) VALUES
('GB-ENG', '2024-01-01', 'New Year''s Day'),
('GB-ENG', '2024-03-29', 'Good Friday'),
('GB-ENG', '2024-04-01', 'Easter Monday'),
('GB-ENG', '2024-05-06', 'Early May bank holiday'),
('GB-ENG', '2024-05-27', 'Spring bank holiday'),
('GB-ENG', '2024-08-26', 'Summer bank holiday'),
('GB-ENG', '2024-12-25', 'Christmas Day'),
('GB-ENG', '2024-12-26', 'Boxing Day');

-- GB-SCT 2016: https://www.gov.uk/bank-holidays (Scotland)
--   2 Jan Sat -> Mon 4 Jan; 25 Dec Sun.
INSERT INTO official (region, day, name) VALUES
('GB-SCT', '2016-01-01', 'New Year''s Day'),
('GB-SCT', '2016-01-04', '2nd January (substitute day)'),
('GB-SCT', '2016-03-25', 'Good Friday'),
('GB-SCT', '2016-05-02', 'Early May bank holiday'),
('GB-SCT', '2016-05-30', 'Spring bank holiday'),
('GB-SCT', '2016-08-01', 'Summer bank holiday'),
('GB-SCT', '2016-11-30', 'St Andrew''s Day'),
('GB-SCT', '2016-12-26', 'Boxing Day'),
('GB-SCT', '2016-12-27', 'Christmas Day (substitute day)');

-- GB-SCT 2020: https://www.gov.uk/bank-holidays (Scotland)
--   Early May moved to Fri 8 May; Summer bank holiday first Monday of August; Boxing Day Sat -> Mon 28.
INSERT INTO official (region, day, name) VALUES
('GB-SCT', '2020-01-01', 'New Year''s Day'),
('GB-SCT', '2020-01-02', '2nd January'),
('GB-SCT', '2020-04-10', 'Good Friday'),
('GB-SCT', '2020-05-08', 'Early May bank holiday (VE day)'),
('GB-SCT', '2020-05-25', 'Spring bank holiday'),
('GB-SCT', '2020-08-03', 'Summer bank holiday'),
('GB-SCT', '2020-11-30', 'St Andrew''s Day'),
('GB-SCT', '2020-12-25', 'Christmas Day'),
('GB-SCT', '2020-12-28', 'Boxing Day (substitute day)');

-- GB-SCT 2021: https://www.gov.uk/bank-holidays (Scotland)
--   2 Jan Sat -> Mon 4 Jan; 25/26 Dec Sat/Sun -> Mon 27, Tue 28.
INSERT INTO official (region, day, name) VALUES
('GB-SCT', '2021-01-01', 'New Year''s Day'),
('GB-SCT', '2021-01-04', '2nd January (substitute day)'),
('GB-SCT', '2021-04-02', 'Good Friday'),
('GB-SCT', '2021-05-03', 'Early May bank holiday'),
('GB-SCT', '2021-05-31', 'Spring bank holiday'),
('GB-SCT', '2021-08-02', 'Summer bank holiday'),
('GB-SCT', '2021-11-30', 'St Andrew''s Day'),
('GB-SCT', '2021-12-27', 'Christmas Day (substitute day)'),
('GB-SCT', '2021-12-28', 'Boxing Day (substitute day)');

-- GB-SCT 2022: https://www.gov.uk/bank-holidays (Scotland)
--   1/2 Jan Sat/Sun -> Mon 3, Tue 4; 2-3 Jun; 19 Sep; 25 Dec Sun.
INSERT INTO official (region, day, name) VALUES
('GB-SCT', '2022-01-03', 'New Year''s Day (substitute day)'),
('GB-SCT', '2022-01-04', '2nd January (substitute day)'),
('GB-SCT', '2022-04-15', 'Good Friday'),
('GB-SCT', '2022-05-02', 'Early May bank holiday'),
('GB-SCT', '2022-06-02', 'Spring bank holiday'),
('GB-SCT', '2022-06-03', 'Platinum Jubilee bank holiday'),
('GB-SCT', '2022-08-01', 'Summer bank holiday'),
('GB-SCT', '2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'),
('GB-SCT', '2022-11-30', 'St Andrew''s Day'),
('GB-SCT', '2022-12-26', 'Boxing Day'),
('GB-SCT', '2022-12-27', 'Christmas Day (substitute day)');

-- GB-SCT 2023: https://www.gov.uk/bank-holidays (Scotland)
--   1 Jan Sun: 2nd January on its own date Mon 2, New Year substitute Tue 3; Coronation 8 May.
INSERT INTO official (region, day, name) VALUES
('GB-SCT', '2023-01-02', '2nd January'),
('GB-SCT', '2023-01-03', 'New Year''s Day (substitute day)'),
('GB-SCT', '2023-04-07', 'Good Friday'),
('GB-SCT', '2023-05-01', 'Early May bank holiday'),
('GB-SCT', '2023-05-08', 'Bank holiday for the coronation of King Charles III'),
('GB-SCT', '2023-05-29', 'Spring bank holiday'),
('GB-SCT', '2023-08-07', 'Summer bank holiday'),
('GB-SCT', '2023-11-30', 'St Andrew''s Day'),
('GB-SCT', '2023-12-25', 'Christmas Day'),
('GB-SCT', '2023-12-26', 'Boxing Day');

-- GB-SCT 2024: https://www.gov.uk/bank-holidays (Scotland)
--   St Andrew's Day Sat 30 Nov -> Mon 2 Dec.
INSERT INTO official (region, day, name) VALUES
('GB-SCT', '2024-01-01', 'New Year''s Day'),
('GB-SCT', '2024-01-02', '2nd January'),
('GB-SCT', '2024-03-29', 'Good Friday'),
('GB-SCT', '2024-05-06', 'Early May bank holiday'),
('GB-SCT', '2024-05-27', 'Spring bank holiday'),
('GB-SCT', '2024-08-05', 'Summer bank holiday'),
('GB-SCT', '2024-12-02', 'St Andrew''s Day (substitute day)'),
('GB-SCT', '2024-12-25', 'Christmas Day'),
('GB-SCT', '2024-12-26', 'Boxing Day');

-- GB-NIR 2016: https://www.gov.uk/bank-holidays (Northern Ireland)
INSERT INTO official (region, day, name) VALUES
('GB-NIR', '2016-01-01', 'New Year''s Day'),
('GB-NIR', '2016-03-17', 'St Patrick''s Day'),
('GB-NIR', '2016-03-25', 'Good Friday'),
('GB-NIR', '2016-03-28', 'Easter Monday'),
('GB-NIR', '2016-05-02', 'Early May bank holiday'),
('GB-NIR', '2016-05-30', 'Spring bank holiday'),
('GB-NIR', '2016-07-12', 'Battle of the Boyne (Orangemen''s Day)'),
('GB-NIR', '2016-08-29', 'Summer bank holiday'),
('GB-NIR', '2016-12-26', 'Boxing Day'),
('GB-NIR', '2016-12-27', 'Christmas Day (substitute day)');

-- GB-NIR 2020: https://www.gov.uk/bank-holidays (Northern Ireland)
--   Battle of the Boyne Sun 12 Jul -> Mon 13 Jul; Early May moved to Fri 8 May.
INSERT INTO official (region, day, name) VALUES
('GB-NIR', '2020-01-01', 'New Year''s Day'),
('GB-NIR', '2020-03-17', 'St Patrick''s Day'),
('GB-NIR', '2020-04-10', 'Good Friday'),
('GB-NIR', '2020-04-13', 'Easter Monday'),
('GB-NIR', '2020-05-08', 'Early May bank holiday (VE day)'),
('GB-NIR', '2020-05-25', 'Spring bank holiday'),
('GB-NIR', '2020-07-13', 'Battle of the Boyne (Orangemen''s Day) (substitute day)'),
('GB-NIR', '2020-08-31', 'Summer bank holiday'),
('GB-NIR', '2020-12-25', 'Christmas Day'),
('GB-NIR', '2020-12-28', 'Boxing Day (substitute day)');

-- GB-NIR 2021: https://www.gov.uk/bank-holidays (Northern Ireland)
INSERT INTO official (region, day, name) VALUES
('GB-NIR', '2021-01-01', 'New Year''s Day'),
('GB-NIR', '2021-03-17', 'St Patrick''s Day'),
('GB-NIR', '2021-04-02', 'Good Friday'),
('GB-NIR', '2021-04-05', 'Easter Monday'),
('GB-NIR', '2021-05-03', 'Early May bank holiday'),
('GB-NIR', '2021-05-31', 'Spring bank holiday'),
('GB-NIR', '2021-07-12', 'Battle of the Boyne (Orangemen''s Day)'),
('GB-NIR', '2021-08-30', 'Summer bank holiday'),
('GB-NIR', '2021-12-27', 'Christmas Day (substitute day)'),
('GB-NIR', '2021-12-28', 'Boxing Day (substitute day)');

-- GB-NIR 2022: https://www.gov.uk/bank-holidays (Northern Ireland)
INSERT INTO official (region, day, name) VALUES
('GB-NIR', '2022-01-03', 'New Year''s Day (substitute day)'),
('GB-NIR', '2022-03-17', 'St Patrick''s Day'),
('GB-NIR', '2022-04-15', 'Good Friday'),
('GB-NIR', '2022-04-18', 'Easter Monday'),
('GB-NIR', '2022-05-02', 'Early May bank holiday'),
('GB-NIR', '2022-06-02', 'Spring bank holiday'),
('GB-NIR', '2022-06-03', 'Platinum Jubilee bank holiday'),
('GB-NIR', '2022-07-12', 'Battle of the Boyne (Orangemen''s Day)'),
('GB-NIR', '2022-08-29', 'Summer bank holiday'),
('GB-NIR', '2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'),
('GB-NIR', '2022-12-26', 'Boxing Day'),
('GB-NIR', '2022-12-27', 'Christmas Day (substitute day)');

-- GB-NIR 2023: https://www.gov.uk/bank-holidays (Northern Ireland)
INSERT INTO official (region, day, name) VALUES
('GB-NIR', '2023-01-02', 'New Year''s Day (substitute day)'),
('GB-NIR', '2023-03-17', 'St Patrick''s Day'),
('GB-NIR', '2023-04-07', 'Good Friday'),
('GB-NIR', '2023-04-10', 'Easter Monday'),
('GB-NIR', '2023-05-01', 'Early May bank holiday'),
('GB-NIR', '2023-05-08', 'Bank holiday for the coronation of King Charles III'),
('GB-NIR', '2023-05-29', 'Spring bank holiday'),
('GB-NIR', '2023-07-12', 'Battle of the Boyne (Orangemen''s Day)'),
('GB-NIR', '2023-08-28', 'Summer bank holiday'),
('GB-NIR', '2023-12-25', 'Christmas Day'),
('GB-NIR', '2023-12-26', 'Boxing Day');

-- GB-NIR 2024: https://www.gov.uk/bank-holidays (Northern Ireland)
--   St Patrick's Day Sun 17 Mar -> Mon 18 Mar.
INSERT INTO official (region, day, name) VALUES
('GB-NIR', '2024-01-01', 'New Year''s Day'),
('GB-NIR', '2024-03-18', 'St Patrick''s Day (substitute day)'),
('GB-NIR', '2024-03-29', 'Good Friday'),
('GB-NIR', '2024-04-01', 'Easter Monday'),
('GB-NIR', '2024-05-06', 'Early May bank holiday'),
('GB-NIR', '2024-05-27', 'Spring bank holiday'),
('GB-NIR', '2024-07-12', 'Battle of the Boyne (Orangemen''s Day)'),
('GB-NIR', '2024-08-26', 'Summer bank holiday'),
('GB-NIR', '2024-12-25', 'Christmas Day'),
('GB-NIR', '2024-12-26', 'Boxing Day');

-- US 2020: OPM federal holidays https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/ (5 U.S.C. 6103)
--   Independence Day Sat -> Fri 3 Jul. (The 24 Dec 2020 executive-order closure is not a holiday of 5 U.S.C. 6103: not listed.)
INSERT INTO official (region, day, name) VALUES
('US', '2020-01-01', 'New Year''s Day'),
('US', '2020-01-20', 'Birthday of Martin Luther King, Jr.'),
('US', '2020-02-17', 'Washington''s Birthday'),
('US', '2020-05-25', 'Memorial Day'),
('US', '2020-07-03', 'Independence Day (observed)'),
('US', '2020-09-07', 'Labor Day'),
('US', '2020-10-12', 'Columbus Day'),
('US', '2020-11-11', 'Veterans Day'),
('US', '2020-11-26', 'Thanksgiving Day'),
('US', '2020-12-25', 'Christmas Day');

-- US 2021: OPM federal holidays https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/ (5 U.S.C. 6103)
--   first Juneteenth (Sat -> Fri 18 Jun); 4 Jul Sun -> Mon 5; 25 Dec Sat -> Fri 24; New Year 2022 (Sat) observed Fri 31 Dec 2021. (Inauguration Day 20 Jan: DC area only, not listed.)
INSERT INTO official (region, day, name) VALUES
('US', '2021-01-01', 'New Year''s Day'),
('US', '2021-01-18', 'Birthday of Martin Luther King, Jr.'),
('US', '2021-02-15', 'Washington''s Birthday'),
('US', '2021-05-31', 'Memorial Day'),
('US', '2021-06-18', 'Juneteenth National Independence Day (observed)'),
('US', '2021-07-05', 'Independence Day (observed)'),
('US', '2021-09-06', 'Labor Day'),
('US', '2021-10-11', 'Columbus Day'),
('US', '2021-11-11', 'Veterans Day'),
('US', '2021-11-25', 'Thanksgiving Day'),
('US', '2021-12-24', 'Christmas Day (observed)'),
('US', '2021-12-31', 'New Year''s Day (observed)');

-- US 2022: OPM federal holidays https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/ (5 U.S.C. 6103)
--   1 Jan 2022 was observed in 2021: absent here; Juneteenth Sun -> Mon 20; 25 Dec Sun -> Mon 26.
INSERT INTO official (region, day, name) VALUES
('US', '2022-01-17', 'Birthday of Martin Luther King, Jr.'),
('US', '2022-02-21', 'Washington''s Birthday'),
('US', '2022-05-30', 'Memorial Day'),
('US', '2022-06-20', 'Juneteenth National Independence Day (observed)'),
('US', '2022-07-04', 'Independence Day'),
('US', '2022-09-05', 'Labor Day'),
('US', '2022-10-10', 'Columbus Day'),
('US', '2022-11-11', 'Veterans Day'),
('US', '2022-11-24', 'Thanksgiving Day'),
('US', '2022-12-26', 'Christmas Day (observed)');

-- US 2023: OPM federal holidays https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/ (5 U.S.C. 6103)
--   1 Jan Sun -> Mon 2; Veterans Day Sat -> Fri 10 Nov.
INSERT INTO official (region, day, name) VALUES
('US', '2023-01-02', 'New Year''s Day (observed)'),
('US', '2023-01-16', 'Birthday of Martin Luther King, Jr.'),
('US', '2023-02-20', 'Washington''s Birthday'),
('US', '2023-05-29', 'Memorial Day'),
('US', '2023-06-19', 'Juneteenth National Independence Day'),
('US', '2023-07-04', 'Independence Day'),
('US', '2023-09-04', 'Labor Day'),
('US', '2023-10-09', 'Columbus Day'),
('US', '2023-11-10', 'Veterans Day (observed)'),
('US', '2023-11-23', 'Thanksgiving Day'),
('US', '2023-12-25', 'Christmas Day');

-- US 2026: OPM federal holidays https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/ (5 U.S.C. 6103)
--   Independence Day Sat -> Fri 3 Jul.
INSERT INTO official (region, day, name) VALUES
('US', '2026-01-01', 'New Year''s Day'),
('US', '2026-01-19', 'Birthday of Martin Luther King, Jr.'),
('US', '2026-02-16', 'Washington''s Birthday'),
('US', '2026-05-25', 'Memorial Day'),
('US', '2026-06-19', 'Juneteenth National Independence Day'),
('US', '2026-07-03', 'Independence Day (observed)'),
('US', '2026-09-07', 'Labor Day'),
('US', '2026-10-12', 'Columbus Day'),
('US', '2026-11-11', 'Veterans Day'),
('US', '2026-11-26', 'Thanksgiving Day'),
('US', '2026-12-25', 'Christmas Day');

-- IL 2023: Israeli government's list of rest days (gov.il); Hebrew dates by ICU (Node.js Intl, calendar 'hebrew')
--   Yom HaAtzmaut 5 Iyar = Wed 26 Apr (not moved).
INSERT INTO official (region, day, name) VALUES
('IL', '2023-04-06', 'פסח'),
('IL', '2023-04-12', 'שביעי של פסח'),
('IL', '2023-04-26', 'יום העצמאות'),
('IL', '2023-05-26', 'שבועות'),
('IL', '2023-09-16', 'ראש השנה'),
('IL', '2023-09-17', 'ראש השנה'),
('IL', '2023-09-25', 'יום הכיפורים'),
('IL', '2023-09-30', 'סוכות'),
('IL', '2023-10-07', 'שמיני עצרת');

-- IL 2024: Israeli government's list of rest days (gov.il); Hebrew dates by ICU (Node.js Intl, calendar 'hebrew')
--   5 Iyar = Mon 13 May: Yom HaAtzmaut moved to Tue 14 May.
INSERT INTO official (region, day, name) VALUES
('IL', '2024-04-23', 'פסח'),
('IL', '2024-04-29', 'שביעי של פסח'),
('IL', '2024-05-14', 'יום העצמאות'),
('IL', '2024-06-12', 'שבועות'),
('IL', '2024-10-03', 'ראש השנה'),
('IL', '2024-10-04', 'ראש השנה'),
('IL', '2024-10-12', 'יום הכיפורים'),
('IL', '2024-10-17', 'סוכות'),
('IL', '2024-10-24', 'שמיני עצרת');

-- IL 2025: Israeli government's list of rest days (gov.il); Hebrew dates by ICU (Node.js Intl, calendar 'hebrew')
--   5 Iyar = Sat 3 May: Yom HaAtzmaut moved to Thu 1 May.
INSERT INTO official (region, day, name) VALUES
('IL', '2025-04-13', 'פסח'),
('IL', '2025-04-19', 'שביעי של פסח'),
('IL', '2025-05-01', 'יום העצמאות'),
('IL', '2025-06-02', 'שבועות'),
('IL', '2025-09-23', 'ראש השנה'),
('IL', '2025-09-24', 'ראש השנה'),
('IL', '2025-10-02', 'יום הכיפורים'),
('IL', '2025-10-07', 'סוכות'),
('IL', '2025-10-14', 'שמיני עצרת');
