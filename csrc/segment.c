/*
** segment.c: the reading of a tag line (see segment.h). A known phrase
** beats its words taken apart, its frequency chooses between readings that
** cover the words alike, and unknown words are joined only where a cue says
** so. The scores of one tag, whose sum over the tags the best reading has:
**
**   a known tag of k words      k * k + FREQUENCY_WEIGHT * log(1 + count)
**   a word alone                1 + FREQUENCY_WEIGHT * log(1 + count) when
**                               known, UNKNOWN_WORD when not, and
**                               STOP_WORD_ALONE for a stop word
**   unknown words joined        UNKNOWN_WORD each, and for each join
**                               JOIN_AT_STOP_WORD beside a stop word,
**                               JOIN_OUT_OF_ORDER across two words out of
**                               order (in-order readings only), JOIN_IN_ORDER
**                               otherwise; STOP_WORD_FIRST when a joining
**                               word opens it, STOP_WORD_LAST when a stop
**                               word ends it. At most LONGEST_UNKNOWN words,
**                               and only beside a stop word unless in order.
**
** Without order, words are joined only where one opens a known tag or a
** stop word stands among them. In order, each tag's key must not sort
** before the key of the tag before it.
**
** best[b][a] is the best score of words 0..b whose last tag is a..b, and
** from[b][a] where the tag before it starts; top[b] is the best of those.
** Longer tags are tried first and only a better score replaces a reading,
** so ties go the same way on every run.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "segment.h"

#define FREQUENCY_WEIGHT 0.1
#define UNKNOWN_WORD (-1.0)
#define STOP_WORD_ALONE (-100.0)
#define JOIN_AT_STOP_WORD (-0.25)
#define JOIN_OUT_OF_ORDER (-0.5)
#define JOIN_IN_ORDER (-3.0)
#define STOP_WORD_FIRST (-1.0)
#define STOP_WORD_LAST (-3.0)
#define LONGEST_UNKNOWN 4
#define NO_TAG SIZE_MAX

/* The memory of one reading, carved out of the caller's work. */
typedef struct reading {
  double *best, *top;
  size_t *from, *top_start, *stops; /* stops[i]: stop words among words 0..i-1 */
  unsigned char *has_best, *has_top;
} reading;

size_t bs_seg_work_size(size_t n, size_t span) {
  size_t cells, per_cell = sizeof(double) + sizeof(size_t) + 1, per_word = sizeof(double) + 2 * sizeof(size_t) + 1;
  if (span != 0 && n > SIZE_MAX / span) return 0;
  cells = n * span;
  if (cells > (SIZE_MAX - sizeof(size_t)) / per_cell - n) return 0;
  if (n > (SIZE_MAX - sizeof(size_t) - cells * per_cell) / per_word) return 0;
  return cells * per_cell + n * per_word + sizeof(size_t);
}

static reading carve(void *work, size_t n, size_t span) {
  reading r;
  size_t cells = n * span;
  r.best = work;
  r.top = r.best + cells;
  r.from = (size_t *)(r.top + n);
  r.top_start = r.from + cells;
  r.stops = r.top_start + n;
  r.has_best = (unsigned char *)(r.stops + n + 1);
  r.has_top = r.has_best + cells;
  memset(r.has_best, 0, cells + n);
  return r;
}

static size_t cell(const bs_seg_line *line, size_t a, size_t b) {
  return b * line->span + (b - a);
}

static int stop_among(const reading *r, size_t a, size_t b) {
  return r->stops[b + 1] > r->stops[a];
}

int bs_seg_sorts_after(const bs_seg_word *x, const bs_seg_word *y) {
  size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
  int c = n ? memcmp(x->key, y->key, n) : 0;
  return c > 0 || (c == 0 && x->key_len > y->key_len);
}

/* A place in the key of a run of words: the word, and the byte in its key
   (at key_len: the space before the next word). */
typedef struct cursor {
  size_t word, at, last;
} cursor;

/* The next byte of the run's key, or -1 at its end. */
static int next_byte(const bs_seg_word *w, cursor *c) {
  if (c->at < w[c->word].key_len) return (unsigned char)w[c->word].key[c->at++];
  if (c->word == c->last) return -1;
  c->word++;
  c->at = 0;
  return ' ';
}

