/*
** page.c: the article inside a page dump (see page.h). Four steps:
**   - blocks: lines are joined into one block while the converter wrapped
**     them (the next line's first word would not have fitted on the line:
**     the wrap width is what nearly every line stays within); a blank line,
**     a list bullet or a heading starts a new block, and a text whose lines
**     run past any terminal's width has one block per line (WET);
**   - quality, as jusText has it: known boilerplate, link-marked words
**     (html2text underlines links with '_'), menu bullets and '|' menus make
**     a block bad; a short one is short; among the rest, the share of stop
**     words and sentence ends make it good or near-good;
**   - the body: the run of blocks whose good words most outweigh the bad
**     ones (the largest sum of a run, good words counting for, bad blocks
**     against); bad blocks inside it stay boilerplate;
**   - the head, looked for just before the body and at its very start: a
**     date (a "Last modified" or "Updated" one only when no other is there),
**     a byline ("By Name", "Par Name", "Von Name", "Name, Reuters"), and the
**     headline: an html2text heading, else a line the page repeats, else the
**     nearest short line.
*/
#include <string.h>

#include "page.h"
#include "text.h"

#define WRAP_SHARE 97     /* percent of lines the wrap width holds */
#define MAX_WRAP 160      /* columns: wider text was not wrapped by a terminal */
#define WIDTHS 256        /* columns counted one by one for the wrap width */
#define SHORT_BLOCK 70    /* bytes: jusText's length_low */
#define LONG_BLOCK 200    /* bytes: jusText's length_high */
#define MENU_WORDS 12     /* a bulleted item this short is navigation */
#define HEAD_WINDOW 20    /* blocks before the body where the head is looked for */
#define HEAD_INSIDE 4     /* short blocks at the body's start that may be head fields */
#define HEAD_LINE 200     /* bytes: headlines, dates and bylines are short */
#define TITLE_WORDS 30
#define REPEAT_SCAN 600   /* blocks searched for a repeated headline */
#define REPEAT_EXTRA 100  /* bytes a line repeating the headline may add ("Headline | Site") */

enum { BAD, SHORT, NEAR_GOOD, GOOD };

typedef struct line_info {
  bs_span span;           /* trimmed */
  size_t width;           /* columns, the indent included */
  size_t gap;             /* blank lines before it */
} line_info;

/* ---- lines ---- */

static size_t code_points(const char *t, size_t start, size_t end) {
  size_t count = 0;
  for (; start < end; start++) count += ((unsigned char)t[start] & 0xC0) != 0x80;
  return count;
}

/* Reads the next non-blank line at *pos into *line; 0 at the end of the text. */
static int next_line_info(const char *t, size_t n, size_t *pos, line_info *line) {
  line->gap = 0;
  while (*pos < n) {
    const char *nl = memchr(t + *pos, '\n', n - *pos);
    size_t end = nl ? (size_t)(nl - t) : n;
    bs_span s;
    s.start = *pos;
    s.end = end;
    *pos = end < n ? end + 1 : n;
    line->span = bs_trim(t, s);
    if (line->span.end > line->span.start) {
      line->width = code_points(t, s.start, line->span.end);
      return 1;
    }
    line->gap++;
  }
  return 0;
}

/* ---- telling dumps from the layout ---- */

int bs_page_is_dump(const char *t, size_t n) {
  size_t pos = 0, lines = 0, blank = 0, stacked = 0, wide = 0, run = 0;
  line_info line;
  while (next_line_info(t, n, &pos, &line)) {
    lines++;
    blank += line.gap;
    if (line.gap > 0) run = 0;
    if (++run == 2) stacked += 2;
    else if (run > 2) stacked++;
    if (line.span.end - line.span.start > 100 && line.width > 100) wide++;
  }
  /* One line per block and no blank lines (WET), or mostly stacks of lines that
     stay within a terminal's width: the layout has one line per paragraph. */
  if (lines >= 3 && blank == 0) return 1;
  return lines >= 6 && stacked * 2 >= lines && wide * 10 <= lines;
}

