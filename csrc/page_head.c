/*
** page_head.c: the head of the article in a page dump (see page_rules.h):
** its date, byline and headline, looked for just before the body, at its
** very start and among the blocks of its first words; and what a head
** block holds besides them.
*/
#include <string.h>

#include "page_rules.h"
#include "text.h"

#define HEAD_WINDOW 40    /* blocks before the body where the head is looked for */
#define HEAD_INSIDE 4     /* short blocks at the body's start that may be head fields */
#define HEAD_PROSE 150    /* words of prose (a standfirst, captions, a note) the body may print before its date or byline */
#define HEAD_LINE 200     /* bytes: headlines, dates and bylines are short */
#define TITLE_WORDS 30
#define DATE_REACH 64     /* bytes: the longest printed date looked for within a line */
#define NAME_WORDS 4      /* words of a bare name beside a date */
#define ASIDE_WORDS 3     /* words after an author's name: "1 day ago" */
#define BYLINE_REACH 4    /* blocks after the headline where a bare name may be the byline */
#define CLUSTER_REACH 8   /* blocks between a headline and the date or byline after it */
#define REPEAT_SCAN 600   /* blocks searched for a repeated headline */
#define REPEAT_EXTRA 100  /* bytes a line repeating the headline may add ("Headline | Site") */
#define ECHO_REACH 400    /* words of the body where a headline's words are looked for */
#define ECHO_MIN 4        /* bytes of a word worth looking for: "gun", "the" are not */
#define ECHO_MAX 40       /* bytes: a longer run is a link or a line of ideographs, not a word */
#define LYNX_HEADING 8    /* score of a lynx heading, as of html2text's top one ("****** Headline ******") */

/* Separators pages print between a byline and a date, bullets, and image
   markers: '|', '-', '/', '·', '—', ',', '*', '•', "[photo]" and spaces. */
static bs_span strip_separators(const char *t, bs_span s) {
  for (;;) {
    s = bs_trim(t, s);
    if (s.end > s.start && strchr("|-,:/", t[s.end - 1]) && t[s.end - 1]) s.end--;
    else if (s.end > s.start && strchr("|-,/*", t[s.start]) && t[s.start]) s.start++;
    else if (s.end - s.start >= 3 && memcmp(t + s.start, "\xE2\x80\xA2", 3) == 0) s.start += 3;
    else if (s.end > s.start && t[s.start] == '[' && memchr(t + s.start, ']', s.end - s.start))
      s.start = (size_t)((const char *)memchr(t + s.start, ']', s.end - s.start) - t) + 1;
    else if (s.end - s.start >= 2 && memcmp(t + s.end - 2, "\xC2\xB7", 2) == 0) s.end -= 2;
    else if (s.end - s.start >= 3 && memcmp(t + s.end - 3, "\xE2\x80\x94", 3) == 0) s.end -= 3;
    else if (s.end - s.start >= 3 && memcmp(t + s.start, "\xE2\x80\x94", 3) == 0) s.start += 3;
    else return s;
  }
}

/* Words of a name: html2text joins the words of a link with '_'
   ("By_Lucy_Akins", "Hazel_Sheffield"), so they part words here too. */
static size_t name_words(const char *t, bs_span s) {
  size_t p, words = 0;
  int in_word = 0;
  for (p = s.start; p < s.end; p++) {
    int gap = t[p] == ' ' || t[p] == '\n' || t[p] == '_';
    words += !gap && !in_word;
    in_word = !gap;
  }
  return words;
}

/* The agencies that sign wire stories: "Jane Doe, Reuters". */
static int ends_with_agency(const char *t, bs_span s) {
  static const char *const agencies[] = {", reuters", ", ap", ", associated press", ", afp", ", bloomberg", ", dpa"};
  size_t i;
  for (i = 0; i < sizeof agencies / sizeof *agencies; i++) {
    bs_span tail;
    size_t k = strlen(agencies[i]);
    if (s.end - s.start <= k) continue;
    tail.start = s.end - k;
    tail.end = s.end;
    if (bs_starts_with(t, tail, agencies[i])) return 1;
  }
  return 0;
}

