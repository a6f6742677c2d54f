/*
** words.c: the words of a text, for search, and phrases looked for in them
** as they are folded (see words.h).
*/
#include "words.h"

#include <string.h>
#include <utf8proc.h>

#include "fold.h"

/* ---- folding to words ---- */

/* Output gathered before it is handed to the caller's emit, a run at a time. */
typedef struct word_sink {
  char buf[512];
  size_t len;
  int gap;         /* a separator since the last word character */
  int started;     /* a word character was written */
  int stopped;     /* emit asked for no more */
  int (*emit)(void *ud, const char *bytes, size_t n);
  void *ud;
} word_sink;

static void flush_words(word_sink *w) {
  if (w->len && !w->stopped) w->stopped = w->emit(w->ud, w->buf, w->len);
  w->len = 0;
}

static void put_word_char(word_sink *w, bs_cp c) {
  if (w->len + 5 > sizeof w->buf) flush_words(w);
  if (w->gap && w->started) w->buf[w->len++] = ' ';
  w->gap = 0;
  w->started = 1;
  if (c < 0x80) w->buf[w->len++] = (char)c;
  else w->len += (size_t)utf8proc_encode_char(c, (unsigned char *)w->buf + w->len);
}

/* Copies the ASCII at s[0..n) folded (letters lowered, other bytes
   separating words) up to the first non-ASCII byte; returns the bytes read.
   Arithmetic in place of branches where the bytes decide (word boundaries
   come too irregularly for a branch predictor), and the sink's fields in
   locals: every byte stored could otherwise alias them. */
static size_t put_ascii_run(word_sink *w, const unsigned char *s, size_t n) {
  size_t i, len = w->len;
  unsigned gap = w->gap != 0, started = w->started != 0;
  char *buf = w->buf;
  for (i = 0; i < n && s[i] < 0x80; i++) {
    unsigned c = s[i], lower = c | (unsigned)(c - 'A' < 26u) << 5;
    unsigned word = (lower - 'a' < 26u) | (c - '0' < 10u);
    if (len + 2 > sizeof w->buf) {
      w->len = len;
      flush_words(w);
      len = 0;
      if (w->stopped) break;
    }
    buf[len] = ' ';
    len += word & gap & started;
    buf[len] = (char)lower;
    len += word;
    gap = !word;
    started |= word;
  }
  w->len = len;
  w->gap = (int)gap;
  w->started = (int)started;
  return i;
}

/*
** ASCII runs are folded inline; every other character through
** bs_fold_char, one at a time, its marks dropped: search folds both sides
** alike, so it needs no canonical order or composition, and a body with one
** accent costs no more than its characters.
*/
void bs_words(const char *s, size_t n, int (*emit)(void *ud, const char *bytes, size_t n), void *ud) {
  word_sink w;
  size_t i = 0;
  w.len = 0;
  w.gap = w.started = w.stopped = 0;
  w.emit = emit;
  w.ud = ud;
  while (i < n && !w.stopped) {
    if ((unsigned char)s[i] < 0x80) {
      i += put_ascii_run(&w, (const unsigned char *)s + i, n - i);
    } else {
      bs_cp folded[BS_FOLD_CHAR_MAX];
      size_t used, k = bs_fold_char(s + i, n - i, folded, &used), j;
      for (j = 0; j < k; j++) {
        if (bs_cp_is_mark(folded[j])) continue;
        if (bs_cp_is_word(folded[j])) put_word_char(&w, folded[j]);
        else w.gap = 1;
      }
      i += used;
    }
  }
  flush_words(&w);
}

/* ---- looking for a phrase ---- */

/*
** Knuth-Morris-Pratt over the folded words as bs_words hands them over, so
** that nothing is copied and the fold stops at the first match. The pattern
** is the needle framed by spaces (" trade war ", or " cyber" for a prefix),
** and so is the text: the match is on word boundaries.
*/
typedef struct matcher {
  const char *needle;
  size_t m;
  size_t len;      /* the framed pattern's */
  size_t *fail;    /* fail[i]: the longest proper border of the pattern's first i + 1 bytes */
  size_t matched;  /* bytes of the pattern matched so far */
  int found;
} matcher;

static unsigned char pattern_at(const matcher *mt, size_t i) {
  return i == 0 || i > mt->m ? ' ' : (unsigned char)mt->needle[i - 1];
}

static void build_failures(matcher *mt) {
  size_t i, k = 0;
  mt->fail[0] = 0;
  for (i = 1; i < mt->len; i++) {
    while (k > 0 && pattern_at(mt, i) != pattern_at(mt, k)) k = mt->fail[k - 1];
    if (pattern_at(mt, i) == pattern_at(mt, k)) k++;
    mt->fail[i] = k;
  }
}

static int feed(void *ud, const char *bytes, size_t n) {
  matcher *mt = ud;
  size_t i, q = mt->matched;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)bytes[i];
    while (q > 0 && pattern_at(mt, q) != c) q = mt->fail[q - 1];
    if (pattern_at(mt, q) == c && ++q == mt->len) {
      mt->found = 1;
      return 1;
    }
  }
  mt->matched = q;
  return 0;
}

/*
** ASCII text folds to ASCII words, each its bytes lowered, so it can hold
** the needle only if it holds the needle's first word, in any case, as
** bytes: a scan several times as fast as folding, which most paragraphs
** then skip. (A digit's test lets a few control bytes through: harmless.)
*/
static int may_hold_first_word(const char *s, size_t n, const char *needle, size_t m) {
  const char *space = memchr(needle, ' ', m);
  size_t k = space ? (size_t)(space - needle) : m, i, j;
  unsigned char first = (unsigned char)needle[0];
  if (first >= 0x80) return 0; /* a non-ASCII word is in no ASCII text */
  for (i = 0; i + k <= n; i++) {
    if (((unsigned char)s[i] | 0x20) != first) continue;
    for (j = 1; j < k && ((unsigned char)s[i + j] | 0x20) == (unsigned char)needle[j]; j++) {}
    if (j == k) return 1;
  }
  return 0;
}

size_t bs_match_table_size(size_t m) {
  return m + 2;
}

int bs_has_words(const char *s, size_t n, const char *needle, size_t m, int prefix, size_t *table) {
  matcher mt;
  if (m == 0 || (bs_is_ascii(s, n) && !may_hold_first_word(s, n, needle, m))) return 0;
  mt.needle = needle;
  mt.m = m;
  mt.len = m + (prefix ? 1 : 2);
  mt.fail = table;
  mt.matched = 0;
  mt.found = 0;
  build_failures(&mt);
  feed(&mt, " ", 1);
  bs_words(s, n, feed, &mt);
  if (!mt.found) feed(&mt, " ", 1);
  return mt.found;
}
