/*
** slug.c: match keys and slugs of tag labels (see slug.h), made from the
** folded code points of fold.c.
*/
#include "slug.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "fold.h"

/* The slug is built after the code points, then moved to the front. */
#define SLUG_ROOM (BS_SLUG_MAX + 8)
#define ALIGN_SLACK (sizeof(bs_cp) - 1)

/* ---- the workspace: code points at the first aligned byte, then the slug ---- */

typedef struct workspace {
  unsigned char *bytes;
  bs_cp *cp;
  size_t cap;           /* code points that fit */
  unsigned char *slug;  /* SLUG_ROOM bytes after them */
} workspace;

static int open_workspace(void *work, size_t size, workspace *w) {
  uintptr_t misalign = (uintptr_t)work % sizeof(bs_cp);
  size_t off = misalign ? sizeof(bs_cp) - (size_t)misalign : 0;
  if (!work || size < off + SLUG_ROOM) return 0;
  w->bytes = work;
  w->cp = (bs_cp *)(void *)(w->bytes + off);
  w->cap = (size - off - SLUG_ROOM) / sizeof(bs_cp);
  w->slug = w->bytes + off + w->cap * sizeof(bs_cp);
  return 1;
}

size_t bs_tag_workspace(const char *s, size_t n) {
  size_t cap = bs_fold_capacity(s, n);
  if (cap == SIZE_MAX || cap > (SIZE_MAX - ALIGN_SLACK - SLUG_ROOM) / sizeof(bs_cp)) return SIZE_MAX;
  return cap * sizeof(bs_cp) + ALIGN_SLACK + SLUG_ROOM;
}

/* ---- the key ---- */

/* Drops '.' after a letter unless a digit or another '.' follows ("U.S.",
   "node.js", not "2.0" nor the ellipsis of "wait...what", which would glue
   its words), and an apostrophe between letters ("O'Reilly"). */
static int is_inner_mark(const bs_cp *cp, size_t r, size_t n, bs_cp prev) {
  bs_cp next = r + 1 < n ? cp[r + 1] : ' ';
  if ((cp[r] != '.' && cp[r] != '\'') || !bs_cp_is_letter(prev)) return 0;
  if (cp[r] == '.') return next != '.' && !bs_cp_is_digit(next);
  return cp[r] == '\'' && bs_cp_is_letter(next);
}

/* Turns folded code points into the key's, in place; returns how many remain.
   Sets *rejoined when a mark it drops had a non-ASCII character after it,
   which may compose with the letter before (see key_of). */
static size_t key_codepoints(bs_cp *cp, size_t n, int *rejoined) {
  size_t r, w = 0;
  int gap = 0;
  for (r = 0; r < n; r++) {
    bs_cp c = cp[r];
    if (bs_cp_is_space(c)) {
      gap = w > 0;
      continue;
    }
    if (!gap && w > 0 && is_inner_mark(cp, r, n, cp[w - 1])) {
      if (r + 1 < n && cp[r + 1] >= 0x80) *rejoined = 1;
      continue;
    }
    if (gap) cp[w++] = ' ';
    gap = 0;
    cp[w++] = c;
  }
  return w;
}

/*
** Keys the folded code points in place; SIZE_MAX when composing fails.
** bs_fold composed the code points, but a mark dropped between two letters
** can bring together a pair that composes (the Hangul jamo of "ᄒ'ᅡ" make
** "하"), so the key is composed again then: else it would not be NFKC, and
** key(key(x)) and slug(key(x)) would differ from key(x) and slug(x).
*/
static size_t key_in_place(workspace *w, size_t count) {
  utf8proc_ssize_t composed;
  int rejoined = 0;
  count = key_codepoints(w->cp, count, &rejoined);
  if (!rejoined) return count;
  composed = utf8proc_normalize_utf32(w->cp, (utf8proc_ssize_t)count, UTF8PROC_COMPOSE);
  return composed < 0 ? SIZE_MAX : (size_t)composed;
}

/* Folds and keys the label into the workspace; SIZE_MAX when it does not fit. */
static size_t key_of(const char *s, size_t n, bs_fold_cache *cache, workspace *w) {
  size_t count = bs_fold(s, n, cache, w->cp, w->cap);
  return count == SIZE_MAX ? SIZE_MAX : key_in_place(w, count);
}

size_t bs_tag_key(const char *s, size_t n, bs_fold_cache *cache, void *work, size_t worksize) {
  workspace w;
  size_t count, i, len = 0;
  if (!open_workspace(work, worksize, &w) || (count = key_of(s, n, cache, &w)) == SIZE_MAX) return SIZE_MAX;
  /* UTF-8 never outruns the code points it is read from, so this works in place. */
  for (i = 0; i < count; i++) len += (size_t)utf8proc_encode_char(w.cp[i], w.bytes + len);
  return len;
}

/* ---- the slug ---- */

/* Words joined by single dashes, written lazily so none leads or trails,
   stopping at BS_SLUG_MAX bytes on a character boundary. */
typedef struct writer {
  unsigned char *out;
  size_t len;
  int gap, full;
} writer;

static void put_gap(writer *wr) {
  wr->gap = 1;
}

static inline void put_char(writer *wr, bs_cp c) {
  size_t k = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4, dash = wr->gap && wr->len > 0;
  if (wr->full || wr->len + dash + k > BS_SLUG_MAX) {
    wr->full = 1;
    return;
  }
  if (dash) wr->out[wr->len++] = '-';
  if (k == 1) wr->out[wr->len] = (unsigned char)c;
  else utf8proc_encode_char(c, wr->out + wr->len);
  wr->len += k;
  wr->gap = 0;
}

