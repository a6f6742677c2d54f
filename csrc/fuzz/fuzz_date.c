/*
** fuzz_date.c: libFuzzer harness for bs_parse_date. The input is the printed
** date, in a buffer of exactly its size (the parser must never look past it).
**
** Checked: a failure gives one of the two messages and an empty result; a
** success gives ISO 8601 in one of the four shapes date.h promises, and
** parsing that ISO text again gives the same ISO text.
*/
#include "fuzz.h"

#include "date.h"

static int is_digits(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/* "2016-06-14", then "T09:30:00", then "Z" or "+02:00": nothing else. */
static void check_shape(const char *iso) {
  size_t len = strlen(iso);
  FUZZ_CHECK(len == 10 || len == 19 || len == 20 || len == 25, "ISO result of an odd length");
  FUZZ_CHECK(is_digits(iso, 4) && iso[4] == '-' && is_digits(iso + 5, 2) && iso[7] == '-' &&
             is_digits(iso + 8, 2), "ISO date part malformed");
  if (len == 10) return;
  FUZZ_CHECK(iso[10] == 'T' && is_digits(iso + 11, 2) && iso[13] == ':' && is_digits(iso + 14, 2) &&
             iso[16] == ':' && is_digits(iso + 17, 2), "ISO time part malformed");
  if (len == 20) FUZZ_CHECK(iso[19] == 'Z', "ISO zone letter is not Z");
  if (len == 25)
    FUZZ_CHECK((iso[19] == '+' || iso[19] == '-') && is_digits(iso + 20, 2) && iso[22] == ':' &&
               is_digits(iso + 23, 2) && memcmp(iso + 20, "00:00", 5) != 0,
               "ISO offset malformed");
}

static void check_round_trip(const char *iso) {
  size_t len = strlen(iso);
  char *copy = fuzz_copy(iso, len), again[BS_DATE_MAX];
  const char *why = NULL;
  FUZZ_CHECK(bs_parse_date(copy, len, again, &why), "ISO result does not parse again");
  FUZZ_CHECK(strcmp(iso, again) == 0, "ISO result parses to another date");
  free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = fuzz_copy(data, size), iso[BS_DATE_MAX];
  const char *why = NULL;
  memset(iso, 'x', sizeof iso);
  if (bs_parse_date(s, size, iso, &why)) {
    FUZZ_CHECK(memchr(iso, '\0', sizeof iso) != NULL, "ISO result not NUL-terminated");
    check_shape(iso);
    check_round_trip(iso);
  } else {
    FUZZ_CHECK(why != NULL && (strcmp(why, "not a date") == 0 || strcmp(why, "impossible date") == 0),
               "failure without a known message");
    FUZZ_CHECK(iso[0] == '\0', "failure left a result");
  }
  free(s);
  return 0;
}
