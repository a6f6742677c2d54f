/*
** text.c: cleaning raw article bytes (see text.h) and white space helpers.
*/
#include <stdint.h>
#include <string.h>

#include "text.h"

/* Windows-1252 code points for bytes 0x80..0x9F; 0 marks the code page's holes. */
static const unsigned short cp1252_c1[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

static const char *const warning_messages[BS_WARN_COUNT] = {
  "invalid UTF-8 decoded as Windows-1252",
  "NUL bytes dropped",
  "control characters dropped",
  "empty document",
  "no title found",
  "no body text found",
  "UTF-16 decoded",
  "UTF-16 without a byte order mark decoded"
};

const char *bs_warning_message(unsigned bit) {
  unsigned i;
  for (i = 0; i < BS_WARN_COUNT; i++)
    if (bit == 1u << i) return warning_messages[i];
  return "unknown warning";
}

size_t bs_warning_count(unsigned bit, const bs_text_info *info) {
  return bit == BS_WARN_CP1252 ? info->cp1252_bytes
       : bit == BS_WARN_NUL ? info->nul_bytes
       : bit == BS_WARN_CONTROL ? info->control_chars
       : bit == BS_WARN_UTF16 || bit == BS_WARN_UTF16_GUESSED ? info->utf16_errors : 0;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end) {
  unsigned lo = 0x80, hi = 0xBF;
  size_t need, i;
  if (p[0] < 0x80) return 1;
  if (p[0] < 0xC2) return 0;
  if (p[0] < 0xE0) need = 1;
  else if (p[0] < 0xF0) {
    need = 2;
    if (p[0] == 0xE0) lo = 0xA0;
    else if (p[0] == 0xED) hi = 0x9F;
  } else if (p[0] < 0xF5) {
    need = 3;
    if (p[0] == 0xF0) lo = 0x90;
    else if (p[0] == 0xF4) hi = 0x8F;
  } else return 0;
  if ((size_t)(end - p) <= need || p[1] < lo || p[1] > hi) return 0;
  for (i = 2; i <= need; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return need + 1;
}

size_t bs_utf8_len(const char *p, const char *end) {
  return utf8_len((const unsigned char *)p, (const unsigned char *)end);
}

/* Encodes a code point (from U+0080; not a surrogate) as UTF-8. */
static size_t encode_utf8(unsigned long cp, char *out) {
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Where clean text goes: dst is NULL while only measuring. */
typedef struct sink {
  char *dst;
  size_t len;
} sink;

static void emit(sink *out, const void *bytes, size_t k) {
  if (out->dst) memcpy(out->dst + out->len, bytes, k);
  out->len += k;
}

/* Decodes one byte that is not valid UTF-8 as Windows-1252; holes become U+FFFD. */
static void emit_cp1252(sink *out, unsigned char c) {
  char buf[4];
  unsigned cp = c >= 0xA0 ? c : cp1252_c1[c - 0x80];
  emit(out, buf, encode_utf8(cp ? cp : 0xFFFD, buf));
}

/* Decodes s[0..n) as Windows-1252, every byte (see text.h). */
size_t bs_cp1252_decode(const char *s, size_t n, char *dst) {
  sink out;
  size_t i;
  out.dst = dst;
  out.len = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) emit(&out, &c, 1);
    else emit_cp1252(&out, c);
  }
  return out.len;
}

static int is_plain(unsigned char c) {
  return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t';
}


/* The end of the run of plain bytes (printable ASCII, tab, LF) that starts at p. */
static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end) {
  for (;;) {
    while (end - p >= 8 && bs_printable8(p)) p += 8;
    if (p == end || !is_plain(*p)) return p;
    p++;
  }
}

/* C1 control characters (U+0080..U+009F) are valid UTF-8 but never text. */
static int is_c1(const unsigned char *p, size_t k) {
  return k == 2 && p[0] == 0xC2 && p[1] < 0xA0;
}

/*
** Handles the byte at p that is not plain ASCII; returns the bytes consumed.
** Valid UTF-8 passes through as it is; everything else sets *changed.
*/
static size_t clean_special(const unsigned char *p, const unsigned char *end,
                            sink *out, bs_text_info *info, int *changed) {
  size_t k = *p >= 0x80 ? utf8_len(p, end) : 0;
  if (k && !is_c1(p, k)) {
    emit(out, p, k);
    return k;
  }
  *changed = 1;
  if (k) { info->control_chars++; return k; }
  if (*p == '\r') {
    emit(out, "\n", 1);
    return (p + 1 < end && p[1] == '\n') ? 2 : 1;
  }
  if (*p == '\f' || *p == '\v') {
    emit(out, "\n", 1);
    return 1;
  }
  if (*p == 0) { info->nul_bytes++; return 1; }
  if (*p < 0x80) { info->control_chars++; return 1; }
  info->cp1252_bytes++;
  emit_cp1252(out, *p);
  return 1;
}