/* Names on a line, joined perhaps by the "and" of the languages whose
   bylines the layout's names do not know ("Alexandre Hervaud et Jérémy
   Piette", "Anna Schmidt und Max Weber"). */
static int is_names_line(const char *t, bs_span line) {
  static const char *const ands[] = {" et ", " und ", " y ", " e "};
  size_t i, p;
  for (p = line.start; p < line.end; p++)
    for (i = 0; i < sizeof ands / sizeof *ands; i++) {
      size_t k = strlen(ands[i]);
      bs_span before, after;
      if (line.end - p < k || memcmp(t + p, ands[i], k) != 0) continue;
      before.start = line.start;
      before.end = p;
      after.start = p + k;
      after.end = line.end;
      return bs_is_names(t, bs_trim(t, before)) && is_names_line(t, bs_trim(t, after));
    }
  return bs_is_names(t, line);
}

/* Names on every line of the span: a long byline wraps. */
static int is_names_lines(const char *t, bs_span s) {
  while (s.start < s.end) {
    const char *nl = memchr(t + s.start, '\n', s.end - s.start);
    bs_span line;
    line.start = s.start;
    line.end = nl ? (size_t)(nl - t) : s.end;
    if (!is_names_line(t, bs_trim(t, line))) return 0;
    s.start = nl ? line.end + 1 : s.end;
  }
  return 1;
}

/* The names before a handle or a "Follow" link ("Jane Doe @janedoe"). */
static bs_span before_handle(const char *t, bs_span s) {
  size_t p = s.start;
  while (p < s.end) {
    bs_span word;
    word.start = p;
    word.end = p;
    while (word.end < s.end && t[word.end] != ' ' && t[word.end] != '\n') word.end++;
    if (t[p] == '@' || bs_starts_with(t, word, "follow")) {
      s.end = p;
      return strip_separators(t, s);
    }
    if (memchr(t + p, '@', word.end - p)) {
      s.end = p + (size_t)((const char *)memchr(t + p, '@', word.end - p) - (t + p));
      return strip_separators(t, s);
    }
    p = word.end;
    while (p < s.end && (t[p] == ' ' || t[p] == '\n')) p++;
  }
  return s;
}

/* The names before the comma that starts a description of the author ("By
   Jane Doe, a deputy editor who has covered ..."): two words or more. */
static int before_description(const char *t, bs_span *names) {
  const char *comma = memchr(t + names->start, ',', names->end - names->start);
  bs_span s;
  s.start = names->start;
  s.end = comma ? (size_t)(comma - t) : names->start;
  if (!comma || comma + 2 >= t + names->end || comma[1] != ' ' || !(comma[2] >= 'a' && comma[2] <= 'z')) return 0;
  if (name_words(t, s) < 2 || !is_names_lines(t, s)) return 0;
  *names = s;
  return 1;
}

/* A byline's names: after "By", "Par" or "Von", or before ", Reuters". */
static int byline_names(const char *t, bs_span s, bs_span *names) {
  static const char *const leads[] = {"by ", "par ", "von ", "por ", "door ", "written by ", "words by ", "posted by ", "by_"};
  size_t i;
  unsigned char c;
  s = strip_separators(t, s);
  if (s.end - s.start > HEAD_LINE || s.end == s.start) return 0;
  for (i = 0; i < sizeof leads / sizeof *leads; i++)
    if (bs_starts_with(t, s, leads[i])) {
      names->start = s.start + strlen(leads[i]);
      names->end = s.end;
      *names = before_handle(t, strip_separators(t, *names));
      c = (unsigned char)t[names->start];
      if (names->end == names->start || (c >= 'a' && c <= 'z')) return 0;
      return is_names_lines(t, *names) || before_description(t, names);
    }
  *names = s;
  return ends_with_agency(t, s) && bs_count_words(t + s.start, s.end - s.start) <= 8 && is_names_lines(t, s);
}

static int is_updated(const char *t, bs_span s) {
  return bs_starts_with(t, s, "updated") || bs_starts_with(t, s, "last updated") ||
         bs_starts_with(t, s, "last modified") || bs_starts_with(t, s, "modified");
}

