/*
** warc.c: a streaming reader of WARC (1.0, 1.1) and ARC v1 files, plain or
** gzip-compressed (a member per record, as crawlers write them, or one member
** around everything). Bytes are fed in; the gzip layer inflates only as far
** as the record parser needs, so memory holds one record (bounded by the
** limit) and a chunk of input, whatever the size of the file.
**
** Damage is read past, never stopped at: a corrupt or truncated gzip member
** is dropped and the next member header searched for; bytes that are not a
** record are skipped up to the next line starting "WARC/1." (or the next ARC
** header line); a Content-Length running into the next record is cut where
** that record starts. Each such repair comes out as a warning naming the
** input offset.
*/
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "warc.h"

#define MAX_HEADER (64 * 1024) /* a WARC or ARC header block longer than this is garbage */
#define INFLATE_STEP (64 * 1024)
#define RESCAN (256 * 1024) /* input kept behind the inflate position, searched again after damage */
#define MAX_BREAKS 4 /* damage seen ahead of the record being read: one member's worth */
#define TRAILER_PEEK 9 /* bytes after a block that check_end looks at: "\r\n\r\nWARC/" */

enum { SEEK, HEADER, BLOCK, SKIP };
/* step's result when *out holds a record to hand out (BS_WARC_RECORD from
** step itself means "go on") */
#define EMIT 100
enum { UNKNOWN, PLAIN, GZIP };

struct bs_warc {
  bs_buf in;        /* input not yet inflated (gzip) */
  size_t in_pos;
  long long in_base; /* input offset of in.s[0] */
  bs_buf buf;       /* plain bytes: the record being read */
  size_t pos;       /* where parsing stands in buf */
  long long base;   /* plain offset of buf.s[0] */
  long long breaks[MAX_BREAKS]; /* plain offsets where damaged members stopped, ascending */
  int nbreaks;
  bs_buf out, scratch; /* HTTP bodies */
  size_t max_record;
  int mode, state, finished, arc, in_member, zinit;
  int between; /* skipping bytes between gzip members: warned once */
  int scanning, line_start, stretch; /* looking for a record: at a line start, in skipped bytes */
  long long member_in[2], member_plain[2]; /* the current and previous gzip member starts */
  long long record_start; /* plain offset of the record being read */
  size_t header_len, skip;
  bs_warc_record record;
  int have_record; /* a record waits behind a warning */
  z_stream z;
  char warning[200];
};

bs_warc *bs_warc_new(bs_alloc alloc, void *ud, size_t max_record) {
  bs_warc *r = alloc(ud, NULL, 0, sizeof *r);
  if (!r) return NULL;
  memset(r, 0, sizeof *r);
  r->in.alloc = r->buf.alloc = r->out.alloc = r->scratch.alloc = alloc;
  r->in.ud = r->buf.ud = r->out.ud = r->scratch.ud = ud;
  r->max_record = max_record;
  return r;
}

void bs_warc_free(bs_warc *r) {
  bs_alloc alloc;
  void *ud;
  if (!r) return;
  if (r->zinit) inflateEnd(&r->z);
  bs_buf_free(&r->in);
  bs_buf_free(&r->out);
  bs_buf_free(&r->scratch);
  alloc = r->buf.alloc;
  ud = r->buf.ud;
  bs_buf_free(&r->buf);
  alloc(ud, r, sizeof *r, 0);
}

const char *bs_warc_warning(const bs_warc *r) {
  return r->warning;
}

/* Drops the parsed bytes in front of buf when they are many. */
static void compact(bs_buf *b, size_t *pos, long long *base) {
  if (*pos == 0 || (*pos < 65536 && *pos < b->n / 2)) return;
  memmove(b->s, b->s + *pos, b->n - *pos);
  b->n -= *pos;
  *base += (long long)*pos;
  *pos = 0;
}