size_t bs_page_max_blocks(const char *t, size_t n) {
  size_t pos = 0, count = 0;
  line_info line;
  while (next_line_info(t, n, &pos, &line)) count++;
  return count;
}

/* ---- the words of a block ---- */

static int lower_ascii(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int starts_with(const char *t, bs_span s, const char *w) {
  size_t i, k = strlen(w);
  if (s.end - s.start < k) return 0;
  for (i = 0; i < k; i++)
    if (lower_ascii((unsigned char)t[s.start + i]) != w[i]) return 0;
  return 1;
}

/* Function words of the languages news pages are most often in: their share
   tells prose from lists of names and links (jusText's stop word density). */
static int is_stop_word(const char *w, size_t len) {
  static const char *const words[] = {
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "more", "not", "of", "on", "one", "or", "our", "out", "she", "so",
    "than", "that", "the", "their", "them", "there", "they", "this", "to", "up", "was", "we", "were",
    "what", "when", "which", "who", "will", "with", "would", "you", "your",
    "au", "avec", "ce", "dans", "de", "des", "du", "en", "est", "et", "il", "la", "le", "les",
    "mais", "ne", "nous", "par", "pas", "pour", "qu", "que", "qui", "se", "sur", "un", "une",
    "auf", "das", "dem", "den", "der", "die", "ein", "eine", "es", "ist", "mit", "nicht", "sich",
    "und", "von", "zu", "con", "el", "lo", "los", "las", "por", "se", "su", "y", "il", "che", "di",
    "e", "per", "non", "um", "uma", "na", "no", "os", "het", "een", "van", "op", "je", "na", "se",
    "v", "ve", "z", "za", "že", "jako", "jsou", "pro", "od"
  };
  char low[8];
  size_t i;
  if (len > sizeof low) return 0;
  for (i = 0; i < len; i++) low[i] = (char)lower_ascii((unsigned char)w[i]);
  for (i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == len && memcmp(words[i], low, len) == 0) return 1;
  return 0;
}

typedef struct features {
  size_t words, stop, linked, sentences, bars;
} features;

static int is_space_byte(char c) {
  return c == ' ' || c == '\n' || c == '\t';
}

static void measure(const char *t, bs_span s, features *f) {
  size_t p = s.start;
  memset(f, 0, sizeof *f);
  while (p < s.end) {
    size_t w, k, core_start, core_end;
    while (p < s.end && is_space_byte(t[p])) p++;
    if (p >= s.end) break;
    w = p;
    while (p < s.end && !is_space_byte(t[p])) p++;
    f->words++;
    if (p - w == 1 && t[w] == '|') f->bars++;
    core_start = w;
    core_end = p;
    while (core_start < core_end && strchr("\"'(", t[core_start]) && t[core_start]) core_start++;
    while (core_end > core_start && strchr("\"'),.;:!?", t[core_end - 1]) && t[core_end - 1]) core_end--;
    if (is_stop_word(t + core_start, core_end - core_start)) f->stop++;
    for (k = w + 1; k + 1 < p; k++)
      if (t[k] == '_') {
        f->linked++;
        break;
      }
    k = p;
    while (k > w && strchr("\"')", t[k - 1]) && t[k - 1]) k--;
    if (k > w + 1 && strchr(".!?", t[k - 1]) && t[k - 1] && !(k > w + 2 && t[k - 3] == '.')) f->sentences++;
  }
}

/* ---- the shape of a line ---- */

/* A list bullet or an item number at the start: '*', '•', '+', '-', 'o', '#', "12." */
static int starts_item(const char *t, bs_span s) {
  const unsigned char *u = (const unsigned char *)t + s.start;
  size_t len = s.end - s.start, i = 0;
  if (len >= 2 && strchr("*+-o#", u[0]) && u[0] && u[1] == ' ') return 1;
  /* U+2022 and U+2023 bullets, U+25A0..U+25FF geometric shapes (w3m's nested lists) */
  if (len >= 4 && u[0] == 0xE2 && ((u[1] == 0x80 && (u[2] == 0xA2 || u[2] == 0xA3)) || u[1] == 0x96 || u[1] == 0x97) &&
      u[3] == ' ')
    return 1;
  while (i < len && i < 3 && u[i] >= '0' && u[i] <= '9') i++;
  return i > 0 && i + 1 < len && (u[i] == '.' || u[i] == ')') && u[i + 1] == ' ';
}

/* html2text's headings: "****** Headline ******", the level in the number of stars. */
static size_t heading_level(const char *t, bs_span s, bs_span *inner) {
  size_t k = 0;
  while (s.start + k < s.end && t[s.start + k] == '*') k++;
  if (k == 0 || s.end - s.start < 2 * k + 2 || t[s.start + k] != ' ') return 0;
  if (memcmp(t + s.end - k, t + s.start, k) != 0 || t[s.end - k - 1] != ' ') return 0;
  inner->start = s.start + k;
  inner->end = s.end - k;
  *inner = bs_trim(t, *inner);
  return inner->end > inner->start ? k : 0;
}

/* Lines that are boilerplate wherever they stand, by how they start. */
static int is_known_boilerplate(const char *t, bs_span s) {
  static const char *const phrases[] = {
    "skip to", "jump to", "sign in", "sign up", "log in", "login", "log out", "register",
    "subscribe", "advertisement", "advertising", "sponsored", "all rights reserved", "\xC2\xA9",
    "copyright", "(c) ", "cookie", "we use cookies", "privacy", "terms of", "share", "tweet",
    "email", "print", "follow us", "related", "read more", "more from", "recommended", "comments",
    "newsletter", "menu", "search", "home", "continue reading", "back to top", "you may also",
    "most popular", "trending", "photo", "image", "iframe:", "(button)", "click here", "loading",
    "next article", "previous article", "see also", "tags:", "filed under", "sections"
  };
  size_t i;
  for (i = 0; i < sizeof phrases / sizeof *phrases; i++)
    if (starts_with(t, s, phrases[i])) return 1;
  return 0;
}

/* ---- blocks ---- */

/* The width that WRAP_SHARE percent of the lines stay within; 0 when that is
   wider than a terminal, as in WET, whose lines are whole paragraphs. */
static size_t wrap_width(const char *t, size_t n) {
  size_t count[WIDTHS + 1], pos = 0, lines = 0, seen = 0, w;
  line_info line;
  memset(count, 0, sizeof count);
  while (next_line_info(t, n, &pos, &line)) {
    count[line.width < WIDTHS ? line.width : WIDTHS]++;
    lines++;
  }
  for (w = 0; w <= WIDTHS; w++) {
    seen += count[w];
    if (seen * 100 >= lines * WRAP_SHARE) break;
  }
  return w > MAX_WRAP ? 0 : w;
}

static size_t first_word_width(const char *t, bs_span s) {
  size_t p = s.start;
  while (p < s.end && !is_space_byte(t[p])) p++;
  return code_points(t, s.start, p);
}

static int starts_block(const char *t, const line_info *prev, const line_info *line, size_t wrap) {
  bs_span inner;
  if (wrap == 0 || line->gap > 0 || starts_item(t, line->span) || heading_level(t, line->span, &inner) ||
      heading_level(t, prev->span, &inner))
    return 1;
  /* The converter broke the line only if the next word would not have fitted. */
  return prev->width > wrap || prev->width + 1 + first_word_width(t, line->span) <= wrap;
}

static size_t split_blocks(const char *t, size_t n, bs_page_block *blocks, size_t max) {
  size_t pos = 0, count = 0, wrap = wrap_width(t, n);
  line_info line, prev;
  memset(&prev, 0, sizeof prev);
  while (next_line_info(t, n, &pos, &line)) {
    if (count == 0 || starts_block(t, &prev, &line, wrap)) {
      if (count == max) break;
      blocks[count].span = line.span;
      blocks[count].kind = BS_PAGE_BOILERPLATE;
      count++;
    } else {
      blocks[count - 1].span.end = line.span.end;
    }
    prev = line;
  }
  return count;
}

static void classify(const char *t, bs_page_block *b) {
  features f;
  size_t bytes = b->span.end - b->span.start;
  int sentence;
  measure(t, b->span, &f);
  b->words = f.words;
  sentence = bs_ends_sentence(t, b->span);
  if ((f.words < MENU_WORDS && is_known_boilerplate(t, b->span)) || f.linked * 3 > f.words ||
      (starts_item(t, b->span) && f.words < MENU_WORDS && !sentence) || f.bars >= 2) {
    b->quality = BAD;
  } else if (bytes < SHORT_BLOCK) {
    b->quality = SHORT;
  } else if (f.stop * 100 >= f.words * 30 || f.sentences >= 2) {
    /* Stop words are a language's; sentence ends tell prose in any language. */
    b->quality = bytes >= LONG_BLOCK && (f.sentences >= 1 || sentence) ? GOOD : NEAR_GOOD;
  } else if (sentence || f.sentences >= 1) {
    b->quality = NEAR_GOOD;
  } else {
    b->quality = BAD;
  }
}

/* What a block counts for or against being in the body. */
static long weight(const bs_page_block *b) {
  switch (b->quality) {
  case GOOD: return (long)b->words;
  case NEAR_GOOD: return (long)b->words / 2;
  case SHORT: return -1;
  default: return -3 - (long)b->words / 2;
  }
}

/* The run [*first, *last] of blocks with the largest sum of weights (Kadane). */
static int find_body(const bs_page_block *blocks, size_t count, size_t *first, size_t *last) {
  long best = 0, sum = 0;
  size_t start = 0, i;
  int found = 0;
  for (i = 0; i < count; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += weight(&blocks[i]);
    if (sum > best) {
      best = sum;
      *first = start;
      *last = i;
      found = 1;
    }
  }
  return found;
}

/* ---- the head ---- */

/* Separators pages print between a byline and a date: '|', '-', '·', '—', ',' and spaces. */
static bs_span strip_separators(const char *t, bs_span s) {
  for (;;) {
    s = bs_trim(t, s);
    if (s.end > s.start && strchr("|-,:", t[s.end - 1]) && t[s.end - 1]) s.end--;
    else if (s.end > s.start && strchr("|-,", t[s.start]) && t[s.start]) s.start++;
    else if (s.end - s.start >= 2 && memcmp(t + s.end - 2, "\xC2\xB7", 2) == 0) s.end -= 2;
    else if (s.end - s.start >= 3 && memcmp(t + s.end - 3, "\xE2\x80\x94", 3) == 0) s.end -= 3;
    else if (s.end - s.start >= 3 && memcmp(t + s.start, "\xE2\x80\x94", 3) == 0) s.start += 3;
    else return s;
  }
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
    if (starts_with(t, tail, agencies[i])) return 1;
  }
  return 0;
}