typedef struct head_line {
  bs_span date, updated, byline;
  char iso[BS_DATE_MAX], updated_iso[BS_DATE_MAX];
} head_line;

static int parse_date_span(const char *t, bs_span s, char iso[BS_DATE_MAX]) {
  const char *why;
  s = strip_separators(t, s);
  return s.end > s.start && bs_parse_date(t + s.start, s.end - s.start, iso, &why);
}

static int has_digit(const char *t, bs_span s);

/* A name without "By": capitalized words in Latin letters, no digits. */
static int is_bare_name(const char *t, bs_span s) {
  unsigned char c = s.end > s.start ? (unsigned char)t[s.start] : 0;
  return ((c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC5)) && !has_digit(t, s) && is_names_lines(t, s);
}

/* The names that open a line a page prints after its headline: an image
   marker, a handle, and what follows a separator or a number (the time since
   it was posted, "â¢ 8h", "1 day ago") left out. */
static bs_span names_opening(const char *t, bs_span s) {
  size_t p;
  s = before_handle(t, strip_separators(t, s));
  for (p = s.start; p < s.end; p++) {
    int separator = (t[p] == '|' || (s.end - p >= 2 && memcmp(t + p, "\xC2\xB7", 2) == 0) ||
                     (s.end - p >= 3 && (memcmp(t + p, "\xE2\x80\xA2", 3) == 0 || memcmp(t + p, "\xE2\x80\x94", 3) == 0)));
    if (p > s.start && t[p - 1] == ' ' && (separator || (t[p] >= '0' && t[p] <= '9'))) {
      s.end = p;
      return strip_separators(t, s);
    }
  }
  return s;
}

/* Does a line open with a bare name of two to four words before an aside
   of a few words ("[photo] Jane Doe â¢ 8h", "Jane Doe 1 day ago"), as an
   author's line does? */
static int opens_with_name(const char *t, bs_span s) {
  bs_span names = names_opening(t, s);
  size_t words = name_words(t, names);
  return names.end < s.end && words >= 2 && words <= NAME_WORDS && is_bare_name(t, names) &&
         bs_count_words(t + names.end, s.end - names.end) <= ASIDE_WORDS;
}

/* "8 min read", as blogs print beside the date. */
static int is_reading_time(const char *t, bs_span s) {
  size_t p = s.start;
  while (p < s.end && t[p] >= '0' && t[p] <= '9') p++;
  if (p == s.start) return 0;
  s.start = p;
  s = bs_trim(t, s);
  return bs_starts_with(t, s, "min read") || bs_starts_with(t, s, "minute read") || bs_starts_with(t, s, "min");
}

/* A number of up to three digits alone: the count of comments a blog prints
   after the date ("Sarah Gooding March 9, 2017 13"). */
static int is_count(const char *t, bs_span s) {
  size_t p;
  for (p = s.start; p < s.end && t[p] >= '0' && t[p] <= '9'; p++) continue;
  return p == s.end && s.end - s.start <= 3;
}

/* "2:15pm", "12.55 EST", "13h36": the time a page prints apart from its date
   ("16 November 2017 • 2:15pm"), digits with a separator and at most a
   short word after. */
static int is_time_of_day(const char *t, bs_span s) {
  size_t p = s.start, digits = 0, marks = 0;
  for (; p < s.end && ((t[p] >= '0' && t[p] <= '9') || t[p] == ':' || t[p] == '.' || t[p] == 'h'); p++) {
    if (t[p] >= '0' && t[p] <= '9') digits++;
    else marks++;
  }
  if (digits < 2 || marks == 0 || !(t[s.start] >= '0' && t[s.start] <= '9')) return 0;
  s.start = p;
  s = bs_trim(t, s);
  return s.end - s.start <= 4 && !memchr(t + s.start, ' ', s.end - s.start);
}

/* White space at p, and just before p: a space, a line break, or the
   no-break space html2text keeps ("10:00 PM UTC / Updated" between
   inline elements); 0 for none. */
static size_t gap_at(const char *t, size_t p, size_t end) {
  return p < end ? bs_space_len(t + p, t + end) : 0;
}

