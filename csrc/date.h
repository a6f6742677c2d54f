/*
** date.h: recognizing printed publication dates and normalizing them to ISO 8601.
** Plain C, no Lua: the binding (core.c) turns results into Lua values.
*/
#ifndef BS_DATE_H
#define BS_DATE_H

#include <stddef.h>

/* Room for the longest result, "2016-06-14T09:30:00+02:00" plus NUL, with margin. */
#define BS_DATE_MAX 32

/*
** Parses the printed date s[0..n) (not NUL-terminated; may hold any bytes).
** On success writes a NUL-terminated ISO 8601 string into iso and returns 1:
** "2016-06-14" for a date alone, "2016-06-14T09:30:00" for a time without a
** zone, "2016-06-14T09:30:00Z" for UTC, "2016-06-14T09:30:00+02:00" otherwise.
** On failure returns 0 and points *why at a static message saying what is wrong
** ("not a date", "impossible date", ...). The whole string must be a date:
** a sentence that starts with one is not.
*/
int bs_parse_date(const char *s, size_t n, char iso[BS_DATE_MAX], const char **why);

#endif
