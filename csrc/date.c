/*
** date.c: recognizing printed publication dates (see date.h).
**
** A hand-written recursive descent over a cursor [p, end). The input is not
** NUL-terminated and may hold any bytes, so every read goes through peek(),
** which never looks at or past end. Every take_* function either consumes
** what it recognizes and returns 1, or leaves the cursor where it was and
** returns 0, so callers can try alternatives in turn without bookkeeping.
**
** Shape and range are checked in two passes: first the whole string must
** match one of the known layouts ("not a date" otherwise), then the fields
** are checked against the calendar and the clock ("impossible date"). So
** "31 Feb 2016" is reported as impossible rather than unrecognized, and a
** sentence that merely starts with a date is never taken for one.
*/
#include "date.h"

#include <string.h>

static const char NOT_A_DATE[] = "not a date";
static const char IMPOSSIBLE[] = "impossible date";

typedef struct {
  const char *p;   /* next byte to read */
  const char *end; /* one past the last byte; never read */
} cursor;

/* The fields as read, before any range check. */
typedef struct {
  int year, month, day;
  int has_time, hour, minute, second;
  int meridiem; /* 0 for a 24-hour clock, else 'a' (AM) or 'p' (PM) */
  int has_zone, zone_sign, zone_hours, zone_minutes; /* sign is '+' or '-' */
  int us_zone; /* hours west of UTC in winter for "ET", "CT", "MT", "PT"; 0 otherwise */
} fields;

static const char *const MONTHS[12] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december"
};

static const char *const WEEKDAYS[7] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

/* Words that archives print in front of the date: "Posted on June 14, 2016",
   "Last modified on Thu 3 Jan 2019". */
static const char *const LEADS[6] = { "published", "posted", "updated", "date", "dated", "modified" };

static const char *const SUFFIXES[4] = { "st", "nd", "rd", "th" };

/* Zone names of RFC 2822 (plus UTC and ISO's Z, and the European ones news
   pages print), and their minutes east of UTC. */
static const char *const ZONE_NAMES[16] = {
  "z", "ut", "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
  "bst", "cet", "cest", "ist"
};
static const int ZONE_MINUTES[16] = {
  0, 0, 0, 0, -300, -240, -360, -300, -420, -360, -480, -420, 60, 60, 120, 330
};

/* US zones printed without saying summer or winter: "12:01 PM ET". */
static const char *const US_ZONES[4] = { "et", "ct", "mt", "pt" };

/* ---- Characters: ASCII only, so neither the locale nor high bytes matter. */