static int gap_before(const char *t, size_t start, size_t p) {
  return p > start && (t[p - 1] == ' ' || t[p - 1] == '\n'
                       || (p - start >= 2 && memcmp(t + p - 2, "\xC2\xA0", 2) == 0));
}

/* A piece less the word that joins it to the date after it: "on" ("on March
   10, 2015 by Jane Doe"), "at", "le", "am", "el", "Posted", "Published". */
static bs_span before_connector(const char *t, bs_span s) {
  static const char *const connectors[] = {"on", "at", "le", "am", "el", "posted", "published"};
  size_t i, p = s.end;
  while (p > s.start && !gap_before(t, s.start, p)) p--;
  for (i = 0; i < sizeof connectors / sizeof *connectors; i++) {
    bs_span word;
    word.start = p;
    word.end = s.end;
    if (word.end - word.start == strlen(connectors[i]) && bs_starts_with(t, word, connectors[i])) {
      s.end = p;
      return strip_separators(t, s);
    }
  }
  return s;
}

/* Is a piece of a line with a date nothing, separators, a reading time, a
   time of day, or the byline? Beside a date, a few names are one without
   "By" ("Dan Goodin - Apr 16, 2015"). */
static int piece_fits(const char *t, bs_span piece, head_line *h) {
  bs_span names;
  piece = before_connector(t, strip_separators(t, piece));
  if (piece.end == piece.start || is_reading_time(t, piece) || is_time_of_day(t, piece) || is_count(t, piece))
    return 1;
  if (h->byline.end > h->byline.start) return 0;
  if (byline_names(t, piece, &names)) {
    h->byline = names;
    return 1;
  }
  if (name_words(t, piece) > NAME_WORDS || !is_bare_name(t, piece)) return 0;
  h->byline = piece;
  return 1;
}

/* The longest date starting at p, within DATE_REACH bytes; its end, or p. */
static size_t date_at(const char *t, bs_span s, size_t p, char iso[BS_DATE_MAX]) {
  size_t e = s.end - p > DATE_REACH ? p + DATE_REACH : s.end;
  for (; e > p; e--) {
    bs_span d;
    if (e < s.end && !gap_at(t, e, s.end)) continue;
    d.start = p;
    d.end = e;
    if (parse_date_span(t, d, iso)) return e;
  }
  return p;
}

/* Files a date found in a head line: the publication date, or the "Updated" one. */
static int add_date(const char *t, bs_span d, const char iso[BS_DATE_MAX], head_line *h) {
  int updated = is_updated(t, d);
  bs_span *slot = updated || h->date.end > h->date.start ? &h->updated : &h->date;
  if (slot->end > slot->start) return 0;
  *slot = d;
  memcpy(slot == &h->date ? h->iso : h->updated_iso, iso, BS_DATE_MAX);
  return 1;
}

/* Dates, a byline, or both on one line: "By Jane Doe JAN. 13, 2017",
   "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST". */
static int read_head_line(const char *t, bs_span s, head_line *h) {
  size_t p = s.start, piece = s.start;
  memset(h, 0, sizeof *h);
  if (s.end - s.start > HEAD_LINE) return 0;
  while (p < s.end) {
    char iso[BS_DATE_MAX];
    size_t e = date_at(t, s, p, iso);
    if (e > p) {
      bs_span before, d;
      before.start = piece;
      before.end = p;
      d.start = p;
      d.end = e;
      if (!piece_fits(t, before, h) || !add_date(t, strip_separators(t, d), iso, h)) return 0;
      p = piece = e;
      continue;
    }
    while (p < s.end && !gap_at(t, p, s.end)) p++;
    while (p < s.end && gap_at(t, p, s.end)) p += gap_at(t, p, s.end);
  }
  if (h->date.end == h->date.start && h->updated.end == h->updated.start) return byline_names(t, s, &h->byline);
  s.start = piece;
  return piece_fits(t, s, h);
}

/* lynx -dump prints the page's <link> elements (its feeds) first, as
   "#Site (RSS)": not the headline, nor a hashtag on its own line. */
static int is_link_line(const char *t, bs_span s) {
  return s.end - s.start >= 2 && t[s.start] == '#' && t[s.start + 1] != ' ';
}

