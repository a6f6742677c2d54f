/*
** fuzz_warc.c: libFuzzer harness for the web archive reader (warc.c) and
** the HTTP messages in its records (http.c). The input's first byte picks
** the chunk size the bytes are fed in and the record size limit; the rest is
** the file.
**
** Checked: reading ends (bs_warc_next makes progress on every call, so the
** calls are bounded by the input's size), no block is longer than the limit
** nor any decoded body, and the records found are the same whether the file
** comes in one piece or in small chunks.
*/
#include "fuzz.h"

#include "warc.h"

static void *fuzz_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, nsize);
}

/* A running hash of what the records hold, to compare two readings. */
static uint64_t mix(uint64_t h, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return (h ^ n) * 1099511628211u;
}

static uint64_t read_all(const uint8_t *data, size_t len, size_t chunk, size_t max, size_t *records) {
  bs_warc *r = bs_warc_new(fuzz_alloc, NULL, max);
  bs_warc_record rec;
  bs_http http;
  size_t fed = 0, calls = 0;
  uint64_t h = 14695981039346656037u;
  FUZZ_CHECK(r != NULL, "out of memory");
  *records = 0;
  for (;;) {
    int what = bs_warc_next(r, &rec);
    FUZZ_CHECK(++calls < 64 + 8 * len, "the reader does not end");
    if (what == BS_WARC_END) break;
    FUZZ_CHECK(what != BS_WARC_NOMEM, "out of memory");
    if (what == BS_WARC_MORE) {
      size_t n = len - fed < chunk ? len - fed : chunk;
      if (n == 0) bs_warc_finish(r);
      else FUZZ_CHECK(bs_warc_feed(r, data + fed, n), "out of memory");
      fed += n;
      continue;
    }
    if (what == BS_WARC_WARNING) {
      FUZZ_CHECK(strlen(bs_warc_warning(r)) > 0, "empty warning");
      continue;
    }
    FUZZ_CHECK(rec.block.n <= max, "block longer than the limit");
    (*records)++;
    h = mix(h, rec.type.s, rec.type.n);
    h = mix(h, rec.uri.s, rec.uri.n);
    h = mix(h, rec.block.s, rec.block.n);
    FUZZ_CHECK(bs_warc_http(r, rec.block, &http), "out of memory");
    FUZZ_CHECK(http.body.n <= max || http.body.s == rec.block.s + (rec.block.n - http.body.n),
               "decoded body longer than the limit");
    h = mix(h, http.body.s, http.body.n);
  }
  bs_warc_free(r);
  return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t chunk, max, whole_records, chunked_records;
  uint64_t whole, chunked;
  uint8_t *copy;
  if (size < 1) return 0;
  chunk = 1 + (data[0] & 0x0f) * 7;
  max = (data[0] & 0x10) ? 64 : 1 << 20;
  copy = (uint8_t *)fuzz_copy(data + 1, size - 1);
  whole = read_all(copy, size - 1, size, max, &whole_records);
  chunked = read_all(copy, size - 1, chunk, max, &chunked_records);
  FUZZ_CHECK(whole_records == chunked_records, "records differ between whole and chunked input");
  FUZZ_CHECK(whole == chunked, "records differ between whole and chunked input");
  free(copy);
  return 0;
}