int bs_warc_feed(bs_warc *r, const void *data, size_t len) {
  bs_buf *dst;
  if (r->mode == UNKNOWN && len) {
    const unsigned char *p = data;
    if (r->in.n == 0 && len == 1 && p[0] == 0x1f) {
      /* cannot tell yet: keep the byte in the input buffer */
    } else {
      unsigned char second = r->in.n ? p[0] : len > 1 ? p[1] : 0;
      unsigned char first = r->in.n ? (unsigned char)r->in.s[0] : p[0];
      r->mode = first == 0x1f && second == 0x8b ? GZIP : PLAIN;
      if (r->mode == PLAIN && r->in.n) { /* the byte kept back */
        if (!bs_buf_reserve(&r->buf, 1)) return 0;
        r->buf.s[r->buf.n++] = r->in.s[0];
        r->in.n = 0;
      }
    }
  }
  if (r->mode == PLAIN) {
    compact(&r->buf, &r->pos, &r->base);
    dst = &r->buf;
  } else {
    size_t keep = r->in_pos < RESCAN ? r->in_pos : RESCAN, drop = r->in_pos - keep;
    if (drop && (drop >= 65536 || drop >= r->in.n / 2)) { /* input behind the inflate position, less the rescan window */
      memmove(r->in.s, r->in.s + drop, r->in.n - drop);
      r->in.n -= drop;
      r->in_pos -= drop;
      r->in_base += (long long)drop;
    }
    dst = &r->in;
  }
  if (!bs_buf_reserve(dst, len)) return 0;
  if (len) memcpy(dst->s + dst->n, data, len);
  dst->n += len;
  return 1;
}

void bs_warc_finish(bs_warc *r) {
  r->finished = 1;
  if (r->mode == UNKNOWN && r->in.n) { /* a lone byte */
    r->mode = PLAIN;
    if (bs_buf_reserve(&r->buf, 1)) r->buf.s[r->buf.n++] = r->in.s[0];
    r->in.n = 0;
  }
}

static int warn(bs_warc *r, long long offset, const char *what) {
  snprintf(r->warning, sizeof r->warning, "offset %lld: %s", offset, what);
  return BS_WARC_WARNING;
}

/* ---- the gzip layer ---- */

static const unsigned char *find_member(const unsigned char *s, size_t n) {
  size_t i;
  for (i = 0; i + 2 < n; i++)
    if (s[i] == 0x1f && s[i + 1] == 0x8b && s[i + 2] == 8) return s + i;
  return NULL;
}

/* The member in the input has ended or broken: the next one, if any, starts
** at the next gzip magic. */
static int end_member(bs_warc *r, int damaged, const char *what) {
  long long at = r->member_in[0];
  r->in_member = 0;
  if (damaged) {
    if (r->nbreaks == MAX_BREAKS) memmove(r->breaks, r->breaks + 1, sizeof r->breaks - sizeof *r->breaks);
    else r->nbreaks++;
    long long from = r->in_base + (long long)r->in_pos - RESCAN;
    r->breaks[r->nbreaks - 1] = r->base + (long long)r->buf.n;
    /* zlib may have read into the next member before it saw the damage:
    ** look for it again from just after this member's start */
    if (from < at + 1) from = at + 1;
    r->in_pos = (size_t)(from - r->in_base);
    return warn(r, at, what);
  }
  return BS_WARC_MORE;
}

/* Starts the next member at in_pos, skipping bytes that are not one. */
static int start_member(bs_warc *r) {
  const unsigned char *s = (const unsigned char *)r->in.s + r->in_pos;
  size_t n = r->in.n - r->in_pos;
  const unsigned char *m = find_member(s, n);
  if (!m) {
    size_t keep = n < 2 ? n : 2, garbage = n - keep;
    if (r->finished) garbage = n;
    r->in_pos += garbage;
    if (garbage && !r->between && !(garbage == n && n < 3 && s[0] == 0)) { /* zero padding is no news */
      r->between = 1;
      return warn(r, r->in_base + (long long)(r->in_pos - garbage), "bytes between gzip members skipped");
    }
    return BS_WARC_MORE;
  }
  if (m > s) {
    long long at = r->in_base + (long long)r->in_pos;
    r->in_pos += (size_t)(m - s);
    if (!r->between) return warn(r, at, "bytes between gzip members skipped");
  }
  r->between = 0;
  if (!r->zinit) {
    r->z.zalloc = bs_zalloc;
    r->z.zfree = bs_zfree;
    r->z.opaque = &r->buf;
    if (inflateInit2(&r->z, 15 + 16) != Z_OK) return BS_WARC_NOMEM;
    r->zinit = 1;
  } else if (inflateReset(&r->z) != Z_OK) {
    return BS_WARC_NOMEM;
  }
  r->member_in[1] = r->member_in[0];
  r->member_plain[1] = r->member_plain[0];
  r->member_in[0] = r->in_base + (long long)r->in_pos;
  r->member_plain[0] = r->base + (long long)r->buf.n;
  r->in_member = 1;
  return BS_WARC_RECORD; /* started */
}

