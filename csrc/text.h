/*
** text.h: raw article bytes to clean text, and the small text helpers the
** parser and the binding share. Plain C, no Lua, no allocation: the caller
** sizes the output with bs_text_scan and provides it.
**
** Clean text is valid UTF-8 with LF line ends: a leading byte order mark is
** dropped (a UTF-16 one means the text is decoded from UTF-16, as is text
** whose zero bytes fall in every other position), CRLF and lone
** CR become LF, form feeds and vertical tabs become LF,
** bytes that are not valid UTF-8 are decoded as Windows-1252, and NUL and
** other control characters (C0 but tab and LF, DEL, C1) are dropped.
*/
#ifndef BS_TEXT_H
#define BS_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BS_ONES UINT64_C(0x0101010101010101)
#define BS_HIGHS UINT64_C(0x8080808080808080)

/* Does any byte of w equal c? (The high bit of a zero byte, exactly.) */
static inline int bs_has_byte8(uint64_t w, unsigned char c) {
  uint64_t x = w ^ (BS_ONES * c);
  return ((x - BS_ONES) & ~x & BS_HIGHS) != 0;
}

/* Are all eight bytes at p printable ASCII (0x20..0x7E)? Tested in one go,
** because nearly all bytes of an article are. */
static inline int bs_printable8(const void *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return ((w & BS_HIGHS) | ((w - BS_ONES * 0x20) & ~w & BS_HIGHS)) == 0 && !bs_has_byte8(w, 0x7F);
}

/* Repairs and doubts recorded while parsing one article (bit flags). */
enum {
  BS_WARN_CP1252  = 1 << 0, /* invalid UTF-8 decoded as Windows-1252 */
  BS_WARN_NUL     = 1 << 1, /* NUL bytes dropped */
  BS_WARN_CONTROL = 1 << 2, /* other control characters dropped */
  BS_WARN_EMPTY   = 1 << 3, /* nothing but blanks */
  BS_WARN_NOTITLE = 1 << 4, /* no headline found */
  BS_WARN_NOBODY  = 1 << 5, /* a headline but no body paragraphs */
  BS_WARN_UTF16   = 1 << 6, /* UTF-16 (with a byte order mark) decoded */
  BS_WARN_UTF16_GUESSED = 1 << 7 /* UTF-16 told by its zero bytes, decoded */
};
#define BS_WARN_COUNT 8

/* The message for one warning bit, e.g. "NUL bytes dropped". */
const char *bs_warning_message(unsigned bit);

typedef struct bs_text_info {
  size_t clean_len;        /* bytes bs_text_clean writes */
  int unchanged;           /* the input is clean already: use it as it is */
  unsigned warnings;       /* BS_WARN_CP1252 | BS_WARN_NUL | BS_WARN_CONTROL */
  size_t cp1252_bytes;     /* bytes decoded as Windows-1252 */
  size_t nul_bytes;        /* NUL bytes dropped */
  size_t control_chars;    /* other control characters dropped */
  size_t utf16_errors;     /* unpaired surrogates or an odd last byte, as U+FFFD */
} bs_text_info;

/* How many repairs of one warning bit cleaning made (0: not counted). */
size_t bs_warning_count(unsigned bit, const bs_text_info *info);

/* Measures what cleaning s[0..n) will do, without writing anything. */
void bs_text_scan(const char *s, size_t n, bs_text_info *info);

/* Writes the clean text of s[0..n) into dst (info->clean_len bytes, from bs_text_scan). */
void bs_text_clean(const char *s, size_t n, char *dst);

/* The length of the valid UTF-8 sequence at p (before end; RFC 3629: no
   overlongs, no surrogates), or 0. */
size_t bs_utf8_len(const char *p, const char *end);

/* Writes s[0..n), read as Windows-1252 (the web's name for Latin-1 too),
   as UTF-8 into dst and returns the length; dst NULL only measures. */
size_t bs_cp1252_decode(const char *s, size_t n, char *dst);

/* Is s[0..n) valid UTF-8 (RFC 3629)? Fast on ASCII. */
int bs_utf8_valid(const char *s, size_t n);

/* Byte length of the white space character at p (ASCII or Unicode space), or 0. */
size_t bs_space_len(const char *p, const char *end);

/*
** Copies s[0..n) into dst with every run of white space, line ends included,
** turned into one space and both ends trimmed; returns the length written
** (at most n) and, when words is not NULL, stores the number of words
** (runs of non-space characters). dst must not overlap s.
*/
size_t bs_squeeze(const char *s, size_t n, char *dst, size_t *words);

/* The number of words (runs of non-space characters) in s[0..n). */
size_t bs_count_words(const char *s, size_t n);

/* Lua's %s: ASCII white space (space, \t, \n, \v, \f, \r). */
static inline int bs_is_ascii_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
** Lines as profile learning reads raw text, before any cleaning, where only
** ASCII white space counts as blank.
**
** bs_next_filled_line: the next line of s[0..n) starting at or after *pos
** that holds a byte other than space, \t, \v, \f and \r; sets
** [*start, *end) to it without its newline and *pos past it, or returns 0
** when no such line is left.
*/
int bs_next_filled_line(const char *s, size_t n, size_t *pos, size_t *start, size_t *end);

/*
** s[0..n) with each run of ASCII white space as one space, none at the
** ends, written into dst while it fits in cap bytes: returns its length,
** or cap + 1 as soon as it is known to be longer than cap.
*/
size_t bs_squeeze_ascii(const char *s, size_t n, char *dst, size_t cap);

#endif
