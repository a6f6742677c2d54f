/*
** fuzz_lines.c: libFuzzer harness for bs_next_filled_line and
** bs_squeeze_ascii (text.c), the lines profile learning reads. The input's
** first byte is the squeeze's capacity, its second where the lines start,
** the rest the text.
**
** Checked against plain versions written here: the lines found are the
** lines of the text from that byte on that are not blank, in order, and
** each squeezed line is the line with its white-space runs as one space and
** none at the ends, or cap + 1 when that is longer than cap; the squeeze
** writes nothing past cap bytes (its buffer is exactly that size).
*/
#include "fuzz.h"

#include "text.h"

static int plain_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* s[0..n) squeezed into a malloc'd buffer; its length in *len. */
static char *plain_squeeze(const char *s, size_t n, size_t *len) {
  char *out = fuzz_copy(s, n);
  size_t i, k = 0;
  for (i = 0; i < n; i++) {
    if (!plain_space((unsigned char)s[i])) {
      out[k++] = s[i];
    } else if (k > 0 && out[k - 1] != ' ') {
      out[k++] = ' ';
    }
  }
  if (k > 0 && out[k - 1] == ' ') k--;
  *len = k;
  return out;
}

/* Does s[start, end) hold a byte that is no space, \t, \v, \f or \r? */
static int plain_filled(const char *s, size_t start, size_t end) {
  size_t i;
  for (i = start; i < end; i++)
    if (!plain_space((unsigned char)s[i])) return 1;
  return 0;
}

static void check_squeeze(const char *s, size_t n, size_t cap) {
  size_t want_len, got;
  char *want = plain_squeeze(s, n, &want_len), *dst = malloc(cap ? cap : 1);
  FUZZ_CHECK(dst != NULL, "out of memory");
  got = bs_squeeze_ascii(s, n, dst, cap);
  if (want_len > cap) {
    FUZZ_CHECK(got == cap + 1, "a squeeze longer than cap is not told as cap + 1");
  } else {
    FUZZ_CHECK(got == want_len, "squeezed length differs from a plain squeeze");
    FUZZ_CHECK(memcmp(dst, want, got) == 0, "squeezed text differs from a plain squeeze");
  }
  free(dst);
  free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t cap, from, n, pos, start, end, line_start;
  char *text;
  if (size < 2) return 0;
  cap = data[0];
  n = size - 2;
  text = fuzz_copy(data + 2, n);
  from = n ? data[1] % (n + 1) : 0;
  pos = from;
  line_start = from;
  while (bs_next_filled_line(text, n, &pos, &start, &end)) {
    const char *nl;
    /* the plain way: skip blank lines from where the last one ended */
    for (;;) {
      nl = memchr(text + line_start, '\n', n - line_start);
      if (plain_filled(text, line_start, nl ? (size_t)(nl - text) : n)) break;
      FUZZ_CHECK(nl != NULL, "a line was found where only blank ones are left");
      line_start = (size_t)(nl - text) + 1;
    }
    FUZZ_CHECK(start == line_start && end == (nl ? (size_t)(nl - text) : n), "line bounds differ from a plain reading");
    FUZZ_CHECK(pos == end + 1, "position is not past the line's end");
    check_squeeze(text + start, end - start, cap);
    line_start = pos;
  }
  /* nothing but blank lines was left */
  while (line_start < n) {
    const char *nl = memchr(text + line_start, '\n', n - line_start);
    size_t line_end = nl ? (size_t)(nl - text) : n;
    FUZZ_CHECK(!plain_filled(text, line_start, line_end), "a filled line was missed");
    line_start = line_end + 1;
  }
  check_squeeze(text, n, cap);
  free(text);
  return 0;
}