/* A byline's names: after "By", "Par" or "Von", or before ", Reuters". */
static int byline_names(const char *t, bs_span s, bs_span *names) {
  static const char *const leads[] = {"by ", "par ", "von ", "written by ", "words by "};
  size_t i;
  unsigned char c;
  s = strip_separators(t, s);
  if (s.end - s.start > HEAD_LINE || s.end == s.start) return 0;
  for (i = 0; i < sizeof leads / sizeof *leads; i++)
    if (starts_with(t, s, leads[i])) {
      names->start = s.start + strlen(leads[i]);
      names->end = s.end;
      *names = strip_separators(t, *names);
      c = (unsigned char)t[names->start];
      return names->end > names->start && !(c >= 'a' && c <= 'z') && bs_is_names(t, *names);
    }
  *names = s;
  return ends_with_agency(t, s) && bs_count_words(t + s.start, s.end - s.start) <= 8 && bs_is_names(t, s);
}

static int is_updated(const char *t, bs_span s) {
  return starts_with(t, s, "updated") || starts_with(t, s, "last updated") ||
         starts_with(t, s, "last modified") || starts_with(t, s, "modified");
}

typedef struct head_line {
  bs_span date, byline;
  char iso[BS_DATE_MAX];
} head_line;

static int parse_date_span(const char *t, bs_span s, char iso[BS_DATE_MAX]) {
  const char *why;
  s = strip_separators(t, s);
  return s.end > s.start && bs_parse_date(t + s.start, s.end - s.start, iso, &why);
}

