/*
** warc.h: a streaming reader of web archives (WARC 1.0 and 1.1, ARC v1),
** gzip-compressed one member per record or not at all, and of the HTTP
** messages inside their records. Plain C: the caller feeds bytes in chunks
** and takes records out one at a time; memory comes from the caller's
** allocator and stays bounded by the record size limit given at creation.
*/
#ifndef BS_WARC_H
#define BS_WARC_H

#include <stddef.h>

#include "http.h"

typedef struct bs_warc bs_warc;

/* What bs_warc_next found. */
enum {
  BS_WARC_MORE,    /* feed more bytes (or call bs_warc_finish at the end) */
  BS_WARC_RECORD,  /* *record holds one record until the next call */
  BS_WARC_WARNING, /* bs_warc_warning() says what was skipped and where */
  BS_WARC_END,     /* the input is over */
  BS_WARC_NOMEM    /* the allocator failed; the reader can only be freed */
};

typedef struct {
  long long offset;  /* where the record starts in the input: its gzip member, or its first byte */
  int arc;           /* 1 for an ARC record (no WARC named fields) */
  int oversized;     /* the block was longer than the limit and was skipped: block is empty */
  bs_text type;      /* WARC-Type; "response" for ARC records, "warcinfo" for ARC's filedesc */
  bs_text uri;       /* WARC-Target-URI, or the ARC URL */
  bs_text date;      /* WARC-Date, or ARC's 14-digit date */
  bs_text content_type; /* the record's Content-Type */
  bs_text record_id, refers_to, payload_digest, refers_to_uri, refers_to_date;
  bs_text block;     /* the content block */
} bs_warc_record;

/* max_record bounds a record's block (and a decoded HTTP body). NULL when
** the allocator fails. */
bs_warc *bs_warc_new(bs_alloc alloc, void *ud, size_t max_record);
void bs_warc_free(bs_warc *r);

/* Copies len input bytes in; 0 when the allocator failed. Feed only after
** bs_warc_next returned BS_WARC_MORE. */
int bs_warc_feed(bs_warc *r, const void *data, size_t len);
/* No more input will come. */
void bs_warc_finish(bs_warc *r);
/* The next record, warning or request for more input. */
int bs_warc_next(bs_warc *r, bs_warc_record *record);
/* The last warning's text (valid until the next call). */
const char *bs_warc_warning(const bs_warc *r);

/* Reads the HTTP message in block with the reader's allocator and limit
** (see http.h); what it points to lasts until the next call. 0 when the
** allocator failed. */
int bs_warc_http(bs_warc *r, bs_text block, bs_http *http);

/* What the first bytes of a file hold: 1 WARC, 2 ARC, 0 neither (gzip
** members are looked into). */
int bs_warc_sniff(bs_alloc alloc, void *ud, const void *head, size_t len);

#endif