/* ---- UTF-16, recognized by its byte order mark ---- */

static unsigned utf16_unit(const unsigned char *p, int big_endian) {
  return big_endian ? (unsigned)(p[0] << 8 | p[1]) : (unsigned)(p[1] << 8 | p[0]);
}

/* One decoded code point, under the rules UTF-8 input has: line ends to LF,
   NUL and other controls dropped. */
static void emit_clean_codepoint(sink *out, unsigned long cp, bs_text_info *info) {
  char buf[4];
  if (cp == '\n' || cp == '\t' || (cp >= 0x20 && cp < 0x7F)) {
    buf[0] = (char)cp;
    emit(out, buf, 1);
  } else if (cp == '\f' || cp == '\v') {
    emit(out, "\n", 1);
  } else if (cp == 0) {
    info->nul_bytes++;
  } else if (cp < 0xA0) {
    info->control_chars++;
  } else {
    emit(out, buf, encode_utf8(cp, buf));
  }
}

/* Decodes UTF-16 after its byte order mark; unpaired surrogates and an odd
   last byte become U+FFFD. */
static void transcode_utf16(const unsigned char *p, const unsigned char *end, int big_endian,
                            sink *out, bs_text_info *info) {
  while (end - p >= 2) {
    unsigned long cp = utf16_unit(p, big_endian);
    p += 2;
    if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 2 && utf16_unit(p, big_endian) - 0xDC00u < 0x400) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16_unit(p, big_endian) - 0xDC00);
      p += 2;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      info->utf16_errors++;
      cp = 0xFFFD;
    }
    if (cp == '\r') {
      if (end - p >= 2 && utf16_unit(p, big_endian) == '\n') p += 2;
      cp = '\n';
    }
    emit_clean_codepoint(out, cp, info);
  }
  if (p < end) {
    info->utf16_errors++;
    emit_clean_codepoint(out, 0xFFFD, info);
  }
}

/* How much of the start UTF-16 detection looks at (pairs of bytes). */
#define UTF16_SNIFF_PAIRS 2048

/*
** UTF-16 without a byte order mark, told by its zero bytes: ASCII characters
** (line ends, spaces, digits, Latin letters) have a zero high byte, so text
** in UTF-16 LE has zeros in odd positions and none, or few, in even ones (BE
** the other way round; U+4E00, U+0100 and the like have a zero low byte).
** Text in UTF-8 or Windows-1252 has zeros only as stray NULs, which fall at
** either parity, and is mostly ASCII: so either one character in eight has
** a zero byte (Latin or Cyrillic text, spaces alone are that many), or one
** in 64 does and a quarter of the bytes are not ASCII (CJK text, whose line
** ends and digits are its only ASCII). Returns 1 for LE, 2 for BE, 0.
*/
static int sniff_utf16(const unsigned char *p, size_t n) {
  size_t pairs = n / 2, i, even = 0, odd = 0, high = 0, zeros, other;
  if (pairs > UTF16_SNIFF_PAIRS) pairs = UTF16_SNIFF_PAIRS;
  /* Nearly every text has no zero byte at all, which memchr tells at a
     fraction of the cost of counting the pairs. */
  if (!memchr(p, 0, pairs * 2)) return 0;
  for (i = 0; i < pairs; i++) {
    const unsigned char a = p[2 * i], b = p[2 * i + 1];
    if (a == 0 && b != 0) even++;
    else if (b == 0 && a != 0) odd++;
    high += (a >= 0x80) + (b >= 0x80);
  }
  zeros = odd > even ? odd : even;
  other = odd > even ? even : odd;
  if (zeros < 4 || other * 4 > zeros) return 0;
  if (zeros * 8 < pairs && (zeros * 64 < pairs || high * 4 < pairs * 2)) return 0;
  return odd > even ? 1 : 2;
}

/* The one cleaning loop, shared by measuring (dst NULL) and writing. */
static void transcode(const char *s, size_t n, char *dst, bs_text_info *info) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  sink out;
  int changed = 0;
  out.dst = dst;
  out.len = 0;
  memset(info, 0, sizeof *info);
  if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
    transcode_utf16(p + 2, end, p[0] == 0xFE, &out, info);
    p = end;
    changed = 1;
    info->warnings |= BS_WARN_UTF16;
  } else if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
    p += 3;
    changed = 1;
  } else {
    int kind = sniff_utf16(p, n);
    if (kind) {
      transcode_utf16(p, end, kind == 2, &out, info);
      p = end;
      changed = 1;
      info->warnings |= BS_WARN_UTF16_GUESSED;
    }
  }
  while (p < end) {
    const unsigned char *run = p;
    p = plain_run(p, end);
    emit(&out, run, (size_t)(p - run));
    if (p < end) p += clean_special(p, end, &out, info, &changed);
  }
  info->clean_len = out.len;
  if (info->cp1252_bytes) info->warnings |= BS_WARN_CP1252;
  if (info->nul_bytes) info->warnings |= BS_WARN_NUL;
  if (info->control_chars) info->warnings |= BS_WARN_CONTROL;
  info->unchanged = !changed;
}

