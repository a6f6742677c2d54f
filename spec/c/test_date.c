/*
** test_date.c: unit tests for bs_parse_date (csrc/date.h).
**
** Every input is copied into a heap block of exactly its length before it is
** parsed, so that AddressSanitizer catches any read past s + n: the parser is
** promised a buffer that is not NUL-terminated, and this makes the promise real.
*/
#include <stdlib.h>

#include "check.h"
#include "date.h"

/* Parses s[0..n) from an exact-size copy; returns bs_parse_date's result. */
static int parse(const char *s, size_t n, char iso[BS_DATE_MAX], const char **why) {
  char *copy = malloc(n ? n : 1);
  int ok;
  if (!copy) return -1;
  memcpy(copy, s, n);
  ok = bs_parse_date(copy, n, iso, why);
  free(copy);
  return ok;
}

/* What a parse produced, as one string to compare: the ISO date or the reason. */
static const char *outcome(int ok, const char *iso, const char *why) {
  if (ok < 0) return "(out of memory)";
  if (!memchr(iso, '\0', BS_DATE_MAX)) return "(iso not NUL-terminated)";
  if (ok) return iso;
  return why; /* NULL when the parser forgot to say why: check_str fails on it */
}

/* s[0..n) must parse to want; name is what the TAP line says. */
static void date_n(const char *name, const char *s, size_t n, const char *want) {
  char iso[BS_DATE_MAX];
  const char *why = NULL, *got;
  int ok;
  memset(iso, 'x', sizeof iso);
  ok = parse(s, n, iso, &why);
  got = outcome(ok, iso, why);
  check_str(name, got, got ? strlen(got) : 0, want);
}

static void date(const char *s, const char *want) { date_n(s, s, strlen(s), want); }

/* s[0..n) must be rejected with the reason want_why: date_n compares the why. */
static void bad_n(const char *name, const char *s, size_t n, const char *want_why) {
  date_n(name, s, n, want_why);
}

static void bad(const char *s, const char *want_why) { bad_n(s, s, strlen(s), want_why); }

/* A string literal and its length, counting any NULs inside it. */
#define BYTES(literal) literal, sizeof literal - 1

static void test_day_first(void) {
  date("Tue 14 Jun 2016", "2016-06-14");
  date("14 June 2016", "2016-06-14");
  date("Tuesday 14 June 2016", "2016-06-14");
  date("14 Jun. 2016", "2016-06-14");
  date("Tue, 14 Jun 2016", "2016-06-14");
  date("Tue. 14 Jun 2016", "2016-06-14");
  date("14th June, 2016", "2016-06-14");
  date("1 Sept 2016", "2016-09-01");
  date("1 sept. 2016", "2016-09-01");
  date("3 SEPTEMBER 1999", "1999-09-03");
  date_n("blanks and CRLF around", BYTES("  \t14 June 2016 \r\n"), "2016-06-14");
}

static void test_month_first(void) {
  date("June 14, 2016", "2016-06-14");
  date("June 14 2016", "2016-06-14");
  date("Tuesday, June 14, 2016", "2016-06-14");
  date("June 14th, 2016", "2016-06-14");
  date("March 1st, 2016", "2016-03-01");
  date("May 2nd 2016", "2016-05-02");
  date("Apr 3rd, 2016", "2016-04-03");
  date("Jun. 14, 2016", "2016-06-14");
  date("june 14,2016", "2016-06-14");
  date("Sept 30, 2016", "2016-09-30");
}

static void test_clock(void) {
  date("Jun 14, 2016 08:45 AM", "2016-06-14T08:45:00");
  date("Jun 14, 2016 08:45 PM", "2016-06-14T20:45:00");
  date("Jun 14, 2016 12:05 AM", "2016-06-14T00:05:00");
  date("Jun 14, 2016 12:05 PM", "2016-06-14T12:05:00");
  date("Jun 14, 2016 8:45 p.m.", "2016-06-14T20:45:00");
  date("Jun 14, 2016 8:45a.m.", "2016-06-14T08:45:00");
  date("Jun 14, 2016 8:45pm", "2016-06-14T20:45:00");
  date("14 June 2016 09:30", "2016-06-14T09:30:00");
  date("14 June 2016, 09:30", "2016-06-14T09:30:00");
  date("14 June 2016 at 09:30", "2016-06-14T09:30:00");
  date("June 14, 2016 - 9:30 am", "2016-06-14T09:30:00");
  date("June 14, 2016 at 9:30:15 PM EDT", "2016-06-14T21:30:15-04:00");
  date("14 June 2016 15:01:01.79", "2016-06-14T15:01:01");
}