/* Inflates a step more into buf: BS_WARC_RECORD when bytes came, MORE when
** input is needed, WARNING, END or NOMEM. */
static int inflate_more(bs_warc *r) {
  size_t before;
  int ret;
  if (r->mode != GZIP) return r->finished ? BS_WARC_END : BS_WARC_MORE;
  while (!r->in_member) {
    if (r->in_pos >= r->in.n) return r->finished ? BS_WARC_END : BS_WARC_MORE;
    if (r->in.n - r->in_pos < 3 && !r->finished) return BS_WARC_MORE;
    ret = start_member(r);
    if (ret != BS_WARC_RECORD) return ret;
  }
  if (!bs_buf_reserve(&r->buf, INFLATE_STEP)) return BS_WARC_NOMEM;
  r->z.next_in = (unsigned char *)r->in.s + r->in_pos;
  r->z.avail_in = (unsigned)(r->in.n - r->in_pos);
  r->z.next_out = (unsigned char *)r->buf.s + r->buf.n;
  r->z.avail_out = INFLATE_STEP;
  before = r->buf.n;
  ret = inflate(&r->z, Z_NO_FLUSH);
  r->in_pos = (size_t)((char *)r->z.next_in - r->in.s);
  r->buf.n = (size_t)((char *)r->z.next_out - r->buf.s);
  if (ret == Z_MEM_ERROR) return BS_WARC_NOMEM;
  if (ret == Z_STREAM_END) {
    end_member(r, 0, NULL);
  } else if (ret != Z_OK && !(ret == Z_BUF_ERROR && r->in_pos >= r->in.n)) {
    return end_member(r, 1, "corrupt gzip member skipped");
  } else if (r->buf.n == before && r->in_pos >= r->in.n) {
    if (r->finished) return end_member(r, 1, "gzip member breaks off at the end of the input");
    return BS_WARC_MORE;
  }
  return BS_WARC_RECORD;
}

/* ---- records ---- */

static long long record_offset(const bs_warc *r, long long plain) {
  if (r->mode != GZIP) return plain;
  return plain >= r->member_plain[0] ? r->member_in[0] : r->member_in[1];
}

/* Forgets the damage at or before plain offset at. */
static void drop_breaks(bs_warc *r, long long at) {
  int k = 0;
  while (k < r->nbreaks && r->breaks[k] <= at) k++;
  memmove(r->breaks, r->breaks + k, (size_t)(r->nbreaks - k) * sizeof *r->breaks);
  r->nbreaks -= k;
}

static bs_text span(const char *s, size_t n) {
  bs_text t;
  t.s = s;
  t.n = n;
  return t;
}

/* The end of the header block starting at pos: the index after its blank
** line ("\r\n\r\n", "\n\n", or the "\r\r\n" line ends of broken writers). */
static size_t header_end(const char *s, size_t pos, size_t n) {
  size_t i;
  if (n - pos > MAX_HEADER) n = pos + MAX_HEADER;
  for (i = pos; i < n; i++) {
    size_t j = i + 1;
    if (s[i] != '\n') continue;
    while (j < n && s[j] == '\r') j++;
    if (j < n && s[j] == '\n') return j + 1;
  }
  return 0;
}

static int parse_size(bs_text t, size_t *out) {
  size_t i, v = 0;
  if (!t.n) return 0;
  for (i = 0; i < t.n; i++) {
    if (t.s[i] < '0' || t.s[i] > '9' || v > ((size_t)-1 - 9) / 10) return 0;
    v = v * 10 + (size_t)(t.s[i] - '0');
  }
  *out = v;
  return 1;
}

