# ticket_sla: built with PGXS.  `make && make install`, then
# `CREATE EXTENSION ticket_sla;`.  The whole test suite: `bash test/check.sh`.

PG_CONFIG ?= pg_config

EXTENSION = ticket_sla
MODULE_big = ticket_sla
# one line per folder of src/ (docs/tests.md, "Layout of the source", says
# what each holds)
OBJS = src/ticket_sla.o \
	$(addprefix src/engine/, zone.o days.o walker.o business_time.o arg_cache.o business_time_sql.o) \
	$(addprefix src/calendar/, calendar.o) \
	$(addprefix src/holidays/, holidays.o hebrew.o holiday_dates.o holiday_functions.o \
		ical.o ical_reader.o ical_recurrence.o) \
	$(addprefix src/contract/, contract.o contract_fields.o term_sets.o targets.o escalation.o progress.o availability.o) \
	$(addprefix src/store/, trigger_support.o stamp_trigger.o ticket_trigger.o ticket_row.o ticket_clock.o owner_calls.o \
		ticket_statuses.o ticket_conversation.o ticket_due.o ticket_events.o store.o case_number.o) \
	$(addprefix src/reports/, rollups.o) \
	$(addprefix src/common/, text_form.o scan.o srf.o civil_date.o)
# the first version's install script, then an update script to each next one
DATA = $(EXTENSION)--0.1.sql $(sort $(wildcard $(EXTENSION)--*--*.sql))
# The current version is the control file's default_version, and nowhere
# else.  Its install script is sql/ticket_sla.sql, edited in place, copied
# to ticket_sla--$(EXTVERSION).sql (by the rule below): CREATE EXTENSION runs
# that one script.  ('0.1' above is the first version's, frozen, for CREATE
# EXTENSION ... VERSION '0.1'.)
EXTVERSION := $(shell sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)
ifeq ($(EXTVERSION),)
$(error $(EXTENSION).control names no default_version)
endif
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
EXTRA_CLEAN = $(EXTENSION)--$(EXTVERSION).sql

REGRESS = calendar_io business_time arg_cache dst holidays holidays_ch ical differential contract_io contract_plans term_sets conversation_terms local_hours tickets entitlements stamp_deadlines queue escalations events clocks statuses conversation reporting charting rollups rollup_histories what_if what_if_histories due_dates availability privileges attack_0_6 parallel pushdown fuzz_findings quiet_hours

# isolation specs: test/isolation/specs, their outputs test/isolation/expected
ISOLATION = case_numbers premium_quota named_contacts escalations severity_race rollups quiet_hours
ISOLATION_OPTS = --inputdir=test/isolation

# -Wextra for our code; the server's headers are included as system headers,
# whose own unused parameters are not ours to warn about.  Our own headers are
# included by their folder below src/ ("engine/zone.h").
PG_CFLAGS = -Wall -Wextra
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server)

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# every object depends on every header: there are few of both (after the
# include, so that the default target stays PGXS's "all")
$(OBJS): $(wildcard src/*.h src/*/*.h)

# the install script of the current version, a copy of sql/ticket_sla.sql
$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql $(EXTENSION).control
	cp $< $@

# The regression suites and isolation specs once more, on a build with
# AddressSanitizer and UndefinedBehaviorSanitizer loaded into a server of its
# own (test/sanitize.sh); the system's installation is left alone.
.PHONY: check-sanitizers
check-sanitizers:
	bash test/sanitize.sh
