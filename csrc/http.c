/*
** http.c: the HTTP response a web archive keeps in a record's block. Crawlers
** store the bytes as they came off the wire, so the body may still be in
** chunked transfer encoding and gzip or deflate content encoding; both are
** undone here, within a size limit. A message that breaks off is read as far
** as it goes, with the problem named.
*/
#include <string.h>

#include <zlib.h>

#include "http.h"

/* ---- buffers and zlib memory ---- */

int bs_buf_reserve(bs_buf *b, size_t extra) {
  size_t cap;
  char *s;
  if (b->cap - b->n >= extra) return 1;
  cap = b->cap ? b->cap : 4096;
  while (cap - b->n < extra) {
    if (cap > ((size_t)-1) / 2) return 0;
    cap *= 2;
  }
  s = b->alloc(b->ud, b->s, b->cap, cap);
  if (!s) return 0;
  b->s = s;
  b->cap = cap;
  return 1;
}

void bs_buf_free(bs_buf *b) {
  if (b->s) b->alloc(b->ud, b->s, b->cap, 0);
  b->s = NULL;
  b->n = b->cap = 0;
}

/* zlib frees without a size and the allocator wants one: each block
** carries its size in front. */
typedef union {
  size_t size;
  double align_d;
  void *align_p;
} zhead;

void *bs_zalloc(void *opaque, unsigned items, unsigned size) {
  bs_buf *b = opaque;
  size_t n = (size_t)items * size;
  zhead *h;
  if (size && n / size != items) return NULL;
  h = b->alloc(b->ud, NULL, 0, n + sizeof *h);
  if (!h) return NULL;
  h->size = n + sizeof *h;
  return h + 1;
}

void bs_zfree(void *opaque, void *ptr) {
  bs_buf *b = opaque;
  zhead *h = (zhead *)ptr - 1;
  if (ptr) b->alloc(b->ud, h, h->size, 0);
}

/* ---- headers ---- */

static int lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int same_word(const char *a, const char *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return 0;
  return 1;
}