/* The ARC header line in line: URL IP date type [...] length. */
static int parse_arc(bs_warc_record *rec, const char *line, size_t n, size_t *length) {
  bs_text field[16];
  size_t count = 0, i = 0;
  while (n && (line[n - 1] == '\r' || line[n - 1] == ' ')) n--;
  while (i < n && count < 16) {
    size_t start = i;
    while (i < n && line[i] != ' ') i++;
    field[count++] = span(line + start, i - start);
    while (i < n && line[i] == ' ') i++;
  }
  if (count < 5 || i < n || field[2].n != 14 || !parse_size(field[count - 1], length)) return 0;
  if (!memchr(field[0].s, ':', field[0].n)) return 0;
  for (i = 0; i < 14; i++)
    if (field[2].s[i] < '0' || field[2].s[i] > '9') return 0;
  rec->arc = 1;
  rec->uri = field[0];
  rec->date = field[2];
  rec->content_type = field[3];
  rec->type = field[0].n >= 11 && memcmp(field[0].s, "filedesc://", 11) == 0 ? span("warcinfo", 8)
                                                                              : span("response", 8);
  return 1;
}

/* Reads the header block buf[pos..end) into r->record; 0 when it is not one. */
static int parse_header(bs_warc *r, size_t end, size_t *length) {
  bs_warc_record *rec = &r->record;
  const char *s = r->buf.s + r->pos;
  bs_text head;
  memset(rec, 0, sizeof *rec);
  rec->offset = record_offset(r, r->record_start);
  if (r->arc) return parse_arc(rec, s, end - r->pos - 1, length);
  head = span(s, end - r->pos);
  rec->type = bs_header(head, "WARC-Type");
  rec->uri = bs_header(head, "WARC-Target-URI");
  if (rec->uri.n >= 2 && rec->uri.s[0] == '<' && rec->uri.s[rec->uri.n - 1] == '>') rec->uri.s++, rec->uri.n -= 2;
  rec->date = bs_header(head, "WARC-Date");
  rec->content_type = bs_header(head, "Content-Type");
  rec->record_id = bs_header(head, "WARC-Record-ID");
  rec->refers_to = bs_header(head, "WARC-Refers-To");
  rec->payload_digest = bs_header(head, "WARC-Payload-Digest");
  rec->refers_to_uri = bs_header(head, "WARC-Refers-To-Target-URI");
  rec->refers_to_date = bs_header(head, "WARC-Refers-To-Date");
  return parse_size(bs_header(head, "Content-Length"), length);
}

/* No more bytes will come into buf. */
static int exhausted(const bs_warc *r) {
  return r->finished && (r->mode != GZIP || (!r->in_member && r->in_pos >= r->in.n));
}

static int is_space(char c) {
  return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\0';
}

/* Does a record start at j? 1 yes, 0 no, -1 cannot tell before more bytes
** come. The answer never depends on how the input was cut into chunks. */
static int starts_record(bs_warc *r, size_t j) {
  const char *s = r->buf.s;
  size_t n = r->buf.n, length;
  const char *nl;
  bs_warc_record probe;
  int more = !exhausted(r);
  if (r->base + (long long)j == 0) {
    if (n - j < 11 && more) return -1;
    if (n - j >= 11 && memcmp(s + j, "filedesc://", 11) == 0) r->arc = 1;
  }
  if (!r->arc) {
    if (n - j < 7) return more ? -1 : 0;
    return memcmp(s + j, "WARC/1.", 7) == 0;
  }
  nl = memchr(s + j, '\n', n - j > MAX_HEADER ? MAX_HEADER : n - j);
  if (!nl) return more && n - j <= MAX_HEADER ? -1 : 0;
  return parse_arc(&probe, s + j, (size_t)(nl - s) - j, &length);
}

/* Finds where the next record starts: white space between records is
** passed over, other bytes are skipped (with one warning per stretch) up to
** a line where a record starts. Returns RECORD when one starts at pos, MORE
** when bytes are needed, WARNING at the start of a skipped stretch. */
static int seek_record(bs_warc *r) {
  const char *s = r->buf.s;
  size_t n = r->buf.n;
  if (!r->scanning) {
    r->scanning = r->line_start = 1;
    r->stretch = 0;
  }
  while (r->pos < n) {
    if (r->nbreaks) { /* where a damaged member stopped, the next one starts afresh */
      long long at = r->base + (long long)r->pos;
      drop_breaks(r, at - 1);
      if (r->nbreaks && r->breaks[0] == at) r->line_start = 1;
    }
    if (r->line_start) {
      size_t j = r->pos;
      int found;
      while (j < n && is_space(s[j])) j++;
      r->pos = j; /* white space after a line start starts the same candidate */
      if (j == n) return BS_WARC_MORE;
      found = starts_record(r, j);
      if (found < 0) return BS_WARC_MORE;
      if (found > 0) {
        r->scanning = 0;
        return BS_WARC_RECORD;
      }
      r->line_start = 0;
      if (!r->stretch) {
        r->stretch = 1;
        return warn(r, record_offset(r, r->base + (long long)j), r->arc ? "bytes that are no ARC record skipped"
                                                                       : "bytes that are no WARC record skipped");
      }
    }
    r->line_start = s[r->pos] == '\n';
    r->pos++;
  }
  return BS_WARC_MORE;
}