static int is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static int is_letter(int ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static int lower(int ch) { return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch; }

/* The byte at the cursor as 0..255, or -1 at the end. */
static int peek(const cursor *c) { return c->p < c->end ? (unsigned char)*c->p : -1; }

/* Moves the cursor to where a successful look-ahead t ended up. */
static int commit(cursor *c, cursor t) { *c = t; return 1; }

static int take_char(cursor *c, int ch) {
  if (peek(c) != ch) return 0;
  c->p++;
  return 1;
}

/* Skips blanks, returning how many bytes. The UTF-8 no-break space (C2 A0)
   counts too: pages turned into text leave it between the parts of a date;
   and '_', which html2text puts between the words of a link ("Oct_18,_2019"). */
static size_t skip_space(cursor *c) {
  const char *start = c->p;
  for (;;) {
    int ch = peek(c);
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f' || ch == '_')
      c->p++;
    else if (ch == 0xC2 && c->end - c->p >= 2 && (unsigned char)c->p[1] == 0xA0)
      c->p += 2;
    else
      break;
  }
  return (size_t)(c->p - start);
}

/* ---- Words and numbers. */

/* Length of the run of ASCII letters at the cursor: the word to look up. */
static size_t word_length(const cursor *c) {
  const char *q = c->p;
  while (q < c->end && is_letter((unsigned char)*q)) q++;
  return (size_t)(q - c->p);
}

/* Is s[0..n) the start of the lowercase word, ignoring case? */
static int is_prefix(const char *s, size_t n, const char *word) {
  size_t i;
  if (n > strlen(word)) return 0;
  for (i = 0; i < n; i++)
    if (lower((unsigned char)s[i]) != (unsigned char)word[i]) return 0;
  return 1;
}

/* Index + 1 of the word at the cursor in words, or 0; consumes it if found.
   Whole words only ("Dated" is not "Date", "attack" is not "at"); when
   abbreviated, the first three letters of a word count too ("Tue", "JUN"). */
static int take_any_word(cursor *c, const char *const *words, int count, int abbreviated) {
  size_t n = word_length(c);
  int i;
  for (i = 0; i < count; i++) {
    if ((n == strlen(words[i]) || (abbreviated && n == 3)) && is_prefix(c->p, n, words[i])) {
      c->p += n;
      return i + 1;
    }
  }
  return 0;
}

static int take_word(cursor *c, const char *word) { return take_any_word(c, &word, 1, 0); }

/* Month names of the other languages news pages are most often in (French,
   German, Spanish, Portuguese, Italian), with the abbreviations they print,
   lowercase UTF-8; the names English shares are in MONTHS already. */
static const struct foreign_month {
  const char *name;
  int month;
} FOREIGN_MONTHS[] = {
  { "janvier", 1 }, { "janv", 1 }, { "januar", 1 }, { "enero", 1 }, { "janeiro", 1 }, { "gennaio", 1 },
  { "f\xC3\xA9vrier", 2 }, { "f\xC3\xA9vr", 2 }, { "februar", 2 }, { "febrero", 2 }, { "fevereiro", 2 },
  { "fev", 2 }, { "febbraio", 2 },
  { "mars", 3 }, { "m\xC3\xA4rz", 3 }, { "m\xC3\xA4r", 3 }, { "marzo", 3 }, { "mar\xC3\xA7o", 3 },
  { "avril", 4 }, { "avr", 4 }, { "abril", 4 }, { "abr", 4 }, { "aprile", 4 },
  { "mai", 5 }, { "mayo", 5 }, { "maio", 5 }, { "maggio", 5 },
  { "juin", 6 }, { "juni", 6 }, { "junio", 6 }, { "junho", 6 }, { "giugno", 6 },
  { "juillet", 7 }, { "juil", 7 }, { "juli", 7 }, { "julio", 7 }, { "julho", 7 }, { "luglio", 7 },
  { "ao\xC3\xBBt", 8 }, { "agosto", 8 }, { "ago", 8 },
  { "septembre", 9 }, { "septiembre", 9 }, { "setembro", 9 }, { "set", 9 }, { "settembre", 9 },
  { "octobre", 10 }, { "oktober", 10 }, { "okt", 10 }, { "octubre", 10 }, { "outubro", 10 }, { "out", 10 },
  { "ottobre", 10 },
  { "novembre", 11 }, { "noviembre", 11 }, { "novembro", 11 },
  { "d\xC3\xA9" "cembre", 12 }, { "d\xC3\xA9" "c", 12 }, { "dezember", 12 }, { "dez", 12 }, { "diciembre", 12 },
  { "dic", 12 }, { "dezembro", 12 }, { "dicembre", 12 }
};

/* Length of the word at the cursor, letters beyond ASCII included. */
static size_t utf8_word_length(const cursor *c) {
  const char *q = c->p;
  while (q < c->end && (is_letter((unsigned char)*q) || (unsigned char)*q >= 0x80)) q++;
  return (size_t)(q - c->p);
}

/* The whole word at the cursor, letters beyond ASCII included ("à"), ignoring ASCII case. */
static int take_utf8_word(cursor *c, const char *word) {
  size_t n = utf8_word_length(c);
  if (n != strlen(word) || !is_prefix(c->p, n, word)) return 0;
  c->p += n;
  return 1;
}

static int take_foreign_month(cursor *c, int *month) {
  size_t n = utf8_word_length(c), i;
  for (i = 0; i < sizeof FOREIGN_MONTHS / sizeof *FOREIGN_MONTHS; i++)
    if (n == strlen(FOREIGN_MONTHS[i].name) && is_prefix(c->p, n, FOREIGN_MONTHS[i].name)) {
      c->p += n;
      *month = FOREIGN_MONTHS[i].month;
      return 1;
    }
  return 0;
}

/* A month name; "Sept" is common enough in print to be the one 4-letter form. */
static int take_month(cursor *c, int *month) {
  int m = take_any_word(c, MONTHS, 12, 1);
  if (!m && take_word(c, "sept")) m = 9;
  if (!m) return take_foreign_month(c, month);
  *month = m;
  return 1;
}

/* Reads min..max decimal digits into *value; the caller checks what follows. */
static int take_number(cursor *c, int min, int max, int *value) {
  cursor t = *c;
  int v = 0, k = 0;
  for (; k < max && is_digit(peek(&t)); k++, t.p++) v = v * 10 + (*t.p - '0');
  if (k < min) return 0;
  *value = v;
  return commit(c, t);
}

/* A day of the month with an optional ordinal suffix ("14th"). Any suffix goes
   with any number: archives have "22th" typos, and the number is what counts. */
static int take_day(cursor *c, int *day) {
  if (!take_number(c, 1, 2, day)) return 0;
  take_any_word(c, SUFFIXES, 4, 0);
  return 1;
}

/* The gap before a year: blanks, or a comma with optional blanks around it. */
static int take_gap(cursor *c) {
  cursor t = *c;
  size_t blanks = skip_space(&t);
  if (take_char(&t, ',')) skip_space(&t);
  else if (!blanks) return 0;
  return commit(c, t);
}

/* ---- What may come before the date. */

/* "Published", "Posted on", "Updated:", "Date:" ... followed by a blank or ':'. */
static void skip_lead(cursor *c) {
  cursor t = *c, on;
  int blanks, colon;
  if (take_word(&t, "last") && !skip_space(&t)) return;
  if (!take_any_word(&t, LEADS, 6, 0)) return;
  blanks = skip_space(&t) > 0;
  colon = take_char(&t, ':');
  if (colon) skip_space(&t);
  if (!blanks && !colon) return; /* "Dated14 June 2016" is no lead word */
  on = t;
  if (take_word(&on, "on")) {
    colon = take_char(&on, ':');
    if (skip_space(&on) || colon) t = on;
  }
  *c = t;
}

/* A weekday ("Tue", "Tuesday,", "Tue.") and a blank or the punctuation. It is not
   checked against the date: a wrong weekday in print should not lose the date. */
static void skip_weekday(cursor *c) {
  cursor t = *c;
  int punct;
  if (!take_any_word(&t, WEEKDAYS, 7, 1)) return;
  punct = take_char(&t, ',') || take_char(&t, '.');
  if (!skip_space(&t) && !punct) return;
  *c = t;
}

/* ---- The date layouts. Each sets year, month and day when it matches. */

/* 2016-06-14 */
static int take_iso_date(cursor *c, fields *f) {
  cursor t = *c;
  if (!take_number(&t, 4, 4, &f->year) || !take_char(&t, '-') ||
      !take_number(&t, 2, 2, &f->month) || !take_char(&t, '-') ||
      !take_number(&t, 2, 2, &f->day))
    return 0;
  return commit(c, t);
}

/* 26-FEB-1987, as in the Reuters corpus. */
static int take_dashed_date(cursor *c, fields *f) {
  cursor t = *c;
  if (!take_number(&t, 1, 2, &f->day) || !take_char(&t, '-') ||
      !take_month(&t, &f->month) || !take_char(&t, '-') ||
      !take_number(&t, 4, 4, &f->year))
    return 0;
  return commit(c, t);
}

/* The Spanish and Portuguese "de" between day, month and year, and blanks after it. */
static void skip_de(cursor *c) {
  cursor t = *c;
  if (take_word(&t, "de") && skip_space(&t)) *c = t;
}

/* 14 June 2016, 14 Jun. 2016, 14th June, 2016, and as other languages print
   it: "1. November 2021", "21 de dezembro de 2018", "21.dez.2018". */
static int take_day_first(cursor *c, fields *f) {
  cursor t = *c;
  int dotted;
  if (!take_day(&t, &f->day)) return 0;
  dotted = take_char(&t, '.');
  if (!skip_space(&t) && !dotted) return 0;
  skip_de(&t);
  if (!take_month(&t, &f->month)) return 0;
  if (take_char(&t, '.') && dotted && is_digit(peek(&t))) return take_number(&t, 4, 4, &f->year) && commit(c, t);
  if (!take_gap(&t)) return 0;
  skip_de(&t);
  if (!take_number(&t, 4, 4, &f->year)) return 0;
  return commit(c, t);
}

/* June 14, 2016, Jun. 14 2016, June 14th, 2016 */
static int take_month_first(cursor *c, fields *f) {
  cursor t = *c;
  if (!take_month(&t, &f->month)) return 0;
  take_char(&t, '.');
  if (!skip_space(&t) || !take_day(&t, &f->day) || !take_gap(&t) ||
      !take_number(&t, 4, 4, &f->year))
    return 0;
  return commit(c, t);
}

/* 9/11/2013 and 9/11/13, month first as American pages print it (unless
   the first number is no month: 13/9/2013); 11.09.2013, day first as
   European pages print it (unless the second is no month). A two-digit
   year, slashed only, is 19YY from 70 and 20YY below. */
static int take_numeric_date(cursor *c, fields *f) {
  cursor t = *c;
  const char *year_start;
  int first, second, sep = -1, day_first;
  if (!take_number(&t, 1, 2, &first)) return 0;
  if (take_char(&t, '/')) sep = '/';
  else if (take_char(&t, '.')) sep = '.';
  if (sep < 0 || !take_number(&t, 1, 2, &second) || !take_char(&t, sep)) return 0;
  year_start = t.p;
  if (!take_number(&t, 2, 4, &f->year) || is_digit(peek(&t)) || t.p - year_start == 3) return 0;
  if (t.p - year_start == 2) {
    if (sep == '.') return 0;
    f->year += f->year >= 70 ? 1900 : 2000;
  }
  day_first = sep == '.' ? second <= 12 : first > 12;
  f->day = day_first ? first : second;
  f->month = day_first ? second : first;
  return commit(c, t);
}

/* Any layout; *iso tells whether it was ISO, where 'T' may join the time. */
static int take_date(cursor *c, fields *f, int *iso) {
  *iso = take_iso_date(c, f);
  return *iso || take_dashed_date(c, f) || take_day_first(c, f) || take_month_first(c, f) || take_numeric_date(c, f);
}

/* ---- The time and what may follow it. */

/* Between date and time: 'T' (ISO only), blanks, ",", " at ", ", at ", or " - ". */
static int take_time_gap(cursor *c, int iso) {
  cursor t = *c, at = *c;
  if (iso && (take_char(c, 'T') || take_char(c, 't'))) return 1;
  /* "at", and French "à", Portuguese "às", German "um"; after a comma too
     ("April 21, 2015, at 11:29 a.m.") */
  take_char(&at, ',');
  if (skip_space(&at) && (take_word(&at, "at") || take_word(&at, "um") || take_utf8_word(&at, "\xC3\xA0") ||
                          take_utf8_word(&at, "\xC3\xA0s")) && skip_space(&at))
    return commit(c, at);
  skip_space(&t);
  /* "June 14, 2016 - 09:30", "April 5, 2018 | 6:00 PM", "February 1, 2016: 12:41 PM" */
  if (take_char(&t, '-') || take_char(&t, '|') || take_char(&t, ':')) {
    skip_space(&t);
    return commit(c, t);
  }
  return take_gap(c);
}

/* 09:30, 09:30:00, 15:01:01.79, 02.00 as British pages print it and 12h55
   as French and Portuguese ones do; the
   fraction is dropped, as ISO output stops at seconds. */
static int take_clock(cursor *c, fields *f) {
  cursor t = *c;
  f->second = 0;
  if (!take_number(&t, 1, 2, &f->hour) || !(take_char(&t, ':') || take_char(&t, '.') || take_char(&t, 'h')) ||
      !take_number(&t, 2, 2, &f->minute) || is_digit(peek(&t)))
    return 0;
  if (take_char(&t, ':')) {
    cursor frac;
    if (!take_number(&t, 2, 2, &f->second)) return 0;
    frac = t;
    if (take_char(&frac, '.') && is_digit(peek(&frac))) {
      while (is_digit(peek(&frac))) frac.p++;
      t = frac;
    }
  }
  f->has_time = 1;
  return commit(c, t);
}

/* AM, pm, a.m., P.M: a or p, an optional dot, m, an optional dot, no more letters. */
static int take_meridiem(cursor *c, int *meridiem) {
  cursor t = *c;
  int ch;
  skip_space(&t);
  ch = lower(peek(&t));
  if (ch != 'a' && ch != 'p') return 0;
  t.p++;
  take_char(&t, '.');
  if (lower(peek(&t)) != 'm') return 0;
  t.p++;
  take_char(&t, '.');
  if (is_letter(peek(&t))) return 0;
  *meridiem = ch;
  return commit(c, t);
}

/* +02:00, +0200, +02, -0500 */
static int take_offset(cursor *c, fields *f) {
  cursor t = *c;
  int sign = peek(&t), minutes = 0, colon;
  if (sign != '+' && sign != '-') return 0;
  t.p++;
  if (!take_number(&t, 2, 2, &f->zone_hours)) return 0;
  colon = take_char(&t, ':');
  /* Minutes must follow a colon; without one they may be missing, as in +02. */
  if (!take_number(&t, 2, 2, &minutes) && colon) return 0;
  f->zone_sign = sign;
  f->zone_minutes = minutes;
  return commit(c, t);
}

/* Z, UTC, GMT, EST ... as the offset they stand for. */
static int take_zone_name(cursor *c, fields *f) {
  int i = take_any_word(c, US_ZONES, 4, 0), m;
  if (i) {
    f->us_zone = 4 + i; /* ET is 5 hours west in winter, PT 8 */
    return 1;
  }
  i = take_any_word(c, ZONE_NAMES, 16, 0);
  if (!i) return 0;
  m = ZONE_MINUTES[i - 1];
  f->zone_sign = m < 0 ? '-' : '+';
  f->zone_hours = (m < 0 ? -m : m) / 60;
  f->zone_minutes = (m < 0 ? -m : m) % 60;
  return 1;
}

static int take_zone(cursor *c, fields *f) {
  cursor t = *c;
  skip_space(&t);
  if (!take_offset(&t, f) && !take_zone_name(&t, f)) return 0;
  f->has_zone = 1;
  return commit(c, t);
}

/* A comment in parentheses, as RFC 2822 allows: "+0000 (UTC)". Its words are ignored. */
static int take_comment(cursor *c) {
  cursor t = *c;
  const char *close;
  skip_space(&t);
  if (!take_char(&t, '(')) return 0;
  close = memchr(t.p, ')', (size_t)(t.end - t.p));
  if (!close) return 0;
  c->p = close + 1;
  return 1;
}

/* The optional time after the date, with its meridiem, zone and comment. */
static int take_time(cursor *c, fields *f, int iso) {
  cursor t = *c;
  if (!take_time_gap(&t, iso) || !take_clock(&t, f)) return 0;
  if (!take_meridiem(&t, &f->meridiem)) {
    cursor uhr = t; /* German "10:52 Uhr" */
    if (skip_space(&uhr) && take_word(&uhr, "uhr")) t = uhr;
  }
  take_zone(&t, f);
  take_comment(&t);
  return commit(c, t);
}

/* A time before the date, as in "12:01 PM ET, Mon March 4, 2019": the clock
   with its meridiem or zone (a bare number would be a day), then a gap. */
static int take_time_first(cursor *c, fields *f) {
  cursor t = *c;
  int marked;
  if (!take_clock(&t, f)) return 0;
  marked = take_meridiem(&t, &f->meridiem);
  marked = take_zone(&t, f) || marked;
  if (!marked || !take_gap(&t)) {
    f->has_time = f->meridiem = f->has_zone = f->us_zone = 0;
    return 0;
  }
  return commit(c, t);
}

/* Reads the whole input into f; 0 unless every byte belongs to the date. */
static int read_fields(cursor c, fields *f) {
  int iso, time_first;
  skip_space(&c);
  skip_lead(&c);
  time_first = take_time_first(&c, f);
  skip_weekday(&c);
  if (!take_date(&c, f, &iso)) return 0;
  if (!time_first) take_time(&c, f, iso);
  skip_space(&c);
  return c.p == c.end;
}

/* ---- US summer time, for "ET" and its kin. */

/* 0 for Sunday .. 6 for Saturday (Sakamoto's method). */
static int weekday(int year, int month, int day) {
  static const int shift[12] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
  if (month < 3) year--;
  return (year + year / 4 - year / 100 + year / 400 + shift[month - 1] + day) % 7;
}

/* The day of month of the n-th Sunday (n = 1, 2) of a month. */
static int nth_sunday(int year, int month, int n) {
  return 1 + (7 - weekday(year, month, 1)) % 7 + 7 * (n - 1);
}

/* Summer time runs from the second Sunday of March to the first of November
   (the rule since 2007); the day it changes counts as the new one. */
static int is_us_summer(const fields *f) {
  if (f->month < 3 || f->month > 11) return 0;
  if (f->month > 3 && f->month < 11) return 1;
  if (f->month == 3) return f->day >= nth_sunday(f->year, 3, 2);
  return f->day < nth_sunday(f->year, 11, 1);
}

static void resolve_us_zone(fields *f) {
  if (!f->us_zone) return;
  f->has_zone = 1;
  f->zone_sign = '-';
  f->zone_hours = f->us_zone - is_us_summer(f);
  f->zone_minutes = 0;
}

/* ---- Ranges. */

static int days_in_month(int year, int month) {
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

static int fields_in_range(const fields *f) {
  if (f->year < 1000 || f->year > 9999 || f->month < 1 || f->month > 12 || f->day < 1 ||
      f->day > days_in_month(f->year, f->month))
    return 0;
  if (f->has_time) {
    int top = f->meridiem ? 12 : 23, bottom = f->meridiem ? 1 : 0;
    if (f->hour < bottom || f->hour > top || f->minute > 59 || f->second > 60) return 0;
  }
  if (f->has_zone && (f->zone_minutes > 59 || f->zone_hours * 60 + f->zone_minutes > 14 * 60))
    return 0;
  return 1;
}

/* ---- Output. */

/* 12 AM is midnight and 12 PM is noon. */
static int hour_of_day(const fields *f) {
  if (!f->meridiem) return f->hour;
  return f->hour % 12 + (f->meridiem == 'p' ? 12 : 0);
}

/* Writes value as exactly width digits (the range checks made it fit), then
   the separator after it unless that is 0; returns where writing goes on. */
static char *put(char *out, int value, int width, char after) {
  int i;
  for (i = width - 1; i >= 0; i--, value /= 10) out[i] = (char)('0' + value % 10);
  out += width;
  if (after) *out++ = after;
  return out;
}

/* At most "2016-06-14T09:30:00+02:00", 25 bytes and the NUL: BS_DATE_MAX fits it. */
static void write_iso(const fields *f, char iso[BS_DATE_MAX]) {
  char *o = put(put(put(iso, f->year, 4, '-'), f->month, 2, '-'), f->day, 2, 0);
  if (f->has_time) {
    *o++ = 'T';
    o = put(put(put(o, hour_of_day(f), 2, ':'), f->minute, 2, ':'), f->second, 2, 0);
  }
  if (f->has_zone && f->zone_hours == 0 && f->zone_minutes == 0) {
    *o++ = 'Z'; /* +00:00 and -00:00 alike */
  } else if (f->has_zone) {
    *o++ = (char)f->zone_sign;
    o = put(put(o, f->zone_hours, 2, ':'), f->zone_minutes, 2, 0);
  }
  *o = '\0';
}

static int fail(const char **why, const char *message) {
  if (why) *why = message;
  return 0;
}

int bs_parse_date(const char *s, size_t n, char iso[BS_DATE_MAX], const char **why) {
  fields f;
  cursor c;
  if (!iso || !s) return fail(why, NOT_A_DATE);
  iso[0] = '\0';
  memset(&f, 0, sizeof f);
  c.p = s;
  c.end = s + n;
  if (!read_fields(c, &f)) return fail(why, NOT_A_DATE);
  if (!fields_in_range(&f)) return fail(why, IMPOSSIBLE);
  resolve_us_zone(&f);
  write_iso(&f, iso);
  return 1;
}
