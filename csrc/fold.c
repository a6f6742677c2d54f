/*
** fold.c: tag labels to folded code points (see fold.h).
**
** Plain ASCII labels, the vast majority, are lower-cased byte by byte.
** Anything else goes through utf8proc:
**   1. decode with utf8proc_iterate (an invalid byte reads as U+FFFD) and
**      decompose each code point: NFKD, case fold, lump, ignorables dropped;
**      map the Latin letters that have no decomposition (ł, ø, æ, đ, ı, ...)
**      and lump the sharp sign with '#';
**   2. put each run of combining marks into canonical order;
**   3. drop the marks that sit on a Latin or Greek letter;
**   4. recompose (NFKC, so that Hangul and the marks kept come back composed).
*/
#include "fold.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* NFKC_Casefold as utf8proc_NFKC_Casefold has it, minus the recomposing (done
   after the marks are stripped), plus LUMP so that look-alike punctuation
   (curly apostrophes, non-breaking hyphens, fancy spaces) is one character. */
#define DECOMPOSE_OPTIONS \
  (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE | UTF8PROC_LUMP)

#define INVALID_BYTE 0xFFFD

/* The longest decomposition of one code point (U+FDFA gives 18), with room;
   letter_map at most doubles it (fold.h's BS_FOLD_CHAR_MAX). */
#define MAX_DECOMPOSITION 32

/* At most this many code points per input byte, letter mappings included:
   short labels are sized by this bound instead of a counting pass. */
#define MAX_PER_BYTE 8
#define BOUNDED_LABEL 256

/* UAX #15's Stream-Safe Text Format bounds a run of marks at 30. */
#define MAX_MARK_RUN 30

/* Latin letters with no decomposition, as case folding leaves them. */
static const struct { bs_cp from; char to[3]; } letter_map[] = {
  {0x00E6, "ae"}, {0x00F0, "d"}, {0x00F8, "o"}, {0x00FE, "th"}, {0x0111, "d"},
  {0x0127, "h"}, {0x0131, "i"}, {0x0142, "l"}, {0x0153, "oe"}, {0x0167, "t"},
  {0x0180, "b"}, {0x0183, "b"}, {0x01E5, "g"}, {0x0268, "i"}, {0x0288, "t"}
};

/* The music sharp sign: LUMP leaves it alone, yet "C♯" and "F♯" are how the
   languages' names are typeset, and must not fold to the letter alone. */
#define MUSIC_SHARP 0x266F

/* ---- character classes ---- */

int bs_cp_is_letter(bs_cp c) {
  int cat;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

int bs_cp_is_digit(bs_cp c) {
  int cat;
  if (c < 0x80) return c >= '0' && c <= '9';
  cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
}

/* utf8proc's categories Lu..No, one lookup. */
int bs_cp_is_word_other(bs_cp c) {
  int cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

int bs_cp_is_mark(bs_cp c) {
  int cat;
  if (c < 0x300) return 0;
  cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

/* Decodes the character at s[0..n), n >= 1, into *c and returns its bytes;
   an invalid byte reads as U+FFFD, one byte long. */
static size_t decode(const unsigned char *s, size_t n, bs_cp *c) {
  utf8proc_ssize_t len = utf8proc_iterate(s, n < 4 ? (utf8proc_ssize_t)n : 4, c);
  if (len > 0) return (size_t)len;
  *c = INVALID_BYTE;
  return 1;
}

/* U+FFFD for an invalid byte takes one column, as the byte would. */
size_t bs_display_width(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, width = 0;
  while (i < n) {
    bs_cp c;
    i += decode(u + i, n - i, &c);
    width += (size_t)utf8proc_charwidth(c);
  }
  return width;
}

/* ---- step 1: decode, decompose, map ---- */

int bs_is_ascii(const char *text, size_t n) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & UINT64_C(0x8080808080808080)) return 0;
  }
  for (; i < n; i++)
    if (s[i] >= 0x80) return 0;
  return 1;
}

/* Appends c, or what letter_map maps it to (a sharp sign: '#'); returns the
   code points written (or that would be, when dst is NULL). */
static size_t put_mapped(bs_cp c, bs_cp *dst) {
  size_t i, k;
  if (c == MUSIC_SHARP) c = '#';
  if (c >= 0xE6 && c <= 0x288)
    for (i = 0; i < sizeof letter_map / sizeof *letter_map; i++)
      if (letter_map[i].from == c) {
        for (k = 0; letter_map[i].to[k]; k++)
          if (dst) dst[k] = (unsigned char)letter_map[i].to[k];
        return k;
      }
  if (dst) dst[0] = c;
  return 1;
}

/* Decodes the character at s[0..n) (an invalid byte reads as U+FFFD) and
   decomposes it into parts; returns how many, or SIZE_MAX; *len gets the
   bytes read. */
