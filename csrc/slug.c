/*
** slug.c: the slug of a tag label (see slug.h and SPEC.md section 3).
**
** Two paths. Plain ASCII labels, the vast majority, are lower-cased byte by
** byte. Anything else goes through utf8proc into the caller's workspace:
**
**   1. decode with utf8proc_iterate, each invalid byte read as U+FFFD, and
**      decompose every code point (NFKD + case fold + default ignorables
**      removed) straight into the workspace as int32 code points;
**   2. put each run of combining marks into canonical order;
**   3. drop the marks that sit on a Latin or Greek letter;
**   4. recompose (NFKC, so Hangul and kept marks come back composed);
**   5. re-encode letters, digits and surviving marks as UTF-8 into the start
**      of the same workspace, any run of other characters becoming one '-'.
**
** An empty result becomes "tag-" and the FNV-1a hash of the label's bytes.
** No allocation and no state outside the arguments, so a Lua error raised
** by the caller can never leak anything from here.
*/
#include "slug.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

typedef utf8proc_int32_t cp_t;

/* Room for the "tag-xxxxxxxx" fallback, rounded up. */
#define MIN_WORKSPACE 16

/* The decomposition buffer is placed at the first int32-aligned byte of the
   workspace, so callers may hand over any char buffer; this is the slack. */
#define ALIGN_SLACK (sizeof(cp_t) - 1)

/* Largest decomposition we accept: its byte size plus slack must fit size_t,
   and its length must fit utf8proc's signed (ptrdiff_t) lengths. */
#define MAX_CODEPOINTS ((size_t)PTRDIFF_MAX / sizeof(cp_t))

/* NFKC_Casefold as utf8proc_NFKC_Casefold defines it, minus the recomposing
   (done later, after the marks have been stripped). UTF8PROC_IGNORE removes
   invisible characters (soft hyphen, ZWJ/ZWNJ, variation selectors, the
   Hangul filler) that would otherwise split words or pass for letters. */
#define DECOMPOSE_OPTIONS \
  (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE)

/* What an invalid byte reads as: a symbol, so it separates words. */
#define INVALID_BYTE 0xFFFD

/* UAX #15's Stream-Safe Text Format bounds a run of marks at 30; longer runs
   are ordered in windows of this size (see reorder_marks for why). */
#define MAX_MARK_RUN 30

/* ------------------------------------------------------------------------ */
/* Output: words joined by single dashes, no leading or trailing dash.      */

typedef struct {
  unsigned char *out;
  size_t len;
  int gap;  /* a separator was seen since the last word character */
} writer;

static void put_gap(writer *w) {
  w->gap = 1;
}

static void put_char(writer *w, cp_t c) {
  /* The dash is written lazily, so separators at either end never appear. */
  if (w->gap && w->len > 0) w->out[w->len++] = '-';
  w->gap = 0;
  w->len += (size_t)utf8proc_encode_char(c, w->out + w->len);
}

/* ------------------------------------------------------------------------ */
/* ASCII fast path                                                          */

static int is_ascii(const unsigned char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] >= 0x80) return 0;
  return 1;
}

static size_t ascii_slug(const unsigned char *s, size_t n, unsigned char *out) {
  writer w = {out, 0, 0};
  size_t i;
  for (i = 0; i < n; i++) {
    int c = s[i];
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) put_char(&w, c);
    else put_gap(&w);
  }
  return w.len;
}

/* ------------------------------------------------------------------------ */
/* Unicode path, step 1: decode and decompose                               */

