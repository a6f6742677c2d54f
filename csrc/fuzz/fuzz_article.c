/*
** fuzz_article.c: libFuzzer harness for reading one article: bs_text_scan and
** bs_text_clean, then bs_layout_parse, then every field walked the way the
** binding walks it (bs_next_block over the body, bs_next_label over the tags,
** bs_join_lines over the tail).
**
** The whole input is the article. Its last byte also says which options to
** parse with, so that seeds stay plain text files (see choose_opts):
**   bits 0-1  0: no opts; 1: empty opts; 2: site and footers are lines of the
**             clean text (as a learned profile would give); 3: lines of the
**             raw input (any bytes)
**   bits 2-4  the index of the line to use as the site
**   bits 5-7  how many of the last lines to use as footers
**
** Checked: the clean text keeps text.h's promise (valid UTF-8, no CR, no
** control characters but tab and LF); every span lies inside the text, in
** layout order; every field squeezes to valid UTF-8, as a plain reference
** squeeze does; a date round-trips; empty opts change nothing; and every
** non-blank line lands in some field (SPEC: nothing is silently lost);
** and opts that bs_layout_opts_matter says cannot matter read the text as
** no opts do.
*/
#include "fuzz.h"

#include "article.h"
#include "date.h"
#include "text.h"

#define MAX_FOOTERS 7
#define MAX_LINES 64

typedef struct line_list {
  bs_span line[MAX_LINES];
  size_t count;            /* lines found, at most MAX_LINES */
  size_t total;            /* all lines, for "the last k lines" */
} line_list;

/* ---- the clean text ---- */

static void check_clean(const char *in, size_t n, const char *clean, const bs_text_info *info) {
  size_t i;
  FUZZ_CHECK(fuzz_is_utf8(clean, info->clean_len), "clean text is not valid UTF-8");
  for (i = 0; i < info->clean_len; i++) {
    unsigned char c = (unsigned char)clean[i];
    FUZZ_CHECK(c >= 0x20 || c == '\n' || c == '\t', "control character left in clean text");
    FUZZ_CHECK(c != 0x7F, "DEL left in clean text");
  }
  if (info->unchanged)
    FUZZ_CHECK(info->clean_len == n && (n == 0 || memcmp(in, clean, n) == 0),
               "text called unchanged was changed");
  if (info->warnings == 0 && !info->unchanged)
    FUZZ_CHECK(info->clean_len <= n, "cleaning without repairs made the text longer");
}

/* ---- the options ---- */

/* Lines of t[0..n), trimmed of ASCII blanks; the last MAX_LINES are kept. */
static void split_lines(const char *t, size_t n, line_list *out) {
  size_t p = 0;
  out->count = out->total = 0;
  while (p < n) {
    const char *nl = memchr(t + p, '\n', n - p);
    bs_span s;
    s.start = p;
    s.end = nl ? (size_t)(nl - t) : n;
    p = s.end + 1;
    while (s.start < s.end && (t[s.start] == ' ' || t[s.start] == '\t')) s.start++;
    while (s.end > s.start && (t[s.end - 1] == ' ' || t[s.end - 1] == '\t' || t[s.end - 1] == '\r'))
      s.end--;
    out->line[out->total % MAX_LINES] = s;
    out->total++;
  }
  out->count = out->total < MAX_LINES ? out->total : MAX_LINES;
}

/* The k-th line counting from the first kept one. */
static bs_str line_str(const char *t, const line_list *lines, size_t k) {
  size_t first = lines->total - lines->count;
  bs_span s = lines->line[(first + k) % MAX_LINES];
  bs_str r;
  r.s = fuzz_copy(t + s.start, s.end - s.start);
  r.n = s.end - s.start;
  return r;
}

/* Fills opts from lines of t as the control byte says; returns opts or NULL. */
static const bs_layout_opts *choose_opts(unsigned char control, const char *t, size_t n,
                                         bs_layout_opts *opts, bs_str *footers) {
  line_list lines;
  size_t site_line = (control >> 2) & 7, nfooters = control >> 5, i;
  memset(opts, 0, sizeof *opts);
  if ((control & 3) == 0) return NULL;
  if ((control & 3) == 1) return opts;
  split_lines(t, n, &lines);
  if (site_line < lines.count) opts->site = line_str(t, &lines, site_line);
  if (nfooters > lines.count) nfooters = lines.count;
  for (i = 0; i < nfooters; i++) footers[i] = line_str(t, &lines, lines.count - 1 - i);
  opts->footers = nfooters ? footers : NULL;
  opts->nfooters = nfooters;
  return opts;
}

static void free_opts(bs_layout_opts *opts, bs_str *footers) {
  size_t i;
  free((void *)opts->site.s);
  for (i = 0; i < opts->nfooters; i++) free((void *)footers[i].s);
}

/* ---- the fields ---- */

static int has(bs_span s) {
  return s.end > s.start;
}

