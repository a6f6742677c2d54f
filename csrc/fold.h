/*
** fold.h: folding a tag label to the code points its match key and slug are
** made from, with utf8proc: NFKC, case folding, look-alike punctuation lumped,
** invisible characters dropped, accents stripped from Latin and Greek letters,
** and the Latin letters that do not decompose mapped (ł to l, æ to ae, ...).
** Plain C, no Lua, no allocation: the caller provides the code point buffer.
*/
#ifndef BS_FOLD_H
#define BS_FOLD_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t bs_cp;

/* Is s[0..n) all ASCII? Eight bytes at a time: every label and paragraph
   searched is asked. */
int bs_is_ascii(const char *s, size_t n);

/* Code points bs_fold may write for s[0..n); SIZE_MAX when that overflows. */
size_t bs_fold_capacity(const char *s, size_t n);

/*
** A cache of single characters' folds, held by the caller (one per Lua state
** in the binding), so that a label's non-ASCII characters cost a lookup once
** they have been seen: tag labels draw on a few hundred characters. Sets of
** two slots; a slot records either the character's whole fold (at most
** BS_FOLD_CACHE_CPS code points) or that the character cannot be folded on
** its own (a combining mark, a Hangul vowel: they join the one before).
*/
#define BS_FOLD_CACHE_BITS 11
#define BS_FOLD_CACHE_SLOTS (1 << BS_FOLD_CACHE_BITS)
#define BS_FOLD_CACHE_CPS 3

typedef struct bs_fold_slot {
  bs_cp from;              /* 0 (ASCII, never cached): empty */
  unsigned char count;     /* code points in to; more: not foldable alone */
  bs_cp to[BS_FOLD_CACHE_CPS];
} bs_fold_slot;

typedef struct bs_fold_cache {
  bs_fold_slot slot[BS_FOLD_CACHE_SLOTS];
} bs_fold_cache;

void bs_fold_cache_init(bs_fold_cache *cache);

/*
** Folds s[0..n) into cp[0..cap) and returns the number of code points, or
** SIZE_MAX when they do not fit. Bytes that are not valid UTF-8 read as
** U+FFFD, a symbol, so they separate words. cache may be NULL; with one the
** result is the same, only sooner.
*/
size_t bs_fold(const char *s, size_t n, bs_fold_cache *cache, bs_cp *cp, size_t cap);

/*
** Step 1 of bs_fold for the one character at s[0..n), n >= 1: decoded (an
** invalid byte reads as U+FFFD), decomposed, case folded, lumped, letters
** mapped; no reordering or composition. Returns the number of code points
** written (0 for an ignorable character) and stores the bytes read in *used.
** For search, which folds the text and the words looked for alike.
*/
#define BS_FOLD_CHAR_MAX 64
size_t bs_fold_char(const char *s, size_t n, bs_cp out[BS_FOLD_CHAR_MAX], size_t *used);

/* Terminal columns s[0..n) takes: wide East Asian characters 2, combining
   marks 0 (utf8proc_charwidth); an invalid byte 1. For carets under text. */
size_t bs_display_width(const char *s, size_t n);

/* Character classes of folded code points (ASCII decided without a lookup). */
int bs_cp_is_letter(bs_cp c);
int bs_cp_is_digit(bs_cp c);   /* any Unicode number */
int bs_cp_is_mark(bs_cp c);    /* a mark kept on a letter of another script */
int bs_cp_is_word_other(bs_cp c); /* bs_cp_is_word past ASCII */

/* A letter, a mark or a number: part of a word. ASCII inline: slugs and
   search ask this of every code point. */
static inline int bs_cp_is_word(bs_cp c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return bs_cp_is_word_other(c);
}

/* Category Zs spelled out (it is small and stable) and inline: slugging asks
   this of every code point. */
static inline int bs_cp_is_space(bs_cp c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

#endif
