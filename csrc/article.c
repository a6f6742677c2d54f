/*
** article.c: the layout rules (see article.h). Few rules, each decided by a
** block's position and shape:
**   - masthead: a short first line followed by a headline and then a date,
**     or the line the caller names as the site's masthead;
**   - headline: the first block after it (a date on its own last line is split off);
**   - head extras: up to three one-line blocks after the headline, each a
**     date, a "By ..." byline, or (once the layout is known to be the
**     archive's) a caption of a few capitalized names;
**   - tail: the last blocks, from one that follows two blank lines, when no
**     line there ends a sentence; also trailing "Tags:" and known boilerplate
**     lines. Its first line is the tag line, unless it is boilerplate;
**   - body: every block in between, one paragraph each.
*/
#include <string.h>

#include "article.h"
#include "text.h"

#define HEAD_EXTRAS 3     /* one-line blocks after the headline: date, byline, caption */
#define HEAD_BLOCKS 6     /* blocks kept from the start: masthead, headline, extras, body */
#define TAIL_BLOCKS 16    /* blocks kept from the end: the tail is never longer */
#define SHORT_LINE 120    /* bytes: mastheads, bylines, captions and dates are short */
#define CAPTION_WORDS 8
#define TAIL_LINES 8      /* the tail holds a tag line and a few footer lines */
#define FOOTER_LINE 200   /* bytes: footer lines are short, whatever their punctuation */

typedef struct block {
  bs_span span;           /* trailing blanks trimmed */
  size_t lines;
  size_t gap;             /* blank lines before the block */
  size_t index;
} block;

typedef struct doc {
  const char *t;
  size_t n;
  const bs_layout_opts *opts;
} doc;

/* ---- lines and blocks ---- */

static size_t line_end(const char *t, size_t n, size_t p) {
  const char *nl = memchr(t + p, '\n', n - p);
  return nl ? (size_t)(nl - t) : n;
}

static size_t next_line(const char *t, size_t n, size_t p) {
  size_t e = line_end(t, n, p);
  return e < n ? e + 1 : n;
}

static size_t skip_space(const char *t, size_t p, size_t end) {
  size_t k;
  while (p < end && (k = bs_space_len(t + p, t + end)) > 0) p += k;
  return p;
}

static int is_blank(const char *t, size_t p, size_t end) {
  return skip_space(t, p, end) == end;
}

/* Trims white space (ASCII or Unicode) from both ends of a span. */
static bs_span trim(const char *t, bs_span s) {
  size_t k;
  s.start = skip_space(t, s.start, s.end);
  while (s.end > s.start) {
    for (k = 1; k <= 3 && k <= s.end - s.start; k++)
      if (bs_space_len(t + s.end - k, t + s.end) == k) break;
    if (k > 3 || k > s.end - s.start) break;
    s.end -= k;
  }
  return s;
}

static int read_block(const char *t, size_t end, size_t *pos, block *b) {
  size_t p = *pos, e;
  b->gap = 0;
  b->lines = 0;
  for (; p < end; p = next_line(t, end, p)) {
    if (!is_blank(t, p, line_end(t, end, p))) break;
    b->gap++;
  }
  if (p >= end) return 0;
  b->span.start = p;
  for (; p < end; p = next_line(t, end, p)) {
    e = line_end(t, end, p);
    if (is_blank(t, p, e)) break;
    b->span.end = e;
    b->lines++;
  }
  b->span = trim(t, b->span);
  *pos = p;
  return 1;
}

int bs_next_block(const char *t, bs_span span, size_t *pos, bs_span *out) {
  block b;
  if (!read_block(t, span.end, pos, &b)) return 0;
  *out = b.span;
  return 1;
}

/* ---- the shape of one line ---- */