/*
** Decomposes s[0..n) into dst[0..cap) and returns the number of code points,
** or just counts them when dst is NULL. Returns SIZE_MAX when they do not fit
** in cap or exceed MAX_CODEPOINTS. utf8proc_decompose would stop at the first
** invalid byte, hence the loop over code points.
*/
static size_t decompose(const unsigned char *s, size_t n, cp_t *dst, size_t cap) {
  size_t i = 0, count = 0;
  int boundclass = 0;  /* unused without UTF8PROC_CHARBOUND, but must exist */
  while (i < n) {
    cp_t c;
    /* At most 4 bytes are asked for, so huge n never meets a signed length. */
    utf8proc_ssize_t len = utf8proc_iterate(s + i, n - i < 4 ? (utf8proc_ssize_t)(n - i) : 4, &c);
    size_t room = dst ? cap - count : 0;
    utf8proc_ssize_t k;
    if (len < 0) { c = INVALID_BYTE; len = 1; }
    k = utf8proc_decompose_char(c, dst ? dst + count : NULL, (utf8proc_ssize_t)room,
                                DECOMPOSE_OPTIONS, &boundclass);
    if (k < 0) return SIZE_MAX;  /* cannot happen for a valid code point */
    if ((dst && (size_t)k > room) || (size_t)k > MAX_CODEPOINTS - count) return SIZE_MAX;
    count += (size_t)k;
    i += (size_t)len;
  }
  return count;
}

/* ------------------------------------------------------------------------ */
/* Step 2: canonical ordering of marks                                      */

static int combining_class(cp_t c) {
  return utf8proc_get_property(c)->combining_class;
}

/* Stable insertion sort by combining class; runs are at most MAX_MARK_RUN. */
static void sort_marks(cp_t *cp, size_t n) {
  size_t i, j;
  for (i = 1; i < n; i++) {
    cp_t c = cp[i];
    int cc = combining_class(c);
    for (j = i; j > 0 && combining_class(cp[j - 1]) > cc; j--) cp[j] = cp[j - 1];
    cp[j] = c;
  }
}

/*
** utf8proc_decompose would do this ordering itself, but with a swap sort that
** is quadratic in the length of a run of marks: a 1 MB label of alternating
** U+0301 U+0316 keeps it busy for minutes. Real text has a handful of marks
** per letter, so sorting windows of MAX_MARK_RUN (as if a CGJ were inserted,
** per UAX #15) changes nothing for it and bounds the work for hostile input.
*/
static void reorder_marks(cp_t *cp, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t start = i;
    if (combining_class(cp[i]) == 0) { i++; continue; }
    while (i < n && i - start < MAX_MARK_RUN && combining_class(cp[i]) != 0) i++;
    sort_marks(cp + start, i - start);
  }
}

/* ------------------------------------------------------------------------ */
/* Step 3: strip marks from Latin and Greek letters                        */