static size_t decompose_one(const unsigned char *s, size_t n, bs_cp parts[MAX_DECOMPOSITION], size_t *len) {
  bs_cp c;
  int boundclass = 0;
  utf8proc_ssize_t k;
  *len = decode(s, n, &c);
  k = utf8proc_decompose_char(c, parts, MAX_DECOMPOSITION, DECOMPOSE_OPTIONS, &boundclass);
  return (k < 0 || k > MAX_DECOMPOSITION) ? SIZE_MAX : (size_t)k;
}

/* Decomposes s[0..n) into dst[0..cap), or counts when dst is NULL; SIZE_MAX
   when it does not fit. utf8proc_decompose would stop at an invalid byte. */
static size_t decompose(const unsigned char *s, size_t n, bs_cp *dst, size_t cap) {
  size_t i = 0, count = 0;
  while (i < n) {
    bs_cp parts[MAX_DECOMPOSITION];
    size_t len, k = decompose_one(s + i, n - i, parts, &len), j;
    if (k == SIZE_MAX) return SIZE_MAX;
    for (j = 0; j < k; j++) {
      size_t need = put_mapped(parts[j], NULL);
      if (count > SIZE_MAX / sizeof(bs_cp) - need || (dst && count + need > cap)) return SIZE_MAX;
      if (dst) put_mapped(parts[j], dst + count);
      count += need;
    }
    i += len;
  }
  return count;
}

size_t bs_fold_char(const char *s, size_t n, bs_cp out[BS_FOLD_CHAR_MAX], size_t *used) {
  bs_cp parts[MAX_DECOMPOSITION];
  size_t k = decompose_one((const unsigned char *)s, n, parts, used), j, count = 0;
  if (k == SIZE_MAX) return 0;
  for (j = 0; j < k; j++) count += put_mapped(parts[j], out + count);
  return count;
}

/* ---- step 2: canonical order of marks ---- */

static int combining_class(bs_cp c) {
  return c < 0x300 ? 0 : utf8proc_get_property(c)->combining_class;
}

static void sort_marks(bs_cp *cp, size_t n) {
  size_t i, j;
  for (i = 1; i < n; i++) {
    bs_cp c = cp[i];
    int cc = combining_class(c);
    for (j = i; j > 0 && combining_class(cp[j - 1]) > cc; j--) cp[j] = cp[j - 1];
    cp[j] = c;
  }
}

/*
** utf8proc_decompose would order marks itself, with a swap sort quadratic in
** the length of a run: a 1 MB label of alternating U+0301 U+0316 keeps it
** busy for minutes. Sorting windows of MAX_MARK_RUN (as if a CGJ stood
** between them, per UAX #15) changes nothing for real text.
*/
static void reorder_marks(bs_cp *cp, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t start = i;
    if (combining_class(cp[i]) == 0) { i++; continue; }
    while (i < n && i - start < MAX_MARK_RUN && combining_class(cp[i]) != 0) i++;
    sort_marks(cp + start, i - start);
  }
}

/* ---- step 3: strip accents ---- */

/*
** Latin and Greek lie below U+0400 and at U+1D00..U+1FFF (Phonetic Extensions
** to Greek Extended); utf8proc has no Script property, so block ranges stand
** in for it. Cyrillic is left out on purpose: its breve and diaeresis make
** letters of their own (й is not и).
*/
static int is_latin_greek(bs_cp c) {
  return c < 0x0400 || (c >= 0x1D00 && c < 0x2000);
}

/*
** Canonical composition joins a starter with a following mark, or Hangul
** jamo into syllables; with neither left, step 4 would change nothing and is
** skipped (most non-Latin tags, CJK among them).
*/
static int is_hangul_jamo(bs_cp c) {
  return (c >= 0x1100 && c < 0x1200) || (c >= 0xD7B0 && c < 0xD800);
}

/* A jamo that joins the one before it: a vowel or a trailing consonant. */
static int is_hangul_second(bs_cp c) {
  return (c >= 0x1160 && c < 0x1200) || (c >= 0xD7B0 && c < 0xD800);
}

/*
** A mark on a Latin or Greek letter is an accent to drop; on a letter of
** another script it is part of the letter (Devanagari's vowel signs) and
** stays. A mark with nothing under it (after a digit, a space, or at the
** start) is dropped too.
*/
static size_t strip_marks(bs_cp *cp, size_t n, int *may_compose) {
  size_t r, w = 0;
  int keep_marks = 0;
  for (r = 0; r < n; r++) {
    bs_cp c = cp[r];
    if (bs_cp_is_mark(c)) {
      if (!keep_marks) continue;
      *may_compose = 1;
    } else {
      keep_marks = bs_cp_is_letter(c) && !is_latin_greek(c);
      if (is_hangul_jamo(c)) *may_compose = 1;
    }
    cp[w++] = c;
  }
  return w;
}