/* Starts skipping bytes up to the next record, as after garbage. */
static void skip_to_next(bs_warc *r, size_t from) {
  r->pos = from;
  r->state = SEEK;
  r->scanning = 1;
  r->line_start = 0;
  r->stretch = 1;
}

/* Did a damaged gzip member cut the record being read short within its
** first needed bytes? Then reading goes on where the next member began. */
static int cut_short(bs_warc *r, size_t needed) {
  long long end = r->base + (long long)(r->pos + needed);
  int k;
  drop_breaks(r, r->record_start);
  for (k = 0; k < r->nbreaks; k++) {
    if (r->breaks[k] < end) {
      skip_to_next(r, (size_t)(r->breaks[k] - r->base));
      r->line_start = 1;
      drop_breaks(r, r->breaks[k]);
      return 1;
    }
  }
  return 0;
}

/* Checks the blank line after a block of length bytes at block; when it is
** missing, a Content-Length that runs into the next record is cut there. */
static int check_end(bs_warc *r, size_t block, size_t *length) {
  const char *s = r->buf.s + block;
  size_t n = *length, i, after = r->buf.n - block - n;
  size_t k = 0;
  if (r->arc) return 0;
  if (after > TRAILER_PEEK) after = TRAILER_PEEK;
  while (k < after && k < 4 && (s[n + k] == '\r' || s[n + k] == '\n')) k++;
  if (k == after || k == 4 || (after - k >= 5 && memcmp(s + n + k, "WARC/", 5) == 0)) return 0;
  for (i = 0; i + 9 < n; i++) {
    size_t at = s[i + 1] == '\n' ? i + 2 : s[i + 1] == '\r' && s[i + 2] == '\n' ? i + 3 : 0;
    if (s[i] == '\n' && at && at + 7 <= n && memcmp(s + at, "WARC/1.", 7) == 0) {
      *length = at;
      return warn(r, record_offset(r, r->record_start), "Content-Length runs into the next record, cut there");
    }
  }
  return warn(r, record_offset(r, r->record_start), "no blank line after the record's block");
}

/* Makes sure buf holds need bytes from pos: RECORD when it does, else what inflate_more said. */
static int have(bs_warc *r, size_t need) {
  while (r->buf.n - r->pos < need) {
    int ret;
    if (r->mode == GZIP) compact(&r->buf, &r->pos, &r->base);
    ret = inflate_more(r);
    if (ret != BS_WARC_RECORD) return ret;
  }
  return BS_WARC_RECORD;
}