/* A breadcrumb or a button: "Home > Science > Space", "Guide :: Contents ::",
   "SHOP NOW >": two path separators, or an arrow at the end. */
static int is_path(const char *t, bs_span s) {
  static const char *const separators[] = {" > ", " \xC2\xBB ", " :: "};
  size_t i, found = 0;
  if (s.end - s.start >= 2 && (t[s.end - 1] == '>' || memcmp(t + s.end - 2, "\xC2\xBB", 2) == 0)) return 1;
  for (i = 0; i < sizeof separators / sizeof *separators; i++) {
    bs_span rest = s;
    size_t k = strlen(separators[i]);
    while (rest.end - rest.start >= k) {
      const char *at = memchr(t + rest.start, separators[i][0], rest.end - rest.start - k + 1);
      if (!at) break;
      rest.start = (size_t)(at - t) + 1;
      if (memcmp(at, separators[i], k) == 0) found++;
    }
  }
  return found >= 2;
}

static int is_title_shaped(const char *t, const bs_page_block *b) {
  size_t bytes = b->span.end - b->span.start;
  return b->words >= 2 && !is_link_line(t, b->span) && !is_path(t, b->span) && b->words <= TITLE_WORDS && bytes <= HEAD_LINE && !bs_page_starts_item(t, b->span) &&
         (!bs_ends_sentence(t, b->span) || bs_ends_question(t, b->span)) && (b->quality > BAD || b->quality == PLAIN);
}

/* Does s occur, case-insensitively, within hay? */
static int contains(const char *t, bs_span hay, bs_span s) {
  size_t len = s.end - s.start, p, i;
  if (hay.end - hay.start < len) return 0;
  for (p = hay.start; p + len <= hay.end; p++) {
    for (i = 0; i < len; i++)
      if (bs_page_lower((unsigned char)t[p + i]) != bs_page_lower((unsigned char)t[s.start + i])) break;
    if (i == len) return 1;
  }
  return 0;
}

#define NONE ((size_t)-1)

/* The first other block where the page prints the line again, alone or with
   a little around it; NONE when it prints it once. */
static size_t repeated_at(const char *t, const bs_page_block *blocks, size_t count, size_t self) {
  bs_span s = blocks[self].span;
  size_t len = s.end - s.start, i;
  for (i = 0; i < count && i < REPEAT_SCAN; i++) {
    size_t other = blocks[i].span.end - blocks[i].span.start;
    if (i == self || other < len || other > len + REPEAT_EXTRA) continue;
    if (contains(t, blocks[i].span, s)) return i;
  }
  return NONE;
}
#define NOT_A_TITLE (-1000L)

static void take_head_line(bs_page_block *b, const head_line *h, bs_page *out) {
  if (h->date.end > h->date.start) {
    out->date_text = h->date;
    memcpy(out->date, h->iso, BS_DATE_MAX);
  } else if (h->updated.end > h->updated.start) {
    out->date_text = h->updated;
    memcpy(out->date, h->updated_iso, BS_DATE_MAX);
  }
  if (h->byline.end > h->byline.start && out->byline.end == out->byline.start) out->byline = h->byline;
  b->kind = BS_PAGE_HEAD;
}

/* Looks at block i for a date or a byline; returns 1 when it holds one.
   A line with only an "Updated" date goes to *updated, for when no other
   date is found. */
static int take_date_or_byline(const char *t, bs_page_block *blocks, size_t i, size_t *updated,
                               head_line *updated_line, bs_page *out) {
  head_line h;
  int dated, signed_by;
  if (blocks[i].kind == BS_PAGE_HEAD || !read_head_line(t, blocks[i].span, &h)) return 0;
  dated = h.date.end > h.date.start;
  signed_by = h.byline.end > h.byline.start;
  if (!dated && h.updated.end > h.updated.start && !signed_by) {
    if (*updated != NONE) return 0;
    *updated = i;
    *updated_line = h;
    return 1;
  }
  if ((dated && !out->date[0]) || (!dated && signed_by && out->byline.end == out->byline.start)) {
    take_head_line(&blocks[i], &h, out);
    return 1;
  }
  return 0;
}

