/*
** fuzz.h: what the libFuzzer harnesses share. Every check that fails calls
** abort() with a message, so libFuzzer records the input as a crash and
** keeps it in build/fuzz/<name>/.
**
** Inputs and outputs live in malloc'd buffers of exactly their size, so that
** AddressSanitizer catches a read or write one byte past either. The helpers
** are inline so that a harness need not use them all.
*/
#ifndef BS_FUZZ_H
#define BS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond, what) \
  ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, what))

static inline void fuzz_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
  abort();
}

/* A copy of s[0..n) in a buffer of exactly n bytes (one byte when n is 0,
   which nothing may read). */
static inline char *fuzz_copy(const void *s, size_t n) {
  char *p = malloc(n ? n : 1);
  FUZZ_CHECK(p != NULL, "out of memory");
  if (n) memcpy(p, s, n);
  return p;
}

/* Length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlongs, no
   surrogates, nothing above U+10FFFF), or 0. Written apart from text.c on
   purpose: a harness that shares the code it checks checks nothing. */
static inline size_t fuzz_utf8_at(const unsigned char *s, size_t n, size_t i) {
  unsigned c = s[i], min, cp;
  size_t k, j;
  if (c < 0x80) return 1;
  if (c >= 0xC0 && c < 0xE0) { k = 2; min = 0x80; cp = c & 0x1F; }
  else if (c >= 0xE0 && c < 0xF0) { k = 3; min = 0x800; cp = c & 0x0F; }
  else if (c >= 0xF0 && c < 0xF8) { k = 4; min = 0x10000; cp = c & 0x07; }
  else return 0;
  if (n - i < k) return 0;
  for (j = 1; j < k; j++) {
    if ((s[i + j] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + j] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return k;
}

/* Output appended in pieces, as the emitting functions give it: a malloc'd
   buffer that grows as it must (s is NULL until something comes). */
typedef struct fuzz_buffer {
  char *s;
  size_t len, cap;
} fuzz_buffer;

static inline void fuzz_append(fuzz_buffer *g, const char *bytes, size_t n) {
  if (g->len + n > g->cap) {
    g->cap = (g->len + n) * 2;
    g->s = realloc(g->s, g->cap);
    FUZZ_CHECK(g->s != NULL, "out of memory");
  }
  memcpy(g->s + g->len, bytes, n);
  g->len += n;
}

static inline int fuzz_is_utf8(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, k;
  while (i < n) {
    if ((k = fuzz_utf8_at(u, n, i)) == 0) return 0;
    i += k;
  }
  return 1;
}

#endif