static void test_iso(void) {
  date("2016-06-14", "2016-06-14");
  date("2016-06-14T09:30:00Z", "2016-06-14T09:30:00Z");
  date("2016-06-14T09:30Z", "2016-06-14T09:30:00Z");
  date("2016-06-14 09:30:00", "2016-06-14T09:30:00");
  date("2016-06-14T09:30:00+02:00", "2016-06-14T09:30:00+02:00");
  date("2016-06-14T09:30:00+0200", "2016-06-14T09:30:00+02:00");
  date("2016-06-14T09:30:00+02", "2016-06-14T09:30:00+02:00");
  date("2016-06-14T09:30:00.123Z", "2016-06-14T09:30:00Z");
  date("2016-06-14t09:30:00z", "2016-06-14T09:30:00Z");
  date("2016-06-14T09:30:00-00:00", "2016-06-14T09:30:00Z");
  date("2016-06-14T09:30:00+05:45", "2016-06-14T09:30:00+05:45");
  date("2016-06-14T09:30:00+14:00", "2016-06-14T09:30:00+14:00");
  date("2016-12-31T23:59:60Z", "2016-12-31T23:59:60Z");
}

static void test_rfc2822(void) {
  date("Tue, 14 Jun 2016 09:30:00 +0000", "2016-06-14T09:30:00Z");
  date("Tue, 14 Jun 2016 09:30:00 -0500", "2016-06-14T09:30:00-05:00");
  date("Tue, 14 Jun 2016 09:30:00 GMT", "2016-06-14T09:30:00Z");
  date("Tue, 14 Jun 2016 09:30:00 UT", "2016-06-14T09:30:00Z");
  date("Tue, 14 Jun 2016 09:30 UTC", "2016-06-14T09:30:00Z");
  date("Tue, 14 Jun 2016 09:30:00 EST", "2016-06-14T09:30:00-05:00");
  date("Tue, 14 Jun 2016 09:30:00 EDT", "2016-06-14T09:30:00-04:00");
  date("Tue, 14 Jun 2016 09:30:00 CST", "2016-06-14T09:30:00-06:00");
  date("Tue, 14 Jun 2016 09:30:00 CDT", "2016-06-14T09:30:00-05:00");
  date("Tue, 14 Jun 2016 09:30:00 MST", "2016-06-14T09:30:00-07:00");
  date("Tue, 14 Jun 2016 09:30:00 MDT", "2016-06-14T09:30:00-06:00");
  date("Tue, 14 Jun 2016 09:30:00 pst", "2016-06-14T09:30:00-08:00");
  date("Tue, 14 Jun 2016 09:30:00 PDT", "2016-06-14T09:30:00-07:00");
  date("Tue, 14 Jun 2016 09:30:00 +0000 (UTC)", "2016-06-14T09:30:00Z");
  date("Tue, 14 Jun 2016 09:30:00 (Pacific Time)", "2016-06-14T09:30:00");
}

static void test_dashed(void) {
  date("14-JUN-2016", "2016-06-14");
  date("26-FEB-1987", "1987-02-26");
  date("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01");
  date("5-apr-1987", "1987-04-05");
}