static int has_digit(const char *t, bs_span s) {
  size_t p;
  for (p = s.start; p < s.end; p++)
    if (t[p] >= '0' && t[p] <= '9') return 1;
  return 0;
}

/* Could block i be the headline: an html2text heading or a title-shaped
   line that holds no date or byline? */
static int is_title_candidate(const char *t, const bs_page_block *blocks, size_t i) {
  bs_span inner;
  head_line h;
  return blocks[i].kind != BS_PAGE_HEAD && (bs_page_heading_level(t, blocks[i].span, &inner) || is_title_shaped(t, &blocks[i])) &&
         !read_head_line(t, blocks[i].span, &h);
}

/* A name alone on a line just after block title, as many pages print the
   author: two to four capitalized words, perhaps before a handle; its
   block, or NONE. */
static size_t bare_byline_after(const char *t, const bs_page_block *blocks, size_t count, size_t title, size_t body,
                                bs_span *names) {
  size_t i, last = body + HEAD_INSIDE < title + BYLINE_REACH ? body + HEAD_INSIDE : title + BYLINE_REACH;
  for (i = title + 1; i < count && i <= last; i++) {
    size_t words;
    *names = names_opening(t, blocks[i].span);
    words = name_words(t, *names);
    if (blocks[i].kind == BS_PAGE_HEAD) continue;
    if (blocks[i].kind == BS_PAGE_BODY && blocks[i].quality > SHORT) return NONE;
    if (words < 2 || words > NAME_WORDS || bs_page_is_known_boilerplate(t, *names) || !is_bare_name(t, *names)) continue;
    return i;
  }
  return NONE;
}

static void find_bare_byline(const char *t, bs_page_block *blocks, size_t count, size_t title, size_t body,
                             bs_page *out) {
  bs_span names;
  size_t at = bare_byline_after(t, blocks, count, title, body, &names);
  if (at == NONE) return;
  out->byline = names;
  blocks[at].kind = BS_PAGE_HEAD;
}

static int is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The first ECHO_REACH words of the body after block i, as one span. */
static bs_span body_start(const bs_page_block *blocks, size_t count, size_t i, size_t body) {
  size_t j = i >= body ? i + 1 : body, words = 0;
  bs_span s;
  s.start = s.end = j < count ? blocks[j].span.start : 0;
  for (; j < count && words < ECHO_REACH; j++) {
    if (blocks[j].kind != BS_PAGE_BODY) continue;
    s.end = blocks[j].span.end;
    words += blocks[j].words;
  }
  return s;
}

/* Does the body print the words of block i again? 1 when half of its
   words (of ECHO_MIN bytes or more, two at least) are in the body's first
   words, -1 when none is, 0 otherwise or when it has too few: a headline
   names what its article tells, a caption, a button or a series name less
   often. */
static int echoed(const char *t, const bs_page_block *blocks, size_t count, size_t i, size_t body) {
  bs_span hay = body_start(blocks, count, i, body), word;
  size_t p = blocks[i].span.start, end = blocks[i].span.end, total = 0, found = 0;
  while (p < end) {
    while (p < end && !is_word_byte((unsigned char)t[p])) p++;
    word.start = p;
    while (p < end && is_word_byte((unsigned char)t[p])) p++;
    word.end = p;
    if (word.end - word.start < ECHO_MIN || word.end - word.start > ECHO_MAX) continue;
    total++;
    found += contains(t, hay, word);
  }
  if (total < 2) return 0;
  return found * 2 >= total ? 1 : found == 0 ? -1 : 0;
}

/* Is the block before block i the headline over it, block i its
   standfirst: a title-shaped line of a few words whose words the body tells
   (not a sponsor's or a section's line)? */
static int headline_above(const char *t, const bs_page_block *blocks, size_t count, size_t i, size_t body) {
  return i > 0 && blocks[i - 1].words >= 4 && is_title_candidate(t, blocks, i - 1) &&
         echoed(t, blocks, count, i - 1, body) >= 0;
}

/* The candidate nearest before the date or byline at cluster, within
   CLUSTER_REACH blocks: a headline's date and byline follow it, with only an
   image or a share button between. */
