/*
** fuzz_segment.c: libFuzzer harness for bs_seg_read (segment.c). The input
** makes a line of up to 10 words: a span, whether to read in order, then for
** each word its stop kind, whether it opens a known tag and a short sort key
** (spaces and bytes past ASCII among its letters), then what is known of
** each run of words.
**
** Checked against every reading tried one by one, scored by a plain
** scorer written here from the rules in segment.c's header: a reading is
** returned exactly when one exists, it covers the words in order with tags
** of at most span words that the rules allow (in key order when asked), it
** scores what the plain scorer says, and no other reading scores more.
** The work memory is exactly bs_seg_work_size bytes.
*/
#include <math.h>

#include "fuzz.h"

#include "segment.h"

#define MAX_WORDS 10

typedef struct input {
  const uint8_t *data;
  size_t size, at;
} input;

static unsigned take(input *in) {
  return in->at < in->size ? in->data[in->at++] : 0;
}

/* The key of words a..b joined by spaces, malloc'd; its length in *len. */
static char *joined(const bs_seg_word *w, size_t a, size_t b, size_t *len) {
  size_t i, n = 0;
  char *s;
  for (i = a; i <= b; i++) n += w[i].key_len + (i < b);
  s = malloc(n ? n : 1);
  FUZZ_CHECK(s != NULL, "out of memory");
  *len = 0;
  for (i = a; i <= b; i++) {
    memcpy(s + *len, w[i].key, w[i].key_len);
    *len += w[i].key_len;
    if (i < b) s[(*len)++] = ' ';
  }
  return s;
}

/* Does the key of x0..x1 sort after the key of y0..y1, compared as strings? */
static int plain_after(const bs_seg_word *w, size_t x0, size_t x1, size_t y0, size_t y1) {
  size_t xn, yn;
  char *x = joined(w, x0, x1, &xn), *y = joined(w, y0, y1, &yn);
  int c = memcmp(x, y, xn < yn ? xn : yn), after = c > 0 || (c == 0 && xn > yn);
  free(x);
  free(y);
  return after;
}

/* The score of words a..b as one tag, or 0 when the rules do not allow it. */
static int plain_score(const bs_seg_line *line, size_t a, size_t b, int in_order, double *score) {
  const bs_seg_word *w = line->words;
  const bs_seg_known *k = &line->known[a * line->span + (b - a)];
  size_t i, words = b - a + 1;
  int stop_inside = 0;
  for (i = a; i <= b; i++) stop_inside |= w[i].stop != BS_SEG_NO_STOP;
  if (!(in_order || a == b || w[a].opening || stop_inside)) return 0;
  if (a == b) {
    *score = w[a].stop ? -100.0 : k->known ? 1 + 0.1 * log(1 + k->count) : -1.0;
    return 1;
  }
  if (k->known) {
    *score = (double)(words * words) + 0.1 * log(1 + k->count);
    return 1;
  }
  if (words > 4 || !(in_order || stop_inside)) return 0;
  *score = -1.0 * (double)words;
  for (i = a; i < b; i++) {
    if (w[i].stop || w[i + 1].stop) *score += -0.25;
    else if (in_order && plain_after(w, i, i, i + 1, i + 1)) *score += -0.5;
    else *score += -3.0;
  }
  if (w[a].stop == BS_SEG_JOINING) *score += -1.0;
  if (w[b].stop) *score += -3.0;
  return 1;
}

/* The score of the reading whose tags start at starts[0..count), or 0 when
   the rules do not allow it. */
static int plain_reading(const bs_seg_line *line, int in_order, const size_t *starts, size_t count, double *total) {
  size_t t;
  *total = 0;
  for (t = 0; t < count; t++) {
    size_t a = starts[t], b = (t + 1 < count ? starts[t + 1] : line->n) - 1;
    double s;
    if (b < a || b - a >= line->span || !plain_score(line, a, b, in_order, &s)) return 0;
    if (in_order && t > 0 && plain_after(line->words, starts[t - 1], a - 1, a, b)) return 0;
    *total = t == 0 ? s : *total + s;
  }
  return count > 0 && starts[0] == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char letters[] = {'a', 'b', ' ', '\xC3'};
  input in = {data, size, 0};
  bs_seg_word words[MAX_WORDS];
  char keys[MAX_WORDS][3];
  bs_seg_known *known;
  bs_seg_line line;
  size_t n = 1 + take(&in) % MAX_WORDS, span = 1 + take(&in) % 5, i, j, count, starts[MAX_WORDS];
  size_t work_size = bs_seg_work_size(n, span), mask, found_best = 0;
  int in_order = take(&in) & 1;
  double score = 0, best = 0;
  void *work;
  for (i = 0; i < n; i++) {
    unsigned b = take(&in);
    words[i].stop = (unsigned char)((b & 3) % 3);
    words[i].opening = (unsigned char)((b >> 2) & 1);
    words[i].key_len = (b >> 3) % 4;
    for (j = 0; j < words[i].key_len; j++) keys[i][j] = letters[take(&in) % 4];
    words[i].key = keys[i];
  }
  known = malloc(n * span * sizeof *known);
  work = malloc(work_size);
  FUZZ_CHECK(known && work && work_size > 0, "out of memory");
  for (i = 0; i < n * span; i++) {
    unsigned b = take(&in);
    known[i].known = b & 1;
    known[i].count = (double)(b >> 1);
  }
  line.words = words;
  line.n = n;
  line.span = span;
  line.known = known;
  count = bs_seg_read(&line, in_order, work, starts, &score);
  /* every reading: bit i of mask set when a tag starts at word i + 1 */
  for (mask = 0; mask < ((size_t)1 << (n - 1)); mask++) {
    size_t tried[MAX_WORDS], tags = 0;
    double total;
    tried[tags++] = 0;
    for (i = 1; i < n; i++)
      if (mask & ((size_t)1 << (i - 1))) tried[tags++] = i;
    if (plain_reading(&line, in_order, tried, tags, &total) && (!found_best || total > best)) {
      best = total;
      found_best = 1;
    }
  }
  FUZZ_CHECK((count > 0) == (found_best != 0), "a reading is returned exactly when one exists");
  if (count > 0) {
    double total;
    FUZZ_CHECK(count <= n, "more tags than words");
    FUZZ_CHECK(plain_reading(&line, in_order, starts, count, &total), "the reading breaks the rules");
    FUZZ_CHECK(total == score, "the reading does not score what it says");
    FUZZ_CHECK(score == best, "another reading scores more");
  }
  free(work);
  free(known);
  return 0;
}