/* Is the rest of a head line nothing, separators, or a byline? */
static int rest_is_byline(const char *t, bs_span rest, head_line *h) {
  bs_span names;
  rest = strip_separators(t, rest);
  if (rest.end == rest.start) return 1;
  if (!byline_names(t, rest, &names)) return 0;
  h->byline = names;
  return 1;
}

/* A date, a byline, or both on one line ("By Jane Doe JAN. 13, 2017"). */
static int read_head_line(const char *t, bs_span s, head_line *h) {
  size_t p;
  memset(h, 0, sizeof *h);
  if (s.end - s.start > HEAD_LINE) return 0;
  if (parse_date_span(t, s, h->iso)) {
    h->date = strip_separators(t, s);
    return 1;
  }
  if (byline_names(t, s, &h->byline)) return 1;
  for (p = s.start + 1; p < s.end; p++) {
    bs_span left, right;
    if (t[p] != ' ') continue;
    left.start = s.start;
    left.end = p;
    right.start = p + 1;
    right.end = s.end;
    if (parse_date_span(t, right, h->iso) && rest_is_byline(t, left, h)) {
      h->date = strip_separators(t, right);
      return 1;
    }
    h->byline.start = h->byline.end = 0;
    if (parse_date_span(t, left, h->iso) && rest_is_byline(t, right, h)) {
      h->date = strip_separators(t, left);
      return 1;
    }
    h->byline.start = h->byline.end = 0;
  }
  return 0;
}