static int step(bs_warc *r, bs_warc_record *out) {
  int ret;
  size_t end, length;
  switch (r->state) {
  case SEEK:
    if (r->mode == GZIP) compact(&r->buf, &r->pos, &r->base);
    ret = seek_record(r);
    if (ret == BS_WARC_MORE) return inflate_more(r);
    if (ret == BS_WARC_RECORD) {
      r->state = HEADER;
      r->record_start = r->base + (long long)r->pos;
      return BS_WARC_RECORD;
    }
    return ret;
  case HEADER:
    end = header_end(r->buf.s, r->pos, r->buf.n);
    if (r->arc) {
      const char *nl = memchr(r->buf.s + r->pos, '\n', r->buf.n - r->pos);
      end = nl ? (size_t)(nl - r->buf.s) + 1 : 0;
    }
    if (!end) {
      if (r->buf.n - r->pos > MAX_HEADER) {
        skip_to_next(r, r->pos + 1);
        return warn(r, record_offset(r, r->record_start), "record header too long, skipped");
      }
      ret = have(r, r->buf.n - r->pos + 1);
      if (ret == BS_WARC_END) {
        r->pos = r->buf.n;
        r->state = SEEK;
        return warn(r, record_offset(r, r->record_start), "record header breaks off at the end of the input");
      }
      if (ret == BS_WARC_RECORD && cut_short(r, r->buf.n - r->pos))
        return warn(r, record_offset(r, r->record_start), "record lost in a damaged gzip member");
      return ret;
    }
    if (cut_short(r, end - r->pos))
      return warn(r, record_offset(r, r->record_start), "record lost in a damaged gzip member");
    if (!parse_header(r, end, &length)) {
      r->state = SEEK;
      r->pos = end;
      return warn(r, record_offset(r, r->record_start), "record without a valid Content-Length skipped");
    }
    r->header_len = end - r->pos;
    r->skip = length;
    r->state = length > r->max_record ? SKIP : BLOCK;
    if (r->state == SKIP) {
      r->record.oversized = 1;
      r->record.block = span("", 0);
      *out = r->record;
      r->pos = end;
      return EMIT; /* the record, its block skipped */
    }
    return BS_WARC_RECORD;
  case BLOCK:
    length = r->skip;
    ret = have(r, r->header_len + length + TRAILER_PEEK);
    if (ret == BS_WARC_END && r->buf.n - r->pos >= r->header_len + length) ret = BS_WARC_RECORD;
    if (ret == BS_WARC_RECORD && cut_short(r, r->header_len + length))
      return warn(r, record_offset(r, r->record_start), "record lost in a damaged gzip member");
    if (ret == BS_WARC_END) {
      r->pos += r->header_len;
      r->state = SEEK;
      return warn(r, record_offset(r, r->record_start), "record breaks off at the end of the input (Content-Length too large)");
    }
    if (ret != BS_WARC_RECORD) return ret;
    /* the fields point into buf, which stays as it is until the next call */
    parse_header(r, r->pos + r->header_len, &end);
    ret = check_end(r, r->pos + r->header_len, &length);
    r->record.block = span(r->buf.s + r->pos + r->header_len, length);
    r->pos += r->header_len + length;
    r->state = SEEK;
    *out = r->record;
    if (ret == BS_WARC_WARNING) {
      r->have_record = 1;
      return ret;
    }
    return EMIT;
  default: /* SKIP: the block of an oversized record */
    while (r->skip) {
      size_t n = r->buf.n - r->pos;
      if (n > r->skip) n = r->skip;
      r->pos += n;
      r->skip -= n;
      if (r->skip) {
        r->base += (long long)r->buf.n; /* all of buf is consumed */
        r->buf.n = r->pos = 0;
        ret = inflate_more(r);
        if (ret == BS_WARC_END) {
          r->state = SEEK;
          return warn(r, record_offset(r, r->record_start), "oversized record breaks off at the end of the input");
        }
        if (ret != BS_WARC_RECORD) return ret;
      }
    }
    r->state = SEEK;
    return BS_WARC_RECORD;
  }
}

int bs_warc_next(bs_warc *r, bs_warc_record *record) {
  if (r->have_record) {
    r->have_record = 0;
    *record = r->record;
    return BS_WARC_RECORD;
  }
  for (;;) {
    int ret = step(r, record);
    if (ret == EMIT) return BS_WARC_RECORD;
    if (ret != BS_WARC_RECORD) return ret;
  }
}

int bs_warc_http(bs_warc *r, bs_text block, bs_http *http) {
  return bs_http_read(block, &r->out, &r->scratch, r->max_record, http);
}

int bs_warc_sniff(bs_alloc alloc, void *ud, const void *head, size_t len) {
  const unsigned char *p = head;
  unsigned char plain[64];
  size_t n = len;
  bs_buf mem;
  z_stream z;
  if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
    memset(&z, 0, sizeof z);
    memset(&mem, 0, sizeof mem);
    mem.alloc = alloc;
    mem.ud = ud;
    z.zalloc = bs_zalloc;
    z.zfree = bs_zfree;
    z.opaque = &mem;
    if (inflateInit2(&z, 15 + 16) != Z_OK) return 0;
    z.next_in = (unsigned char *)(size_t)p;
    z.avail_in = (unsigned)(len > 0x7fffffff ? 0x7fffffff : len);
    z.next_out = plain;
    z.avail_out = sizeof plain;
    inflate(&z, Z_NO_FLUSH);
    n = sizeof plain - z.avail_out;
    inflateEnd(&z);
    p = plain;
  }
  if (n >= 7 && memcmp(p, "WARC/1.", 7) == 0) return 1;
  if (n >= 11 && memcmp(p, "filedesc://", 11) == 0) return 2;
  return 0;
}