static int is_letter(int cat) {
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static int is_mark(int cat) {
  return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

static int is_number(int cat) {
  return cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
}

/*
** Whether a decomposed letter is Latin or Greek. utf8proc has no Script
** property, but Unicode allocates Basic Latin through Greek below U+0400, and
** Phonetic Extensions through Greek Extended at U+1D00..U+1FFF; after
** compatibility decomposition and case folding nearly every accented letter
** of the two scripts lies there. Cyrillic is left out on purpose: its breve
** and diaeresis make letters of their own (й is not и, ё is not е).
*/
static int is_latin_greek_letter(cp_t c) {
  return c < 0x0400 || (c >= 0x1D00 && c < 0x2000);
}

/*
** A mark on a Latin or Greek letter is an accent to drop (Café,
** İstanbul); on a letter of another script it is part of the letter (the
** vowel signs and virama of Devanagari) and stays. A mark with no letter
** under it (after a digit, a space, or at the start) is dropped too, so a
** label of only marks has no word characters.
*/
static size_t strip_marks(cp_t *cp, size_t n) {
  size_t r, w = 0;
  int keep_marks = 0;
  for (r = 0; r < n; r++) {
    cp_t c = cp[r];
    int cat = utf8proc_category(c);
    if (is_mark(cat)) {
      if (!keep_marks) continue;
    } else {
      keep_marks = is_letter(cat) && !is_latin_greek_letter(c);
    }
    cp[w++] = c;
  }
  return w;
}

/* ------------------------------------------------------------------------ */
/* Step 5: re-encode                                                        */

/*
** Writes the slug over the workspace's first bytes while reading code points
** from further on. It never overtakes the read position: a code point takes
** at most its own 4 bytes in UTF-8, and a run of separators at least one code
** point yields one dash; each code point is read before its bytes are
** written. This is how utf8proc_reencode works in place as well.
*/
static size_t encode_slug(const cp_t *cp, size_t n, unsigned char *out) {
  writer w = {out, 0, 0};
  size_t i;
  for (i = 0; i < n; i++) {
    cp_t c = cp[i];
    int cat = utf8proc_category(c);
    /* Marks still here belong to a letter kept in step 3. */
    if (is_letter(cat) || is_number(cat) || is_mark(cat)) put_char(&w, c);
    else put_gap(&w);
  }
  return w.len;
}

/* Bytes from work to its first int32-aligned byte. */
static size_t align_offset(const void *work) {
  uintptr_t misalign = (uintptr_t)work % sizeof(cp_t);
  return misalign ? sizeof(cp_t) - (size_t)misalign : 0;
}

/* Steps 1 to 5; SIZE_MAX when the workspace is too small. */
static size_t unicode_slug(const unsigned char *s, size_t n, unsigned char *work, size_t worksize) {
  size_t off = align_offset(work);
  cp_t *cp = (cp_t *)(void *)(work + off);
  size_t count = decompose(s, n, cp, (worksize - off) / sizeof(cp_t));
  utf8proc_ssize_t composed;
  if (count == SIZE_MAX) return SIZE_MAX;
  reorder_marks(cp, count);
  count = strip_marks(cp, count);
  /* Only shortens the buffer; with COMPOSE alone it cannot fail. */
  composed = utf8proc_normalize_utf32(cp, (utf8proc_ssize_t)count, UTF8PROC_COMPOSE);
  if (composed < 0) return SIZE_MAX;
  return encode_slug(cp, (size_t)composed, work);
}

/* ------------------------------------------------------------------------ */
/* Fallback for labels with no letters or digits                            */

/* FNV-1a, 32 bits: tiny, and stable across platforms and releases. */
static uint32_t fnv1a(const unsigned char *s, size_t n) {
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= s[i];
    h = (uint32_t)(h * 16777619u);
  }
  return h;
}

static size_t fallback_slug(const unsigned char *s, size_t n, unsigned char *out) {
  static const char hex[] = "0123456789abcdef";
  uint32_t h = fnv1a(s, n);
  int i;
  memcpy(out, "tag-", 4);
  for (i = 0; i < 8; i++) out[4 + i] = (unsigned char)hex[(h >> (28 - 4 * i)) & 0xF];
  return 12;
}

/* ------------------------------------------------------------------------ */

size_t bs_slug_workspace(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t count, bytes;
  if (is_ascii(u, n)) return n > MIN_WORKSPACE ? n : MIN_WORKSPACE;
  count = decompose(u, n, NULL, 0);
  if (count == SIZE_MAX) return 0;
  /* The UTF-8 output is never longer than the code points it comes from. */
  bytes = count * sizeof(cp_t) + ALIGN_SLACK;
  return bytes > MIN_WORKSPACE ? bytes : MIN_WORKSPACE;
}

/* Returns 0, an impossible slug, only when work is NULL or too small. */
size_t bs_slug(const char *s, size_t n, void *work, size_t worksize) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned char *out = work;
  size_t len;
  if (!out || worksize < MIN_WORKSPACE) return 0;
  if (is_ascii(u, n)) {
    if (worksize < n) return 0;
    len = ascii_slug(u, n, out);
  } else {
    len = unicode_slug(u, n, out, worksize);
    if (len == SIZE_MAX) return 0;
  }
  return len ? len : fallback_slug(u, n, out);
}