/* Does the key of words x0..x1 sort after the key of words y0..y1? */
static int run_after(const bs_seg_word *w, size_t x0, size_t x1, size_t y0, size_t y1) {
  cursor x = {x0, 0, x1}, y = {y0, 0, y1};
  for (;;) {
    int bx = next_byte(w, &x), by = next_byte(w, &y);
    if (bx != by) return bx > by;
    if (bx < 0) return 0;
  }
}

/* The score of words a..b as one tag into *score, or 0 when they cannot be one. */
static int tag_score(const bs_seg_line *line, const reading *r, size_t a, size_t b, int in_order, double *score) {
  const bs_seg_word *w = line->words;
  const bs_seg_known *k = &line->known[a * line->span + (b - a)];
  size_t words = b - a + 1, i;
  double s;
  if (a == b) {
    if (w[a].stop) *score = STOP_WORD_ALONE;
    else *score = k->known ? 1 + FREQUENCY_WEIGHT * log(1 + k->count) : UNKNOWN_WORD;
    return 1;
  }
  if (k->known) {
    *score = (double)(words * words) + FREQUENCY_WEIGHT * log(1 + k->count);
    return 1;
  }
  if (words > LONGEST_UNKNOWN || !(in_order || stop_among(r, a, b))) return 0;
  s = UNKNOWN_WORD * (double)words;
  for (i = a; i < b; i++) {
    if (w[i].stop || w[i + 1].stop) s += JOIN_AT_STOP_WORD;
    else if (in_order && bs_seg_sorts_after(&w[i], &w[i + 1])) s += JOIN_OUT_OF_ORDER;
    else s += JOIN_IN_ORDER;
  }
  if (w[a].stop == BS_SEG_JOINING) s += STOP_WORD_FIRST;
  if (w[b].stop) s += STOP_WORD_LAST;
  *score = s;
  return 1;
}

/* The best total of words 0..b ending with the tag a..b of this score, and
   where the tag before it starts, in order of keys. */
static int best_in_order(const bs_seg_line *line, const reading *r, size_t a, size_t b, double score,
                         double *total, size_t *before) {
  size_t start = a > line->span ? a - line->span : 0;
  int found = 0;
  for (; start < a; start++) {
    size_t c = cell(line, start, a - 1);
    if (r->has_best[c] && (!found || r->best[c] + score > *total) && !run_after(line->words, start, a - 1, a, b)) {
      *total = r->best[c] + score;
      *before = start;
      found = 1;
    }
  }
  return found;
}

size_t bs_seg_read(const bs_seg_line *line, int in_order, void *work, size_t *starts, double *score) {
  size_t n = line->n, span = line->span, a, b, count, last, i;
  reading r;
  if (n == 0 || span == 0) return 0;
  r = carve(work, n, span);
  r.stops[0] = 0;
  for (i = 0; i < n; i++) r.stops[i + 1] = r.stops[i] + (line->words[i].stop != BS_SEG_NO_STOP);
  for (b = 0; b < n; b++) {
    for (a = b + 1 > span ? b + 1 - span : 0; a <= b; a++) {
      double s, total = 0;
      size_t before = NO_TAG;
      int scored = (in_order || a == b || line->words[a].opening || stop_among(&r, a, b)) &&
                   tag_score(line, &r, a, b, in_order, &s), reached = 0;
      if (!scored) continue;
      if (a == 0) {
        total = s;
        reached = 1;
      } else if (!in_order) {
        if (r.has_top[a - 1]) {
          total = r.top[a - 1] + s;
          before = r.top_start[a - 1];
          reached = 1;
        }
      } else {
        reached = best_in_order(line, &r, a, b, s, &total, &before);
      }
      if (!reached) continue;
      r.best[cell(line, a, b)] = total;
      r.from[cell(line, a, b)] = before;
      r.has_best[cell(line, a, b)] = 1;
      if (!r.has_top[b] || total > r.top[b]) {
        r.top[b] = total;
        r.top_start[b] = a;
        r.has_top[b] = 1;
      }
    }
  }
  if (!r.has_top[n - 1]) return 0;
  *score = r.top[n - 1];
  /* back from the end: count the tags, then write their starts in order */
  count = 0;
  for (b = n - 1, last = r.top_start[b];; count++) {
    size_t before = r.from[cell(line, last, b)];
    starts[n - 1 - count] = last;
    if (before == NO_TAG) break;
    b = last - 1;
    last = before;
  }
  count++;
  memmove(starts, starts + n - count, count * sizeof *starts);
  return count;
}