static int is_title_shaped(const char *t, const bs_page_block *b) {
  size_t bytes = b->span.end - b->span.start;
  unsigned char last = (unsigned char)t[b->span.end - 1];
  return b->words >= 2 && b->words <= TITLE_WORDS && bytes <= HEAD_LINE && !starts_item(t, b->span) &&
         (!bs_ends_sentence(t, b->span) || last == '?' || last == '!') && b->quality != BAD;
}

/* Does s occur, case-insensitively, within hay? */
static int contains(const char *t, bs_span hay, bs_span s) {
  size_t len = s.end - s.start, p, i;
  if (hay.end - hay.start < len) return 0;
  for (p = hay.start; p + len <= hay.end; p++) {
    for (i = 0; i < len; i++)
      if (lower_ascii((unsigned char)t[p + i]) != lower_ascii((unsigned char)t[s.start + i])) break;
    if (i == len) return 1;
  }
  return 0;
}

/* Does the page print the line again elsewhere, alone or with a little around it? */
static int is_repeated(const char *t, const bs_page_block *blocks, size_t count, size_t self) {
  bs_span s = blocks[self].span;
  size_t len = s.end - s.start, i;
  for (i = 0; i < count && i < REPEAT_SCAN; i++) {
    size_t other = blocks[i].span.end - blocks[i].span.start;
    if (i == self || other < len || other > len + REPEAT_EXTRA) continue;
    if (contains(t, blocks[i].span, s)) return 1;
  }
  return 0;
}

typedef struct head_search {
  size_t title, heading, repeated, updated;
  size_t heading_level;
  bs_span heading_inner;
  head_line updated_line;
} head_search;

#define NONE ((size_t)-1)