static size_t before_cluster(const char *t, const bs_page_block *blocks, size_t count, size_t cluster, size_t body) {
  size_t i;
  if (cluster == NONE) return NONE;
  for (i = cluster; i-- > 0 && cluster - i <= CLUSTER_REACH;)
    if (is_title_candidate(t, blocks, i) && !(blocks[i].words <= NAME_WORDS && is_bare_name(t, blocks[i].span)))
      return headline_above(t, blocks, count, i, body) ? i - 1 : i; /* a name alone there is the author's */
  return NONE;
}

/* How much block i looks like the headline: a few words or more, a line the
   page repeats, an html2text or a lynx heading, just before the date or
   byline or just above an author's name, near the body; a bare name or two
   is more likely an author or a section. */
static long title_score(const char *t, const bs_page_block *blocks, size_t count, size_t i, size_t body,
                        size_t near) {
  bs_span inner, names;
  long score = 0;
  size_t level = bs_page_heading_level(t, blocks[i].span, &inner);
  if (!is_title_candidate(t, blocks, i)) return NOT_A_TITLE;
  if (blocks[i].words >= 4) score += 3;
  if (blocks[i].words >= 6) score += 1;
  if (level) score += 2 + (long)level;
  if (blocks[i].flush) score += LYNX_HEADING;
  if (blocks[i].words >= 3 && repeated_at(t, blocks, count, i) != NONE) score += 3;
  if (i == near || bare_byline_after(t, blocks, count, i, body, &names) != NONE) score += 4;
  if ((blocks[i].words <= NAME_WORDS && is_names_lines(t, blocks[i].span)) || opens_with_name(t, blocks[i].span)) score -= 3;
  if (has_digit(t, blocks[i].span)) score -= 1;
  if (headline_above(t, blocks, count, i, body)) score -= 3;
  score += 3L * echoed(t, blocks, count, i, body);
  return score - (long)(body - i) / 4;
}

/* A name alone on the line just before or after the date, as blogs print
   "Jane Doe" then "Oct 18, 2019 · 8 min read". */
static void find_byline_by_date(const char *t, bs_page_block *blocks, size_t count, bs_page *out) {
  size_t at, i;
  for (at = 0; at < count && !(blocks[at].span.start <= out->date_text.start && out->date_text.end <= blocks[at].span.end);
       at++)
    continue;
  for (i = at >= 2 ? at - 2 : 0; i < count && i <= at + 1; i++) {
    bs_span names = names_opening(t, blocks[i].span);
    size_t words = name_words(t, names);
    if (i == at || blocks[i].kind == BS_PAGE_HEAD || blocks[i].quality > SHORT) continue;
    if (words < 2 || words > NAME_WORDS || bs_page_is_known_boilerplate(t, names) || !is_bare_name(t, names)) continue;
    out->byline = names;
    blocks[i].kind = BS_PAGE_HEAD;
    return;
  }
}