/* ---- the whole fold ---- */

size_t bs_fold_capacity(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (bs_is_ascii(s, n)) return n;
  if (n <= BOUNDED_LABEL) return n * MAX_PER_BYTE;
  return decompose(u, n, NULL, 0);
}

/* Steps 2 to 4 on the count code points step 1 left in cp. */
static size_t finish_fold(bs_cp *cp, size_t count) {
  int may_compose = 0;
  utf8proc_ssize_t composed;
  reorder_marks(cp, count);
  count = strip_marks(cp, count, &may_compose);
  if (!may_compose) return count;
  composed = utf8proc_normalize_utf32(cp, (utf8proc_ssize_t)count, UTF8PROC_COMPOSE);
  return composed < 0 ? SIZE_MAX : (size_t)composed;
}

/* Steps 1 to 4 for any label. */
static size_t fold_each_step(const unsigned char *u, size_t n, bs_cp *cp, size_t cap) {
  size_t count = decompose(u, n, cp, cap);
  return count == SIZE_MAX ? SIZE_MAX : finish_fold(cp, count);
}

/* ---- the cache of single characters ---- */

#define NOT_ALONE 0xFF

void bs_fold_cache_init(bs_fold_cache *cache) {
  memset(cache, 0, sizeof *cache);
}

/*
** A label's fold is the concatenation of its characters' folds when every
** character's decomposition starts with a starter that nothing before it can
** join: not a mark (reordering, stripping and composing then never reach
** across characters) and not a Hangul vowel or trailing consonant (they
** compose with the syllable or jamo before; a syllable decomposes to a
** leading consonant first). Every other composing second half is a mark.
*/
static void fill_slot(bs_fold_slot *slot, bs_cp c, const unsigned char *s, size_t len) {
  bs_cp parts[MAX_DECOMPOSITION * 2];
  size_t count = decompose(s, len, parts, MAX_DECOMPOSITION * 2);
  slot->from = c;
  slot->count = NOT_ALONE;
  if (count == SIZE_MAX) return;
  if (count > 0 && (combining_class(parts[0]) != 0 || bs_cp_is_mark(parts[0]) || is_hangul_second(parts[0])))
    return;
  count = finish_fold(parts, count);
  if (count > BS_FOLD_CACHE_CPS) return;
  memcpy(slot->to, parts, count * sizeof *parts);
  slot->count = (unsigned char)count;
}

/*
** Two ways per set: a character evicts the older of the two, so two
** characters that share a set (U+0631 and U+30F3 do) do not evict each
** other at every turn.
*/
static const bs_fold_slot *cached_fold(bs_fold_cache *cache, bs_cp c, const unsigned char *s, size_t len) {
  bs_fold_slot *set = &cache->slot[((uint32_t)c * 2654435761u) >> (32 - BS_FOLD_CACHE_BITS) & ~1u];
  if (set[0].from == c) return &set[0];
  if (set[1].from == c) return &set[1];
  set[1] = set[0];
  fill_slot(&set[0], c, s, len);
  return &set[0];
}

/* The fold of s[0..n) from the cache, filling it on the way; NOT_CACHED
   when a character cannot be folded alone, SIZE_MAX when cap is too small. */
#define NOT_CACHED (SIZE_MAX - 1)

static size_t fold_cached(const unsigned char *s, size_t n, bs_fold_cache *cache, bs_cp *cp, size_t cap) {
  size_t i = 0, count = 0;
  while (i < n) {
    bs_cp c = s[i];
    size_t len;
    const bs_fold_slot *slot;
    unsigned k;
    if (c < 0x80) {
      if (count >= cap) return SIZE_MAX;
      cp[count++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
      i++;
      continue;
    }
    len = decode(s + i, n - i, &c);
    slot = cached_fold(cache, c, s + i, len);
    if (slot->count == NOT_ALONE) return NOT_CACHED;
    if (cap - count < slot->count) return SIZE_MAX;
    for (k = 0; k < slot->count; k++) cp[count++] = slot->to[k];
    i += len;
  }
  return count;
}

size_t bs_fold(const char *s, size_t n, bs_fold_cache *cache, bs_cp *cp, size_t cap) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i, count;
  if (bs_is_ascii(s, n)) {
    if (cap < n) return SIZE_MAX;
    for (i = 0; i < n; i++) cp[i] = (u[i] >= 'A' && u[i] <= 'Z') ? u[i] + 32 : u[i];
    return n;
  }
  if (cache && (count = fold_cached(u, n, cache, cp, cap)) != NOT_CACHED) return count;
  return fold_each_step(u, n, cp, cap);
}