static void check_span(bs_span s, size_t n) {
  FUZZ_CHECK(s.start <= s.end && s.end <= n, "span outside the text");
}

/* bs_squeeze the slow way, a character at a time: the real one copies eight
   bytes at a time when it can, and must give the same result. */
static size_t reference_squeeze(const char *s, size_t n, char *dst) {
  size_t p = 0, len = 0, k;
  int gap = 0;
  while (p < n) {
    if ((k = bs_space_len(s + p, s + n)) > 0) {
      gap = len > 0;
      p += k;
      continue;
    }
    if (gap) dst[len++] = ' ';
    gap = 0;
    dst[len++] = s[p++];
  }
  return len;
}

/* Squeezes a field into an exact-size buffer, as the binding does; returns its words. */
static size_t check_field(const char *t, bs_span s) {
  size_t n = s.end - s.start, len, words;
  char *dst = malloc(n ? n : 1), *ref = malloc(n ? n : 1);
  FUZZ_CHECK(dst != NULL && ref != NULL, "out of memory");
  len = bs_squeeze(t + s.start, n, dst, &words);
  FUZZ_CHECK(len <= n, "squeezing made a field longer");
  FUZZ_CHECK(reference_squeeze(t + s.start, n, ref) == len && memcmp(dst, ref, len) == 0,
             "bs_squeeze differs from the character-at-a-time reference");
  free(ref);
  FUZZ_CHECK(fuzz_is_utf8(dst, len), "field is not valid UTF-8");
  FUZZ_CHECK((len == 0) == (words == 0), "word count disagrees with the text");
  FUZZ_CHECK(words == bs_count_words(t + s.start, n), "bs_squeeze and bs_count_words disagree");
  FUZZ_CHECK(len == 0 || (dst[0] != ' ' && dst[len - 1] != ' '), "squeezed field not trimmed");
  free(dst);
  return words;
}

static void check_head(const char *t, const bs_layout *lay) {
  const bs_span *head[5];
  size_t i;
  head[0] = &lay->site;
  head[1] = &lay->title;
  head[2] = &lay->date_text;
  head[3] = &lay->byline;
  head[4] = &lay->caption;
  for (i = 0; i < 5; i++) {
    if (!has(*head[i])) continue;
    FUZZ_CHECK(head[i]->end <= lay->body.start, "head field after the body's start");
    FUZZ_CHECK(check_field(t, *head[i]) > 0, "head field without a word");
  }
  FUZZ_CHECK(memchr(lay->date, '\0', BS_DATE_MAX) != NULL, "date not NUL-terminated");
  FUZZ_CHECK(has(lay->date_text) == (lay->date[0] != '\0'), "date without date_text or back");
  if (has(lay->date_text)) {
    char iso[BS_DATE_MAX];
    const char *why;
    FUZZ_CHECK(bs_parse_date(t + lay->date_text.start, lay->date_text.end - lay->date_text.start,
                             iso, &why) && strcmp(iso, lay->date) == 0,
               "date_text does not parse to date");
  }
}

static void check_body(const char *t, const bs_layout *lay) {
  size_t pos = lay->body.start, last = lay->body.start;
  bs_span para;
  while (bs_next_block(t, lay->body, &pos, &para)) {
    FUZZ_CHECK(para.start >= last && para.end <= lay->body.end && has(para),
               "paragraph outside the body, out of order or empty");
    FUZZ_CHECK(check_field(t, para) > 0, "paragraph without a word");
    FUZZ_CHECK(pos > para.start && pos <= lay->body.end, "block iterator did not advance");
    last = para.end;
  }
}

static void check_tags(const char *t, const bs_layout *lay) {
  size_t pos = lay->tags.start, last = lay->tags.start;
  bs_span label;
  if (!has(lay->tags)) return;
  FUZZ_CHECK(lay->tag_line.start <= lay->tags.start && lay->tags.end <= lay->tag_line.end,
             "tags outside the tag line");
  FUZZ_CHECK(lay->tail.start <= lay->tag_line.start && lay->tag_line.end <= lay->tail.end,
             "tag line outside the tail");
  while (bs_next_label(t, lay->tags, lay->tags_listed, &pos, &label)) {
    FUZZ_CHECK(label.start >= last && label.end <= lay->tags.end && has(label),
               "label outside the tags, out of order or empty");
    FUZZ_CHECK(pos > label.start && pos <= lay->tags.end, "label iterator did not advance");
    check_field(t, label);
    last = label.end;
  }
}

static void check_tail(const char *t, const bs_layout *lay) {
  size_t n = lay->tail.end - lay->tail.start, len, i;
  char *dst;
  if (!has(lay->tail)) return;
  FUZZ_CHECK(lay->tail.start >= lay->body.end, "tail overlaps the body");
  dst = malloc(n);
  FUZZ_CHECK(dst != NULL, "out of memory");
  len = bs_join_lines(t, lay->tail, lay->tag_line, dst);
  FUZZ_CHECK(len <= n, "joined lines longer than the tail");
  FUZZ_CHECK(fuzz_is_utf8(dst, len), "footer is not valid UTF-8");
  for (i = 0; i < len; i++)
    FUZZ_CHECK(dst[i] != '\n' || (i > 0 && i + 1 < len && dst[i + 1] != '\n'),
               "footer has an empty line");
  free(dst);
}