/* Numbers only: slashed month first (American), dotted day first (European). */
static void test_numeric(void) {
  date("9/11/2013", "2013-09-11");
  date("9/11/13 10:00AM", "2013-09-11T10:00:00");
  date("12/31/98", "1998-12-31");
  date("13/9/2013", "2013-09-13"); /* 13 is no month: day first */
  date("08.04.2015 12:46", "2015-04-08T12:46:00");
  date("3.13.2017", "2017-03-13"); /* 13 is no month: month first */
  date("Posted on 6/13/2018", "2018-06-13");
  bad("11.03.17", "not a date"); /* a dotted two-digit year: which order is anyone's guess */
  bad("9/11", "not a date");
  bad("9/11/201", "not a date");
  bad("9/11/20134", "not a date");
  bad("9/11.2013", "not a date");
  bad("13/13/2013", "impossible date");
  bad("2/30/2016", "impossible date");
}

static void test_lead_words(void) {
  date("Published 14 June 2016", "2016-06-14");
  date("Posted on June 14, 2016", "2016-06-14");
  date("Updated: 2016-06-14", "2016-06-14");
  date("Date: Tue, 14 Jun 2016 09:30:00 +0000", "2016-06-14T09:30:00Z");
  date("Dated 26-FEB-1987", "1987-02-26");
  date("PUBLISHED: on Tuesday, June 14, 2016 at 8:45 AM", "2016-06-14T08:45:00");
  date("updated:14 June 2016", "2016-06-14");
}

static void test_calendar(void) {
  date("29 Feb 2016", "2016-02-29");
  date("29 Feb 2000", "2000-02-29");
  bad("29 Feb 2015", "impossible date");
  bad("29 Feb 1900", "impossible date");
  bad("31 Feb 2016", "impossible date");
  bad("Jun 31, 2016", "impossible date");
  bad("2016-13-01", "impossible date");
  bad("2016-00-10", "impossible date");
  bad("2016-06-00", "impossible date");
  bad("0999-06-14", "impossible date");
  date("1000-01-01", "1000-01-01");
  date("9999-12-31", "9999-12-31");
  bad("14 June 2016 25:00", "impossible date");
  bad("14 June 2016 24:00", "impossible date");
  bad("14 June 2016 09:60", "impossible date");
  bad("14 June 2016 09:30:61", "impossible date");
  bad("Jun 14, 2016 13:00 PM", "impossible date");
  bad("Jun 14, 2016 0:30 AM", "impossible date");
  bad("2016-06-14T09:30:00+15:00", "impossible date");
  bad("2016-06-14T09:30:00+14:01", "impossible date");
  bad("2016-06-14T09:30:00+02:60", "impossible date");
}

static void test_shapes_rejected(void) {
  bad("June 14, 2016 was a day", "not a date");
  bad("14 June 2016 is when it happened", "not a date");
  bad("2016-06-14 and later", "not a date");
  bad("25:00", "not a date");
  bad_n("empty", BYTES(""), "not a date");
  bad_n("only blanks", BYTES("   \t \r\n"), "not a date");
  bad("Tuesday", "not a date");
  bad("June 2016", "not a date");
  bad("14 June", "not a date");
  bad("the quick brown fox", "not a date");
  bad("Published", "not a date");
  bad("Published yesterday", "not a date");
  bad("Dated14 June 2016", "not a date");
  bad("14 Juno 2016", "not a date");
  bad("14 June 16", "not a date");
  bad("14 June 20161", "not a date");
  bad("123 June 2016", "not a date");
  bad("2016-6-14", "not a date");
  bad("20160614", "not a date");
  bad("14 June 2016 GMT", "not a date");
  bad("14 June 2016 09", "not a date");
  bad("14 June 2016 09:30 AMERICA", "not a date");
  bad("2016-06-14T", "not a date");
  bad("2016-06-14T09:30:00+020", "not a date");
  bad("Tue, 14 Jun 2016 09:30:00 +0000 (UTC", "not a date");
  bad("Tue 14 Jun 2016 Tue", "not a date");
  bad("14 June 2016 at", "not a date");
}