void bs_page_find_head(const char *t, bs_page_block *blocks, size_t count, size_t body, bs_page *out) {
  size_t i, prose, updated = NONE, cluster = NONE, near, best = NONE, repeat, from = body > HEAD_WINDOW ? body - HEAD_WINDOW : 0;
  long best_score = 0;
  head_line updated_line;
  bs_span inner;
  for (i = body; i < count && i < body + HEAD_INSIDE && blocks[i].quality <= SHORT; i++)
    if (!take_date_or_byline(t, blocks, i, &updated, &updated_line, out)) break;
  for (i = body; i-- > from;)
    if (take_date_or_byline(t, blocks, i, &updated, &updated_line, out)) cluster = i;
  /* Some pages print the standfirst, a caption or the author's note first. */
  for (i = body, prose = 0; i < count && prose <= HEAD_PROSE && !(out->date[0] && out->byline.end > out->byline.start);
       i++) {
    if (!take_date_or_byline(t, blocks, i, &updated, &updated_line, out) && blocks[i].quality > SHORT)
      prose += blocks[i].words;
  }
  if (!out->date[0] && updated != NONE) take_head_line(&blocks[updated], &updated_line, out);
  else if (updated != NONE) blocks[updated].kind = BS_PAGE_BOILERPLATE;
  near = before_cluster(t, blocks, count, cluster, body);
  /* The body's first block too: a headline that wraps reads as prose, and
     one a line before the text joins the body; unless the next block goes
     on with its sentence (it starts in lower case), and a block before it
     wins a tie. */
  for (i = body + 1; i-- > from;) {
    long score;
    if (i >= count || blocks[i].kind == BS_PAGE_HEAD) continue;
    if (i == body && i + 1 < count && t[blocks[i + 1].span.start] >= 'a' && t[blocks[i + 1].span.start] <= 'z') continue;
    score = title_score(t, blocks, count, i, body, near) - (i == body);
    if (best == NONE || score > best_score) {
      best = i;
      best_score = score;
    }
  }
  if (best != NONE && best_score > NOT_A_TITLE) {
    blocks[best].kind = BS_PAGE_HEAD;
    out->title = bs_page_heading_level(t, blocks[best].span, &inner) ? inner : blocks[best].span;
    if (out->byline.end == out->byline.start) find_bare_byline(t, blocks, count, best, body, out);
    /* A page that prints the headline twice may print the author's name under the other one. */
    repeat = out->byline.end == out->byline.start ? repeated_at(t, blocks, count, best) : NONE;
    if (repeat != NONE && repeat < best) find_bare_byline(t, blocks, count, repeat, body, out);
  }
  if (out->byline.end == out->byline.start && out->date[0]) find_byline_by_date(t, blocks, count, out);
}

/* A line that holds only a date, or a name and a date: past the article's
   start, the head of a comment or of another story. An em dash before it
   is an embedded post's attribution ("— Name (@name) October 31, 2021"). */
int bs_page_is_dated_line(const char *t, const bs_page_block *b) {
  head_line h;
  return b->quality <= SHORT && !bs_starts_with(t, b->span, "\xE2\x80\x94") && read_head_line(t, b->span, &h) &&
         h.date.end > h.date.start;
}


/* ---- what a head block holds besides its fields ---- */

static int has_alnum(const char *t, size_t start, size_t end) {
  for (; start < end; start++) {
    unsigned char c = (unsigned char)t[start];
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')) return 1;
  }
  return 0;
}

/* Appends t[start, end) squeezed, unless it is punctuation or a byline's lead word. */
static size_t add_piece(const char *t, size_t start, size_t end, char *dst, size_t len) {
  bs_span piece;
  piece.start = start;
  piece.end = end;
  piece = strip_separators(t, piece);
  if (!has_alnum(t, piece.start, piece.end)) return len;
  if (piece.end - piece.start <= 10 && (bs_starts_with(t, piece, "by") || bs_starts_with(t, piece, "par") ||
                                        bs_starts_with(t, piece, "von") || bs_starts_with(t, piece, "por") ||
                                        bs_starts_with(t, piece, "door") || bs_starts_with(t, piece, "written by")) &&
      bs_count_words(t + piece.start, piece.end - piece.start) <= 2)
    return len;
  if (len) dst[len++] = ' ';
  return len + bs_squeeze(t + piece.start, piece.end - piece.start, dst + len, NULL);
}

size_t bs_page_leftover(const char *t, const bs_page_block *b, const bs_page *page, char *dst) {
  bs_span fields[3];
  size_t count = 0, i, j, p = b->span.start, len = 0;
  const bs_span *all[3];
  all[0] = &page->title;
  all[1] = &page->date_text;
  all[2] = &page->byline;
  for (i = 0; i < 3; i++)
    if (all[i]->end > all[i]->start && all[i]->start >= b->span.start && all[i]->end <= b->span.end)
      fields[count++] = *all[i];
  for (i = 1; i < count; i++)
    for (j = i; j > 0 && fields[j].start < fields[j - 1].start; j--) {
      bs_span swap = fields[j];
      fields[j] = fields[j - 1];
      fields[j - 1] = swap;
    }
  for (i = 0; i < count; i++) {
    if (fields[i].start > p) len = add_piece(t, p, fields[i].start, dst, len);
    if (fields[i].end > p) p = fields[i].end;
  }
  if (b->span.end > p) len = add_piece(t, p, b->span.end, dst, len);
  return len;
}