/* Does the line t[s] share a byte with any field? The byline span starts after "By ". */
static int line_is_kept(const bs_layout *lay, bs_span s) {
  const bs_span *fields[7];
  size_t i;
  fields[0] = &lay->site;
  fields[1] = &lay->title;
  fields[2] = &lay->date_text;
  fields[3] = &lay->byline;
  fields[4] = &lay->caption;
  fields[5] = &lay->body;
  fields[6] = &lay->tail;
  for (i = 0; i < 7; i++)
    if (has(*fields[i]) && fields[i]->start < s.end && s.start < fields[i]->end) return 1;
  return 0;
}

/* SPEC section 2: every non-blank line of the input lands in a field. */
static void check_nothing_lost(const char *t, size_t n, const bs_layout *lay) {
  size_t p = 0;
  while (p < n) {
    const char *nl = memchr(t + p, '\n', n - p);
    bs_span s;
    size_t k;
    s.start = p;
    s.end = nl ? (size_t)(nl - t) : n;
    p = s.end + 1;
    while (s.start < s.end && (k = bs_space_len(t + s.start, t + s.end)) > 0) s.start += k;
    if (has(s)) FUZZ_CHECK(line_is_kept(lay, s), "a non-blank line is in no field");
  }
}

static void check_layout(const char *t, size_t n, const bs_layout *lay) {
  check_span(lay->site, n);
  check_span(lay->title, n);
  check_span(lay->date_text, n);
  check_span(lay->byline, n);
  check_span(lay->caption, n);
  check_span(lay->body, n);
  check_span(lay->tag_line, n);
  check_span(lay->tags, n);
  check_span(lay->tail, n);
  FUZZ_CHECK(!(lay->warnings & ~(unsigned)(BS_WARN_EMPTY | BS_WARN_NOTITLE | BS_WARN_NOBODY)),
             "layout set a warning that is not its own");
  FUZZ_CHECK(!!(lay->warnings & BS_WARN_NOTITLE) == (!has(lay->title) && !(lay->warnings & BS_WARN_EMPTY)),
             "no-title warning disagrees with the title");
  check_head(t, lay);
  check_body(t, lay);
  check_tags(t, lay);
  check_tail(t, lay);
  check_nothing_lost(t, n, lay);
}

static int same_span(bs_span a, bs_span b) {
  return a.start == b.start && a.end == b.end;
}

/* Opts that cannot matter (none given, or none standing in the text) must
   read the text as no opts do. */
static void check_same_layout(const bs_layout *a, const bs_layout *b, const char *message) {
  FUZZ_CHECK(same_span(a->site, b->site) && same_span(a->title, b->title) &&
             same_span(a->date_text, b->date_text) && same_span(a->byline, b->byline) &&
             same_span(a->caption, b->caption) && same_span(a->body, b->body) &&
             same_span(a->tag_line, b->tag_line) && same_span(a->tags, b->tags) &&
             same_span(a->tail, b->tail) && a->tags_listed == b->tags_listed &&
             a->warnings == b->warnings && strcmp(a->date, b->date) == 0,
             message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *in = fuzz_copy(data, size), *clean;
  const char *t;
  bs_text_info info;
  bs_layout_opts opts_store;
  const bs_layout_opts *opts;
  bs_str footers[MAX_FOOTERS];
  bs_layout lay;
  unsigned char control = size ? data[size - 1] : 0;
  bs_text_scan(in, size, &info);
  clean = malloc(info.clean_len ? info.clean_len : 1);
  FUZZ_CHECK(clean != NULL, "out of memory");
  bs_text_clean(in, size, clean);
  check_clean(in, size, clean, &info);
  /* The binding parses the input itself when it is clean already: so do we. */
  t = info.unchanged ? in : clean;
  opts = choose_opts(control, (control & 3) == 3 ? in : t, (control & 3) == 3 ? size : info.clean_len,
                     &opts_store, footers);
  bs_layout_parse(t, info.clean_len, opts, &lay);
  check_layout(t, info.clean_len, &lay);
  if (opts) {
    bs_layout plain;
    bs_layout_parse(t, info.clean_len, NULL, &plain);
    if ((control & 3) == 1)
      check_same_layout(&lay, &plain, "empty opts read the text differently from no opts");
    if (!bs_layout_opts_matter(t, info.clean_len, opts, has(plain.site)))
      check_same_layout(&lay, &plain, "opts said not to matter changed the reading");
  }
  if (opts) free_opts(&opts_store, footers);
  free(clean);
  free(in);
  return 0;
}