static void test_bytes(void) {
  char iso[BS_DATE_MAX];
  const char *why = NULL;
  bad_n("embedded NUL", BYTES("14 June\0 2016"), "not a date");
  bad_n("trailing NUL", BYTES("2016-06-14\0"), "not a date");
  bad_n("high bytes", BYTES("\xff\xfe 14 June 2016"), "not a date");
  bad_n("lone C2 at the end", BYTES("14 June 2016\xc2"), "not a date");
  date_n("no-break spaces", BYTES("14\xc2\xa0June\xc2\xa0" "2016"), "2016-06-14");
  date("Oct_18,_2019", "2019-10-18"); /* html2text joins a link's words with '_' */
  date_n("length cuts a sentence to its date", "14 June 2016 was a day", 12, "2016-06-14");
  date_n("length cuts an ISO time off", "2016-06-14T09:30:00Z", 10, "2016-06-14");
  bad_n("length cuts inside the date", "June 14, 2016", 8, "not a date");
  check_true("NULL why is allowed", bs_parse_date("x", 1, iso, NULL) == 0);
  why = NULL;
  check_true("why is set on failure", bs_parse_date("x", 1, iso, &why) == 0 && why != NULL);
  check_true("NULL input is rejected", bs_parse_date(NULL, 0, iso, &why) == 0 && why != NULL);
}

/* Very long inputs: blanks around a date, and a comment that never closes. */
static void test_long(void) {
  size_t pad = 100000, k;
  const char *core = "Tue, 14 Jun 2016 09:30:00 +0000 (";
  char *big = malloc(2 * pad + 64);
  if (!big) { check_true("long inputs: memory", 0); return; }
  memset(big, ' ', pad);
  memcpy(big + pad, "14 June 2016", 12);
  memset(big + pad + 12, '\n', pad);
  date_n("100000 blanks either side", big, 2 * pad + 12, "2016-06-14");
  memcpy(big, core, strlen(core));
  memset(big + strlen(core), 'x', pad);
  bad_n("unclosed comment 100000 long", big, strlen(core) + pad, "not a date");
  for (k = 0; k < pad; k++) big[k] = (char)('a' + k % 26);
  bad_n("100000 letters", big, pad, "not a date");
  free(big);
}

/* Is a result as promised: iso terminated, why set on failure, and iso, parsed
   again, giving itself (so that stored dates can be parsed again safely)? */
static int sane_result(int ok, const char *iso, const char *why) {
  char again[BS_DATE_MAX];
  const char *why_again = NULL;
  if (ok < 0 || !memchr(iso, '\0', BS_DATE_MAX)) return 0;
  if (!ok) return why != NULL;
  return parse(iso, strlen(iso), again, &why_again) == 1 && strcmp(iso, again) == 0;
}

/* Tiny deterministic generator, so that a failure can be replayed. */
static unsigned next_random(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 16) & 0x7fff;
}

/* Every prefix of long valid inputs, and random bytes: no crash, iso terminated,
   a reason for every rejection, and every result a date that parses to itself. */
static void test_robust(void) {
  static const char *const samples[] = {
    "Date: Tuesday, June 14th, 2016 at 12:05:59.123 p.m. EDT (Eastern)",
    "Posted on 2016-06-14T09:30:00.5+02:00", "26-FEB-1987 15:01:01.79"
  };
  static const char alphabet[] = "0123456789 :-+.,()TZapmJunSeptuesdayPublishedon\xc2\xa0\0\xff";
  char iso[BS_DATE_MAX], buf[48];
  const char *why;
  unsigned state = 1;
  size_t i, k, len;
  int sane = 1, ok;
  for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    for (len = 0; len <= strlen(samples[i]); len++) {
      why = NULL;
      ok = parse(samples[i], len, iso, &why);
      sane = sane && sane_result(ok, iso, why);
    }
  }
  check_true("every prefix of long dates parses or says why", sane);
  for (i = 0, sane = 1; i < 20000; i++) {
    len = next_random(&state) % sizeof buf;
    for (k = 0; k < len; k++) buf[k] = alphabet[next_random(&state) % (sizeof alphabet)];
    why = NULL;
    ok = parse(buf, len, iso, &why);
    sane = sane && sane_result(ok, iso, why);
  }
  check_true("random bytes never crash and always say why", sane);
  for (i = 0, sane = 1; i < 256; i++) {
    buf[0] = (char)i;
    sane = sane && parse(buf, 1, iso, &why) == 0;
  }
  check_true("no single byte is a date", sane);
}

