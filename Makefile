# ticket_sla: built with PGXS.  `make && make install`, then
# `CREATE EXTENSION ticket_sla;`.  The whole test suite: `bash test/check.sh`.

EXTENSION = ticket_sla
MODULE_big = ticket_sla
OBJS = src/ticket_sla.o src/calendar.o src/zone.o src/days.o src/walker.o \
	src/business_time.o src/functions.o
DATA = ticket_sla--0.1.sql

REGRESS = calendar_io business_time dst differential

PG_CFLAGS = -Wall -Wextra

# every object depends on every header: there are few of both
$(OBJS): $(wildcard src/*.h)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