static bs_text trim(const char *s, size_t n) {
  bs_text t;
  while (n && (*s == ' ' || *s == '\t')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  t.s = s;
  t.n = n;
  return t;
}

bs_text bs_header(bs_text head, const char *name) {
  size_t pos = 0, len = strlen(name);
  bs_text none = {"", 0};
  while (pos < head.n) {
    const char *line = head.s + pos;
    const char *nl = memchr(line, '\n', head.n - pos);
    size_t n = nl ? (size_t)(nl - line) : head.n - pos;
    if (n > len && line[len] == ':' && same_word(line, name, len)) return trim(line + len + 1, n - len - 1);
    pos += n + 1;
  }
  return none;
}

bs_text bs_header_param(bs_text value, const char *param) {
  size_t len = strlen(param), i = 0;
  bs_text none = {"", 0};
  while (i < value.n) {
    const char *semi = memchr(value.s + i, ';', value.n - i);
    size_t start, end;
    if (!semi) return none;
    start = (size_t)(semi - value.s) + 1;
    while (start < value.n && (value.s[start] == ' ' || value.s[start] == '\t')) start++;
    end = start;
    while (end < value.n && value.s[end] != ';') end++;
    if (end - start > len && value.s[start + len] == '=' && same_word(value.s + start, param, len)) {
      bs_text v = trim(value.s + start + len + 1, end - start - len - 1);
      if (v.n >= 2 && v.s[0] == '"' && v.s[v.n - 1] == '"') v.s++, v.n -= 2;
      return v;
    }
    i = end;
  }
  return none;
}

/* ---- bodies ---- */

/* The end of the header block at or after from: the index after the blank
** line, or 0 when there is none. */
static size_t after_blank_line(bs_text t, size_t from) {
  size_t i;
  for (i = from; i < t.n; i++) {
    if (t.s[i] != '\n') continue;
    if (i + 1 < t.n && t.s[i + 1] == '\n') return i + 2;
    if (i + 2 < t.n && t.s[i + 1] == '\r' && t.s[i + 2] == '\n') return i + 3;
  }
  return 0;
}

/* Undoes chunked transfer encoding into out; -1 when the body does not
** start with a chunk size (archivers that de-chunk but keep the header). */
static int dechunk(bs_text in, bs_buf *out, size_t max, const char **problem) {
  size_t pos = 0;
  out->n = 0;
  for (;;) {
    size_t size = 0, digits = 0;
    while (pos < in.n) {
      int c = lower((unsigned char)in.s[pos]);
      int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (v < 0) break;
      if (size > max) break;
      size = size * 16 + (size_t)v;
      digits++, pos++;
    }
    if (!digits && pos == 0) return -1;
    while (pos < in.n && in.s[pos] != '\n') pos++; /* chunk extensions */
    if (!digits || pos >= in.n) {
      *problem = "chunked body breaks off";
      return 1;
    }
    pos++;
    if (size == 0) return 1;
    if (size > in.n - pos) {
      *problem = "chunked body breaks off";
      size = in.n - pos;
    }
    if (out->n + size > max) {
      *problem = "body larger than the record limit, cut";
      size = max - out->n;
    }
    if (size) {
      if (!bs_buf_reserve(out, size)) return 0;
      memcpy(out->s + out->n, in.s + pos, size);
      out->n += size;
    }
    if (*problem) return 1;
    pos += size;
    if (pos < in.n && in.s[pos] == '\r') pos++;
    if (pos < in.n && in.s[pos] == '\n') pos++;
  }
}

/* Inflates in (gzip or zlib when window_bits is 15 + 32, raw when -15) into out. */
static int inflate_into(bs_text in, bs_buf *out, size_t max, int window_bits, const char **problem) {
  z_stream z;
  int ret = Z_OK;
  memset(&z, 0, sizeof z);
  z.zalloc = bs_zalloc;
  z.zfree = bs_zfree;
  z.opaque = out;
  out->n = 0;
  if (inflateInit2(&z, window_bits) != Z_OK) return 0;
  z.next_in = (unsigned char *)(size_t)in.s; /* zlib does not write through next_in */
  z.avail_in = in.n > 0x7fffffff ? 0x7fffffff : (unsigned)in.n;
  while (ret == Z_OK) {
    size_t room;
    if (out->n >= max) {
      *problem = "body larger than the record limit, cut";
      break;
    }
    if (!bs_buf_reserve(out, 65536)) {
      inflateEnd(&z);
      return 0;
    }
    room = out->cap - out->n;
    if (room > max - out->n) room = max - out->n;
    z.next_out = (unsigned char *)out->s + out->n;
    z.avail_out = (unsigned)(room > 0x7fffffff ? 0x7fffffff : room);
    ret = inflate(&z, Z_NO_FLUSH);
    out->n = (size_t)((char *)z.next_out - out->s);
    if (ret == Z_BUF_ERROR && z.avail_in == 0) {
      *problem = "compressed body breaks off";
      break;
    }
  }
  if (ret == Z_MEM_ERROR) {
    inflateEnd(&z);
    return 0;
  }
  if (ret != Z_STREAM_END && ret != Z_OK && ret != Z_BUF_ERROR) *problem = "compressed body is corrupt";
  inflateEnd(&z);
  return 1;
}

static int is_word(bs_text t, const char *word) {
  return t.n == strlen(word) && same_word(t.s, word, t.n);
}

/* Undoes the content encoding of body into out; scratch is spare room. */
static int decode(bs_http *http, bs_buf *out, bs_buf *scratch, size_t max) {
  bs_text enc = http->content_encoding;
  const char *problem = NULL;
  if (is_word(enc, "gzip") || is_word(enc, "x-gzip") || is_word(enc, "deflate")) {
    bs_buf *dst = http->body.s == out->s ? scratch : out;
    if (!inflate_into(http->body, dst, max, 15 + 32, &problem)) return 0;
    if (problem && is_word(enc, "deflate") && dst->n == 0) {
      problem = NULL; /* servers that send raw deflate for "deflate" */
      if (!inflate_into(http->body, dst, max, -15, &problem)) return 0;
    }
    http->body.s = dst->s ? dst->s : "";
    http->body.n = dst->n;
    if (problem) http->problem = problem;
  } else if (enc.n && !is_word(enc, "identity")) {
    http->problem = "unknown content encoding, body kept as it is";
  }
  return 1;
}

int bs_http_read(bs_text block, bs_buf *out, bs_buf *scratch, size_t max, bs_http *http) {
  size_t end, i;
  bs_text head;
  memset(http, 0, sizeof *http);
  http->body = block;
  if (block.n < 12 || memcmp(block.s, "HTTP/", 5) != 0) return 1;
  for (i = 5; i < block.n && block.s[i] != ' '; i++) {}
  while (i < block.n && block.s[i] == ' ') i++;
  while (i < block.n && block.s[i] >= '0' && block.s[i] <= '9' && http->status < 1000)
    http->status = http->status * 10 + (block.s[i++] - '0');
  end = after_blank_line(block, 0);
  if (!end) {
    http->problem = "HTTP headers break off";
    end = block.n;
  }
  head.s = block.s;
  head.n = end;
  http->content_type = bs_header(head, "Content-Type");
  http->content_encoding = bs_header(head, "Content-Encoding");
  http->transfer_encoding = bs_header(head, "Transfer-Encoding");
  http->body.s = block.s + end;
  http->body.n = block.n - end;
  if (is_word(http->transfer_encoding, "chunked")) {
    const char *problem = NULL;
    int ret = dechunk(http->body, out, max, &problem);
    if (!ret) return 0;
    if (ret > 0) {
      http->body.s = out->s ? out->s : "";
      http->body.n = out->n;
    }
    if (problem) http->problem = problem;
  }
  return decode(http, out, scratch, max);
}
