/*
** http.h: the HTTP messages web archives keep (status line, headers, a body
** in chunked transfer encoding or gzip/deflate content encoding), and the
** growable buffers and zlib memory hooks the archive reader shares. Plain C.
*/
#ifndef BS_HTTP_H
#define BS_HTTP_H

#include <stddef.h>

/* The allocator, with lua_Alloc's contract: nsize 0 frees, else (re)allocates. */
typedef void *(*bs_alloc)(void *ud, void *ptr, size_t osize, size_t nsize);

/* A span of bytes someone else owns. */
typedef struct {
  const char *s;
  size_t n;
} bs_text;

/* A growable buffer in the caller's allocator. */
typedef struct {
  bs_alloc alloc;
  void *ud;
  char *s;
  size_t n, cap;
} bs_buf;

/* Room for extra more bytes after n; 0 when the allocator failed. */
int bs_buf_reserve(bs_buf *b, size_t extra);
void bs_buf_free(bs_buf *b);

/* zlib's zalloc/zfree over a bs_buf's allocator (opaque is the bs_buf). */
void *bs_zalloc(void *opaque, unsigned items, unsigned size);
void bs_zfree(void *opaque, void *ptr);

typedef struct {
  int status;          /* 0 when the block is not an HTTP response */
  bs_text content_type, content_encoding, transfer_encoding;
  bs_text body;        /* de-chunked and decompressed when those apply */
  const char *problem; /* NULL, or what was wrong (body is then what could be read) */
} bs_http;

/* Reads the response in block. The decoded body goes to out (scratch is a
** second buffer), at most max bytes. 0 when the allocator failed. */
int bs_http_read(bs_text block, bs_buf *out, bs_buf *scratch, size_t max, bs_http *http);

/* A header value found in the header lines of head ("Content-Type"),
** case-insensitively, white space trimmed; empty when absent. */
bs_text bs_header(bs_text head, const char *name);

/* The parameter param ("charset") of a header value, quotes removed; empty
** when absent. */
bs_text bs_header_param(bs_text value, const char *param);

#endif