void bs_text_scan(const char *s, size_t n, bs_text_info *info) {
  transcode(s, n, NULL, info);
}

int bs_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    size_t k;
    while (end - p >= 8 && bs_printable8(p)) p += 8;
    if (p == end) break;
    if ((k = utf8_len(p, end)) == 0) return 0;
    p += k;
  }
  return 1;
}

void bs_text_clean(const char *s, size_t n, char *dst) {
  bs_text_info info;
  transcode(s, n, dst, &info);
}

size_t bs_space_len(const char *p, const char *end) {
  const unsigned char *u = (const unsigned char *)p;
  size_t left = (size_t)(end - p);
  if (*u == ' ' || (*u >= '\t' && *u <= '\r')) return 1;
  if (*u < 0xC2) return 0;
  if (u[0] == 0xC2) return (left >= 2 && u[1] == 0xA0) ? 2 : 0;      /* no-break space */
  if (left < 3) return 0;
  if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8A || u[2] == 0xAF)) return 3; /* U+2000..200A, U+202F */
  if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) return 3;       /* U+205F */
  if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) return 3;       /* ideographic space */
  if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return 3;       /* stray byte order mark */
  return 0;
}

/* Most bytes are ASCII: decide those without a call. */
static size_t space_at(const unsigned char *p, const unsigned char *end) {
  if (*p < 0x80) return *p == ' ' || (*p >= '\t' && *p <= '\r');
  return bs_space_len((const char *)p, (const char *)end);
}

/* High bit set in each byte of w that is a space (exact: no borrow between bytes). */
static uint64_t space_bytes(uint64_t w) {
  const uint64_t low7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
  uint64_t x = w ^ (BS_ONES * ' ');
  return ~(((x & low7) + low7) | x | low7);
}

/*
** Copies eight bytes at a time while they are printable ASCII with single
** spaces between words, the shape of nearly all prose; returns how far it
** got and adds the words it began to *words. p starts inside a word.
*/
static const unsigned char *copy_prose(const unsigned char *p, const unsigned char *end,
                                       char *dst, size_t *len, size_t *words) {
  while (end - p >= 9 && bs_printable8(p)) {
    uint64_t w, spaces;
    memcpy(&w, p, 8);
    spaces = space_bytes(w);
    /* no two spaces in a row, and no white space right after a final space */
    if ((spaces & (spaces << 8)) || (p[7] == ' ' && space_at(p + 8, end))) break;
    memcpy(dst + *len, p, 8);
    *len += 8;
    *words += (size_t)(((spaces >> 7) * BS_ONES) >> 56);
    p += 8;
  }
  return p;
}

size_t bs_squeeze(const char *s, size_t n, char *dst, size_t *words) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  size_t len = 0, count = 0, k;
  for (;;) {
    while (p < end && (k = space_at(p, end)) > 0) p += k;
    if (p == end) break;
    if (count++) dst[len++] = ' ';
    for (;;) {
      p = copy_prose(p, end, dst, &len, &count);
      if (p == end || space_at(p, end)) break;
      dst[len++] = (char)*p++;
    }
  }
  if (words) *words = count;
  return len;
}

size_t bs_count_words(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  size_t count = 0, k;
  for (;;) {
    while (p < end && (k = space_at(p, end)) > 0) p += k;
    if (p == end) return count;
    count++;
    while (p < end && !space_at(p, end)) p++;
  }
}

int bs_next_filled_line(const char *s, size_t n, size_t *pos, size_t *start, size_t *end) {
  while (*pos < n) {
    const char *nl = memchr(s + *pos, '\n', n - *pos);
    size_t line_end = nl ? (size_t)(nl - s) : n, i = *pos;
    while (i < line_end && bs_is_ascii_space((unsigned char)s[i])) i++;
    *start = *pos;
    *end = line_end;
    *pos = line_end + 1;
    if (i < line_end) return 1;
  }
  return 0;
}

size_t bs_squeeze_ascii(const char *s, size_t n, char *dst, size_t cap) {
  size_t i = 0, len = 0;
  for (;;) {
    while (i < n && bs_is_ascii_space((unsigned char)s[i])) i++;
    if (i == n) return len;
    if (len > 0) {
      if (len == cap) return cap + 1;
      dst[len++] = ' ';
    }
    while (i < n && !bs_is_ascii_space((unsigned char)s[i])) {
      if (len == cap) return cap + 1;
      dst[len++] = s[i++];
    }
  }
}