/* Dates as whole web pages print them, turned into text. */
static void test_page_forms(void) {
  date("Published on: June 25, 2024", "2024-06-25");
  date("April 5, 2018 | 6:00 PM", "2018-04-05T18:00:00");
  date("Jun 7, 2023, 8:54 PM UTC", "2023-06-07T20:54:00Z");
  date("April 28, 2019 at 6:01 am", "2019-04-28T06:01:00");
  date("April 21, 2015, at 11:29 a.m.", "2015-04-21T11:29:00");
  date("Thu 3 Jan 2019 02.00 EST", "2019-01-03T02:00:00-05:00");
  date("Last modified on Thu 3 Jan 2019 02.00 EST", "2019-01-03T02:00:00-05:00");
  date("Last updated: 14 June 2016", "2016-06-14");
  date("February 1, 2016: 12:41 PM ET", "2016-02-01T12:41:00-05:00");
  date("Thu 3 Jan 2019 09.30 BST", "2019-01-03T09:30:00+01:00");
  bad("14 June 2016 02.5", "not a date");
  bad("14 June 2016 02.500", "not a date");
}

/* A time before the date, and US zones that do not say summer or winter. */
static void test_time_first(void) {
  date("Updated 12:01 PM ET, Mon March 4, 2019", "2019-03-04T12:01:00-05:00");
  date("9:15 AM PT, June 3, 2019", "2019-06-03T09:15:00-07:00");
  date("Mar 10, 2019 3:00 AM ET", "2019-03-10T03:00:00-04:00");  /* summer time from that Sunday */
  date("Mar 9, 2019 3:00 AM ET", "2019-03-09T03:00:00-05:00");
  date("Nov 3, 2019 3:00 AM CT", "2019-11-03T03:00:00-06:00");   /* winter time from that Sunday */
  date("Nov 2, 2019 3:00 AM CT", "2019-11-02T03:00:00-05:00");
  bad("10:30 14 June 2016", "not a date");                         /* neither meridiem nor zone */
  bad("12:01 PM ET", "not a date");
}

/* French, German, Spanish, Portuguese and Italian pages: their month names
   and abbreviations, "1." and "de" around them, and their words for "at". */
static void test_other_languages(void) {
  date("30 avril 2015 \xC3\xA0 07:19", "2015-04-30T07:19:00");
  date("24 novembre 2017 \xC3\xA0 18h42", "2017-11-24T18:42:00");
  date("12 f\xC3\xA9vrier 2019", "2019-02-12");
  date("3 ao\xC3\xBBt 2019", "2019-08-03");
  date("12 D\xC3\xA9" "cembre 2019", "2019-12-12"); /* ASCII letters fold, as in "DECEMBRE" */
  date("1. November 2021 um 10:52 Uhr", "2021-11-01T10:52:00");
  date("3. M\xC3\xA4rz 2020", "2020-03-03");
  date("21 de dezembro de 2018", "2018-12-21");
  date("21.dez.2018 \xC3\xA0s 12h55", "2018-12-21T12:55:00");
  date("5 maggio 2016", "2016-05-05");
  date("14 June 2016 09h30", "2016-06-14T09:30:00");
  bad("21 de dezembro", "not a date");
  bad("21.dez.18", "not a date");
  bad("30 avril 2015 \xC3\xA0", "not a date");
  bad("30 avrilx 2015", "not a date");
  bad("30 f\xC3\xA9vrier 2016", "impossible date");
  bad("14 June 2016 09h3", "not a date");
}

int main(void) {
  test_day_first();
  test_month_first();
  test_clock();
  test_iso();
  test_rfc2822();
  test_dashed();
  test_numeric();
  test_lead_words();
  test_calendar();
  test_shapes_rejected();
  test_bytes();
  test_long();
  test_robust();
  test_page_forms();
  test_time_first();
  test_other_languages();
  return check_done();
}