static void put_word(writer *wr, const char *word) {
  while (*word) put_char(wr, (unsigned char)*word++);
}

/*
** Names the symbols that would otherwise vanish and make tags collide:
** "c++" -> "cpp" (a single '+' is "plus"), "c#" -> "csharp", "&" -> "and",
** ".net" -> "dotnet". Returns the code points consumed, 0 for no symbol.
*/
static int after_word(const bs_cp *cp, size_t i) {
  return i > 0 && bs_cp_is_word(cp[i - 1]);
}

static size_t put_symbol(writer *wr, const bs_cp *cp, size_t i, size_t n) {
  size_t run = 0;
  switch (cp[i]) {
    case '+':
      while (i + run < n && cp[i + run] == '+') run++;
      if (after_word(cp, i) && run >= 2) {
        size_t k;
        for (k = 0; k < run; k++) put_char(wr, 'p');
      } else {
        put_gap(wr);
        put_word(wr, "plus");
        put_gap(wr);
      }
      return run;
    case '#':
      if (!after_word(cp, i)) return 0;
      put_word(wr, "sharp");
      return 1;
    case '&':
      put_gap(wr);
      put_word(wr, "and");
      put_gap(wr);
      return 1;
    case '.':
      /* Only a lone dot starting a word: "...And Justice" is not "dotand". */
      if (after_word(cp, i) || (i > 0 && cp[i - 1] == '.')) return 0;
      if (i + 1 >= n || !bs_cp_is_letter(cp[i + 1])) return 0;
      put_gap(wr);
      put_word(wr, "dot");
      return 1;
    default:
      return 0;
  }
}

/* FNV-1a, 32 bits: tiny, and stable across platforms and releases. */
#define FNV_OFFSET 2166136261u

static uint32_t fnv1a(uint32_t h, const unsigned char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) h = (uint32_t)((h ^ s[i]) * 16777619u);
  return h;
}

/*
** The hash is of the key's UTF-8, not of the label's bytes: labels with one
** key are one tag, so "❤" and "❤" + U+FE0F (dropped as ignorable), or " 🙂 "
** and "🙂", must get one slug.
*/
static size_t fallback_slug(const bs_cp *cp, size_t count, unsigned char *out) {
  static const char hex[] = "0123456789abcdef";
  uint32_t h = FNV_OFFSET;
  size_t k;
  int i;
  for (k = 0; k < count; k++) {
    unsigned char buf[4];
    h = fnv1a(h, buf, (size_t)utf8proc_encode_char(cp[k], buf));
  }
  memcpy(out, "tag-", 4);
  for (i = 0; i < 8; i++) out[4 + i] = (unsigned char)hex[(h >> (28 - 4 * i)) & 0xF];
  return 12;
}

/*
** Most tags are ASCII letters, digits, spaces and hyphens. Those slug to
** themselves lower-cased with each run of spaces and hyphens one '-', which
** is what folding and keying would give them, so they skip both. Returns
** SIZE_MAX for any other label (or one with no letter or digit).
*/
static size_t plain_slug(const unsigned char *s, size_t n, unsigned char *out) {
  size_t i, len = 0;
  int gap = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = s[i];
    if (c == ' ' || c == '-') {
      gap = 1;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + ('a' - 'A'));
    else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return SIZE_MAX;
    if (len + (gap && len) + 1 > BS_SLUG_MAX) break; /* the cap, as put_char has it */
    if (gap && len) out[len++] = '-';
    gap = 0;
    out[len++] = c;
  }
  return len ? len : SIZE_MAX;
}

static int has_dot_or_apostrophe(const bs_cp *cp, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (cp[i] == '.' || cp[i] == '\'') return 1;
  return 0;
}

size_t bs_slug(const char *s, size_t n, bs_fold_cache *cache, void *work, size_t worksize) {
  workspace w;
  writer wr;
  size_t count, i = 0;
  int keyed;
  if (!open_workspace(work, worksize, &w)) return SIZE_MAX;
  /* The fast path needs less room, but a workspace too small for the label is refused alike. */
  if (w.cap >= n && (count = plain_slug((const unsigned char *)s, n, w.bytes)) != SIZE_MAX) return count;
  if ((count = bs_fold(s, n, cache, w.cp, w.cap)) == SIZE_MAX) return SIZE_MAX;
  /* The slug takes any white space as a gap, so keying changes it only by
     dropping a dot or an apostrophe: most labels skip it. */
  keyed = has_dot_or_apostrophe(w.cp, count);
  if (keyed && (count = key_in_place(&w, count)) == SIZE_MAX) return SIZE_MAX;
  wr.out = w.slug;
  wr.len = 0;
  wr.gap = wr.full = 0;
  while (i < count && !wr.full) {
    size_t used = put_symbol(&wr, w.cp, i, count);
    if (used) {
      i += used;
      continue;
    }
    if (bs_cp_is_word(w.cp[i])) put_char(&wr, w.cp[i]);
    else put_gap(&wr);
    i++;
  }
  /* The fallback hashes the key, all of it before the 12 bytes go over its start. */
  if (wr.len == 0 && !keyed && (count = key_in_place(&w, count)) == SIZE_MAX) return SIZE_MAX;
  if (wr.len == 0) return fallback_slug(w.cp, count, w.bytes);
  memmove(w.bytes, w.slug, wr.len);
  return wr.len;
}