static void take_head_line(bs_page_block *b, const head_line *h, bs_page *out) {
  if (h->date.end > h->date.start) {
    out->date_text = h->date;
    memcpy(out->date, h->iso, BS_DATE_MAX);
  }
  if (h->byline.end > h->byline.start && out->byline.end == out->byline.start) out->byline = h->byline;
  b->kind = BS_PAGE_HEAD;
}

/* Looks at block i for a head field; returns 1 when it is one. */
static int look_at(const char *t, bs_page_block *blocks, size_t count, size_t i, head_search *hs, bs_page *out) {
  head_line h;
  bs_span inner;
  size_t level;
  int want_date = !out->date[0], want_byline = out->byline.end == out->byline.start;
  if (read_head_line(t, blocks[i].span, &h)) {
    int dated = h.date.end > h.date.start, signed_by = h.byline.end > h.byline.start;
    if (dated && is_updated(t, blocks[i].span) && hs->updated == NONE && !signed_by) {
      hs->updated = i;
      hs->updated_line = h;
      return 1;
    }
    if ((dated && want_date) || (!dated && signed_by && want_byline)) {
      take_head_line(&blocks[i], &h, out);
      return 1;
    }
  }
  level = heading_level(t, blocks[i].span, &inner);
  if (level > hs->heading_level) {
    hs->heading = i;
    hs->heading_level = level;
    hs->heading_inner = inner;
  }
  if (is_title_shaped(t, &blocks[i])) {
    if (hs->title == NONE) hs->title = i;
    if (hs->repeated == NONE && is_repeated(t, blocks, count, i)) hs->repeated = i;
  }
  return 0;
}

static void find_head(const char *t, bs_page_block *blocks, size_t count, size_t body, bs_page *out) {
  head_search hs;
  size_t i, chosen;
  hs.title = hs.heading = hs.repeated = hs.updated = NONE;
  hs.heading_level = 0;
  for (i = body; i < count && i < body + HEAD_INSIDE; i++) {
    head_search inside = hs;
    if (blocks[i].quality > SHORT) break;
    if (!look_at(t, blocks, count, i, &inside, out)) break;
    hs.updated = inside.updated;
    hs.updated_line = inside.updated_line;
  }
  for (i = body; i-- > 0 && i + HEAD_WINDOW >= body;) {
    if (blocks[i].kind == BS_PAGE_HEAD) continue;
    look_at(t, blocks, count, i, &hs, out);
  }
  if (!out->date[0] && hs.updated != NONE) take_head_line(&blocks[hs.updated], &hs.updated_line, out);
  else if (hs.updated != NONE) blocks[hs.updated].kind = BS_PAGE_BOILERPLATE;
  chosen = hs.heading != NONE ? hs.heading : hs.repeated != NONE ? hs.repeated : hs.title;
  if (chosen == NONE) return;
  blocks[chosen].kind = BS_PAGE_HEAD;
  out->title = chosen == hs.heading ? hs.heading_inner : blocks[chosen].span;
}

void bs_page_parse(const char *t, size_t n, bs_page_block *blocks, size_t max, bs_page *out) {
  size_t count, first = 0, last = 0, i;
  memset(out, 0, sizeof *out);
  count = split_blocks(t, n, blocks, max);
  out->nblocks = count;
  if (count == 0) {
    out->warnings = BS_WARN_EMPTY;
    return;
  }
  for (i = 0; i < count; i++) classify(t, &blocks[i]);
  if (find_body(blocks, count, &first, &last))
    for (i = first; i <= last; i++)
      if (blocks[i].quality != BAD) blocks[i].kind = BS_PAGE_BODY;
  find_head(t, blocks, count, first, out);
  if (out->title.end == out->title.start) out->warnings |= BS_WARN_NOTITLE;
  for (i = 0; i < count && blocks[i].kind != BS_PAGE_BODY; i++) continue;
  if (i == count) out->warnings |= BS_WARN_NOBODY;
}