static int is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower_ascii(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does the line start with the ASCII word w, case-insensitively? */
int bs_starts_with(const char *t, bs_span s, const char *w) {
  size_t i, k = strlen(w);
  if (s.end - s.start < k) return 0;
  for (i = 0; i < k; i++)
    if (lower_ascii((unsigned char)t[s.start + i]) != w[i]) return 0;
  return 1;
}

/* Closing quotes and brackets that may follow a sentence's last mark. */
static size_t closer_len(const char *t, size_t start, size_t end) {
  const unsigned char *u = (const unsigned char *)t + end;
  if (end - start >= 1 && strchr("\"')]", u[-1]) && u[-1]) return 1;
  if (end - start >= 2 && u[-2] == 0xC2 && u[-1] == 0xBB) return 2;              /* » */
  if (end - start >= 3 && u[-3] == 0xE2 && u[-2] == 0x80 && (u[-1] == 0x99 || u[-1] == 0x9D))
    return 3;                                                                   /* ’ ” */
  return 0;
}

/* Does the span hold a curly double quote, as quoted speech does? */
static int memmem_curly_quote(const char *t, bs_span s) {
  size_t p;
  for (p = s.start; p + 3 <= s.end; p++)
    if (memcmp(t + p, "\xE2\x80\x9C", 3) == 0 || memcmp(t + p, "\xE2\x80\x9D", 3) == 0) return 1;
  return 0;
}

/* Does the line end a sentence? "U.S." and other dotted abbreviations do not. */
/* The end of s less its closing quotes and brackets. */
static size_t before_closers(const char *t, bs_span s) {
  size_t end = s.end, k;
  while ((k = closer_len(t, s.start, end)) > 0) end -= k;
  return end;
}

static int ends_question(const char *t, bs_span s) {
  size_t end = before_closers(t, s);
  return end > s.start && (t[end - 1] == '!' || t[end - 1] == '?');
}

static int ends_sentence(const char *t, bs_span s) {
  size_t end = before_closers(t, s), p;
  if (end == s.start) return 0;
  if (ends_question(t, s)) return 1;
  if (end - s.start >= 3 && memcmp(t + end - 3, "\xE2\x80\xA6", 3) == 0) return 1; /* … */
  if (t[end - 1] != '.') return 0;
  for (p = end - 1; p > s.start && t[p - 1] != ' '; p--)
    if (t[p - 1] == '.') return 0;
  return 1;
}

static size_t count_words(const char *t, bs_span s) {
  return bs_count_words(t + s.start, s.end - s.start);
}

static int is_date(const char *t, bs_span s, char iso[BS_DATE_MAX]) {
  const char *why;
  return s.end - s.start <= SHORT_LINE && bs_parse_date(t + s.start, s.end - s.start, iso, &why);
}

/* "By Jane Doe": short, no sentence end, a capitalized name after "By ". */
static int byline_start(const char *t, bs_span s, size_t *name) {
  unsigned char c;
  if (s.end - s.start > SHORT_LINE || !bs_starts_with(t, s, "by ") || ends_sentence(t, s)) return 0;
  *name = skip_space(t, s.start + 3, s.end);
  c = (unsigned char)t[*name];
  return *name < s.end && !(c >= 'a' && c <= 'z');
}

/* Words a list of names may hold in lower case ("Xi Jinping and Barack Obama"). */
static int is_connective(const char *t, size_t p, size_t len) {
  static const char *const words[] = {"and", "of", "the", "de", "la", "le", "du", "di", "van", "von", "da", "del",
                                      "with", "at", "in"};
  size_t i;
  for (i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == len && memcmp(t + p, words[i], len) == 0) return 1;
  return 0;
}

/* Names: every word capitalized (or not ASCII) but the connectives, no
   sentence end; commas only where a byline's "Jane Doe, Science Editor"
   may have them. */
static int is_names(const char *t, bs_span s, int commas) {
  size_t p = s.start;
  if (s.end - s.start > SHORT_LINE || ends_sentence(t, s)) return 0;
  while (p < s.end) {
    size_t w = p;
    while (p < s.end && t[p] != ' ') p++;
    if (t[w] >= 'a' && t[w] <= 'z' && !is_connective(t, w, p - w)) return 0;
    if (memchr(t + w, ';', p - w) || (!commas && memchr(t + w, ',', p - w))) return 0;
    p = skip_space(t, p, s.end);
  }
  return 1;
}

/* A caption: a few capitalized words, no sentence punctuation. */
static int is_caption(const char *t, bs_span s) {
  return count_words(t, s) <= CAPTION_WORDS && is_names(t, s, 0);
}

/* ---- the tail: tags and boilerplate ---- */

/* The labels after a "Tags:" prefix, or an empty span if the line has none. */
static bs_span tags_after_prefix(const char *t, bs_span s) {
  static const char *const prefixes[] = {"tags:", "tagged:", "tagged with:", "topics:", "keywords:"};
  bs_span rest = {0, 0};
  size_t i;
  for (i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (bs_starts_with(t, s, prefixes[i])) {
      rest.start = s.start + strlen(prefixes[i]);
      rest.end = s.end;
      return trim(t, rest);
    }
  return rest;
}

static int is_known_footer(const doc *d, bs_span s) {
  static const char *const phrases[] = {
    "send us a ", "copyright", "\xC2\xA9", "(c) ", "all rights reserved", "share this",
    "follow us", "subscribe to", "sign up for", "related articles", "read more:", "back to top"
  };
  size_t i, len = s.end - s.start;
  for (i = 0; i < sizeof phrases / sizeof *phrases; i++)
    if (bs_starts_with(d->t, s, phrases[i])) return 1;
  for (i = 0; d->opts && i < d->opts->nfooters; i++)
    if (d->opts->footers[i].n == len && memcmp(d->opts->footers[i].s, d->t + s.start, len) == 0)
      return 1;
  return 0;
}

/* Lines that belong to the tail wherever they stand. */
static int is_strong_tail(const doc *d, bs_span s) {
  bs_span rest = tags_after_prefix(d->t, s);
  return rest.end > rest.start || is_known_footer(d, s);
}

/* Calls fn on each line of the block, last line first, while it returns 1; returns the
** start of the earliest line accepted, or the block's end if none was. */
static size_t accept_lines_backwards(const doc *d, const block *b, int (*fn)(const doc *, bs_span)) {
  size_t first = b->span.end, e = b->span.end;
  while (e > b->span.start) {
    bs_span line;
    size_t p = e;
    while (p > b->span.start && d->t[p - 1] != '\n') p--;
    line.start = p;
    line.end = e;
    line = trim(d->t, line);
    if (!fn(d, line)) break;
    first = p;
    e = p > b->span.start ? p - 1 : p;
  }
  return first;
}

/* A space-joined tag line: no sentence end, none of the punctuation of prose or lists. */
static int is_tag_shaped(const char *t, bs_span s) {
  unsigned char c = (unsigned char)t[s.start];
  size_t p;
  /* A tag starts with a letter, a digit, '#' or '.' (".NET"); list bullets and dashes do not. */
  if (s.end == s.start || ends_sentence(t, s)) return 0;
  if (c < 0x80 && !(is_ascii_alnum(c) || c == '#' || c == '.')) return 0;
  if (c == 0xE2 && s.end - s.start >= 2 && (unsigned char)t[s.start + 1] == 0x80) return 0; /* • – — */
  for (p = s.start; p < s.end; p++)
    if (strchr("()[]{}\",;:!?", t[p]) && t[p]) return 0;
  return !memmem_curly_quote(t, s);
}

static bs_span first_line(const char *t, bs_span s) {
  const char *nl = memchr(t + s.start, '\n', s.end - s.start);
  bs_span line = s;
  if (nl) line.end = (size_t)(nl - t);
  return trim(t, line);
}

/* Are all lines of the block after its first short, as footer lines are? */
static int rest_is_short(const char *t, const block *b) {
  size_t p = first_line(t, b->span).end, e;
  for (; p < b->span.end; p = e + 1) {
    e = line_end(t, b->span.end, p);
    if (e - p > FOOTER_LINE) return 0;
  }
  return 1;
}

/*
** The tail's start, looking at the last blocks (ring) but never before block
** min_index: the earliest block after two blank lines whose first line is a
** tag line or boilerplate, followed by short lines only (at most TAIL_LINES
** in all); or the earliest line from which every line is a "Tags:" line or
** known boilerplate.
*/
static size_t find_tail(const doc *d, const block *ring, size_t nblocks, size_t min_index) {
  size_t tail = d->n, strong = d->n, i, lines = 0;
  int strong_run = 1, short_after = 1;
  for (i = nblocks; i-- > min_index && i + TAIL_BLOCKS >= nblocks;) {
    const block *b = &ring[i % TAIL_BLOCKS];
    bs_span head = first_line(d->t, b->span);
    if (strong_run) {
      size_t from = accept_lines_backwards(d, b, is_strong_tail);
      if (from < b->span.end) strong = from;
      strong_run = from == b->span.start;
    }
    lines += b->lines;
    if (!short_after || lines > TAIL_LINES || !rest_is_short(d->t, b)) {
      if (!strong_run) break;
      continue;
    }
    if (b->gap >= 2 && (is_strong_tail(d, head) || is_tag_shaped(d->t, head))) tail = b->span.start;
    short_after = head.end - head.start <= FOOTER_LINE;
  }
  return strong < tail ? strong : tail;
}

/* Picks the tag line: a "Tags:" line, or else the tail's first line unless it is boilerplate. */
static void find_tags(const doc *d, bs_layout *out) {
  size_t p;
  int first = 1;
  for (p = out->tail.start; p < d->n; p = next_line(d->t, d->n, p)) {
    bs_span line, rest;
    line.start = p;
    line.end = line_end(d->t, d->n, p);
    line = trim(d->t, line);
    if (line.start == line.end) continue;
    rest = tags_after_prefix(d->t, line);
    if (rest.end == rest.start && first && !is_known_footer(d, line) && is_tag_shaped(d->t, line))
      rest = line;
    first = 0;
    if (rest.end > rest.start) {
      out->tag_line = line;
      out->tags = rest;
      out->tags_listed = memchr(d->t + rest.start, ',', rest.end - rest.start) != NULL ||
                         memchr(d->t + rest.start, ';', rest.end - rest.start) != NULL;
      return;
    }
  }
}

/* ---- the head: masthead, headline, date, byline, caption ---- */

static int is_one_line_date(const doc *d, const block *b) {
  char iso[BS_DATE_MAX];
  return b->lines == 1 && is_date(d->t, b->span, iso);
}

/* A one-line byline whose names look like names: a headline may start
   with "By" ("By Intel's count, chip sales fell"), a byline's names do not
   run on in lower case. */
static int is_one_line_byline(const doc *d, const block *b) {
  size_t name;
  bs_span names;
  if (b->lines != 1 || !byline_start(d->t, b->span, &name)) return 0;
  names.start = name;
  names.end = b->span.end;
  return is_names(d->t, names, 1);
}

/*
** The first block is a masthead when the caller names it, or when it is a
** short line followed by a one-line headline and then the date, perhaps
** behind a byline. "Headline / By Jane Doe / date" is no masthead: a byline
** is never a headline.
*/
static int is_site(const doc *d, const block *h, size_t nh) {
  const bs_str *site = d->opts ? &d->opts->site : NULL;
  size_t len = h[0].span.end - h[0].span.start;
  if (nh < 3 || h[0].lines != 1) return 0;
  if (site && site->n == len && memcmp(site->s, d->t + h[0].span.start, len) == 0) return 1;
  if (len > SHORT_LINE || ends_sentence(d->t, h[0].span) || h[1].lines != 1 ||
      is_one_line_byline(d, &h[1]) || is_one_line_date(d, &h[1]))
    return 0;
  return is_one_line_date(d, &h[2]) ||
         (nh >= 4 && is_one_line_byline(d, &h[2]) && is_one_line_date(d, &h[3]));
}

/* The headline block; a date on its own last line is split off into the date. */
static void take_title(const doc *d, const block *b, bs_layout *out) {
  bs_span last;
  out->title = b->span;
  if (b->lines < 2) return;
  last.start = last.end = b->span.end;
  while (d->t[last.start - 1] != '\n') last.start--;
  if (!is_date(d->t, trim(d->t, last), out->date)) return;
  out->date_text = trim(d->t, last);
  out->title.end = last.start - 1;
  out->title = trim(d->t, out->title);
}

static int take_extra(const doc *d, const block *b, bs_layout *out) {
  size_t name;
  if (b->lines != 1) return 0;
  if (!out->date[0] && is_date(d->t, b->span, out->date)) {
    out->date_text = b->span;
    return 1;
  }
  if (out->byline.end == out->byline.start && out->caption.end == out->caption.start) {
    if (byline_start(d->t, b->span, &name)) {
      out->byline.start = name;
      out->byline.end = b->span.end;
      return 1;
    }
    if ((out->date[0] || out->site.end > out->site.start) && is_caption(d->t, b->span)) {
      out->caption = b->span;
      return 1;
    }
  }
  return 0;
}

/* Returns the index of the first block after the head. */
static size_t parse_head(const doc *d, const block *h, size_t nh, bs_layout *out) {
  size_t i = 0, first_extra;
  if (is_site(d, h, nh)) out->site = h[i++].span;
  take_title(d, &h[i++], out);
  first_extra = i;
  while (i < nh && i < first_extra + HEAD_EXTRAS && take_extra(d, &h[i], out)) i++;
  return i;
}

/* Does s occur in t[0..n)? */
static int occurs(const char *t, size_t n, const bs_str *s) {
  const char *p = t, *end = t + n;
  if (s->n == 0) return 0;
  while ((size_t)(end - p) >= s->n && (p = memchr(p, s->s[0], (size_t)(end - p) - s->n + 1)) != NULL) {
    if (memcmp(p, s->s, s->n) == 0) return 1;
    p++;
  }
  return 0;
}

/*
** The opts are only ever compared with whole lines of the text: the site
** with the first block (and only when the rules did not take it for the
** masthead already), a footer with tail lines (and only when the rules'
** own phrases do not know it already). Neither standing in the text, or
** neither deciding, the reading is the same.
*/
int bs_layout_opts_matter(const char *t, size_t n, const bs_layout_opts *opts, int site_taken) {
  size_t i;
  if (!site_taken && occurs(t, n, &opts->site)) return 1;
  for (i = 0; i < opts->nfooters; i++) {
    const bs_str *footer = &opts->footers[i];
    doc line;
    bs_span whole;
    line.t = footer->s;
    line.n = footer->n;
    line.opts = NULL;
    whole.start = 0;
    whole.end = footer->n;
    if (occurs(t, n, footer) && !is_known_footer(&line, whole)) return 1;
  }
  return 0;
}

void bs_layout_parse(const char *t, size_t n, const bs_layout_opts *opts, bs_layout *out) {
  block head[HEAD_BLOCKS], ring[TAIL_BLOCKS], b;
  size_t pos = 0, nblocks = 0, body_index;
  doc d;
  d.t = t;
  d.n = n;
  d.opts = opts;
  memset(out, 0, sizeof *out);
  while (read_block(t, n, &pos, &b)) {
    b.index = nblocks;
    if (nblocks < HEAD_BLOCKS) head[nblocks] = b;
    ring[nblocks % TAIL_BLOCKS] = b;
    nblocks++;
  }
  if (nblocks == 0) {
    out->warnings = BS_WARN_EMPTY;
    return;
  }
  body_index = parse_head(&d, head, nblocks < HEAD_BLOCKS ? nblocks : HEAD_BLOCKS, out);
  out->tail.start = out->tail.end = n;
  if (body_index < nblocks) {
    out->tail.start = find_tail(&d, ring, nblocks, body_index);
    find_tags(&d, out);
  }
  out->body.start = body_index < nblocks ? head[body_index].span.start : n;
  out->body.end = out->tail.start > out->body.start ? out->tail.start : out->body.start;
  if (out->title.end == out->title.start) out->warnings |= BS_WARN_NOTITLE;
  else if (is_blank(t, out->body.start, out->body.end))
    out->warnings |= BS_WARN_NOBODY;
}

/* ---- line shapes page.c shares ---- */

bs_span bs_trim(const char *t, bs_span s) {
  return trim(t, s);
}

int bs_ends_sentence(const char *t, bs_span s) {
  return ends_sentence(t, s);
}

int bs_ends_question(const char *t, bs_span s) {
  return ends_question(t, s);
}

int bs_is_names(const char *t, bs_span s) {
  return is_names(t, s, 1);
}

/* ---- labels, lines and ids for the binding ---- */

static int is_label_separator(const char *t, size_t p, size_t end, int listed) {
  if (listed) return t[p] == ',' || t[p] == ';';
  return bs_space_len(t + p, t + end) > 0;
}

int bs_next_label(const char *t, bs_span tags, int listed, size_t *pos, bs_span *label) {
  size_t p = *pos;
  while (p < tags.end) {
    bs_span s;
    s.start = p;
    while (p < tags.end && !is_label_separator(t, p, tags.end, listed)) p++;
    s.end = p;
    if (p < tags.end) p += listed ? 1 : bs_space_len(t + p, t + tags.end);
    s = trim(t, s);
    if (s.end > s.start) {
      *label = s;
      *pos = p;
      return 1;
    }
  }
  *pos = p;
  return 0;
}

size_t bs_join_lines(const char *t, bs_span span, bs_span skip, char *dst) {
  size_t p, len = 0;
  for (p = span.start; p < span.end; p = next_line(t, span.end, p)) {
    bs_span line;
    line.start = p;
    line.end = line_end(t, span.end, p);
    if (line.start < skip.end && line.end > skip.start) continue;
    line = trim(t, line);
    if (line.end == line.start) continue;
    if (len) dst[len++] = '\n';
    len += bs_squeeze(t + line.start, line.end - line.start, dst + len, NULL);
  }
  return len;
}

/* One step of the id hash: xor in 64 bits, multiply by the golden ratio, fold. */
static uint64_t id_mix(uint64_t h, uint64_t v) {
  h = (h ^ v) * UINT64_C(0x9E3779B97F4A7C15);
  return h ^ (h >> 32);
}

/* Eight bytes as a little-endian number, so that ids are the same on every machine. */
static uint64_t load_le64(const unsigned char *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
#else
  uint64_t v = 0;
  int i;
  for (i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
#endif
}

uint64_t bs_id_add(uint64_t h, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  uint64_t last = 0;
  size_t i;
  for (i = 0; i + 8 <= n; i += 8) h = id_mix(h, load_le64(u + i));
  for (; i < n; i++) last = (last << 8) | u[i];
  /* The length ends each field, so that moving bytes between fields changes the id. */
  return id_mix(id_mix(h, last), (uint64_t)n);
}

void bs_id_format(uint64_t h, char out[BS_ID_LEN + 1]) {
  static const char hex[] = "0123456789abcdef";
  int i;
  for (i = BS_ID_LEN - 1; i >= 0; i--, h >>= 4) out[i] = hex[h & 0xF];
  out[BS_ID_LEN] = '\0';
}
