/*
** article.h: finding the fields of one archived article in clean text (see
** text.h) by the position and shape of its blocks. Plain C, no Lua, no
** allocation: results are byte ranges of the text the caller passed in.
**
** The layout (SPEC section 1), block by block, blocks separated by blank lines:
** masthead?, headline, date?, byline or caption?, body paragraphs, and a tail
** after two blank lines: the tag line, then footer boilerplate.
*/
#ifndef BS_ARTICLE_H
#define BS_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

/* Bytes [start, end) of the clean text; start == end means absent. */
typedef struct bs_span {
  size_t start, end;
} bs_span;

/* A string the caller knows about (not NUL-terminated). */
typedef struct bs_str {
  const char *s;
  size_t n;
} bs_str;

/* What the caller already knows of the archive, e.g. from a learned profile. */
typedef struct bs_layout_opts {
  bs_str site;            /* the masthead line, or {NULL, 0} */
  const bs_str *footers;  /* boilerplate lines to treat as footer */
  size_t nfooters;
} bs_layout_opts;

typedef struct bs_layout {
  bs_span site, title, date_text, byline, caption;
  char date[BS_DATE_MAX]; /* ISO 8601 of date_text; "" when there is none */
  bs_span body;           /* the body paragraphs: iterate with bs_next_block */
  bs_span tag_line;       /* the whole tag line, "Tags:" prefix included */
  bs_span tags;           /* its labels: iterate with bs_next_label */
  int tags_listed;        /* labels are separated by commas, not spaces */
  bs_span tail;           /* tag line and footer lines; footer = tail less tag_line */
  unsigned warnings;      /* BS_WARN_EMPTY, BS_WARN_NOTITLE, BS_WARN_NOBODY */
} bs_layout;

/* Finds the fields of the clean text t[0..n). opts may be NULL. */
void bs_layout_parse(const char *t, size_t n, const bs_layout_opts *opts, bs_layout *out);

/* Can opts make bs_layout_parse read the clean text t[0..n) otherwise than
** with no opts, whose reading took a masthead when site_taken? 0 promises the
** same layout, so that a reading made before a profile was learned can stand. */
int bs_layout_opts_matter(const char *t, size_t n, const bs_layout_opts *opts, int site_taken);

/*
** Iterates the blocks (runs of non-blank lines) of t within span: starting
** with *pos = span.start, each call sets *block (trailing blanks trimmed) and
** returns 1, or returns 0 at the end.
*/
int bs_next_block(const char *t, bs_span span, size_t *pos, bs_span *block);

/* Iterates the labels of a tag line the same way (spaces or commas between). */
int bs_next_label(const char *t, bs_span tags, int listed, size_t *pos, bs_span *label);

/*
** Writes the non-blank lines of t[span] that lie outside skip, each with its
** white space squeezed, joined by '\n', into dst (span's size is enough);
** returns the length written.
*/
size_t bs_join_lines(const char *t, bs_span span, bs_span skip, char *dst);

/* Line shapes the layout rules use, for page.c: white space trimmed from both
   ends; does the line end a sentence ("U.S." does not), with '?' or '!'
   (closing quotes and brackets aside); is it a list of capitalized names,
   as a byline's ("Jane Doe, Science Editor")? */
bs_span bs_trim(const char *t, bs_span s);
int bs_ends_sentence(const char *t, bs_span s);
int bs_ends_question(const char *t, bs_span s);
int bs_is_names(const char *t, bs_span s);
/* Does the span start with the ASCII word w (lower case), case-insensitively? */
int bs_starts_with(const char *t, bs_span s, const char *w);

/* Article ids: a 64-bit hash of the fields that make an article itself. */
#define BS_ID_SEED UINT64_C(0xcbf29ce484222325)
#define BS_ID_LEN 16
uint64_t bs_id_add(uint64_t h, const char *s, size_t n);
void bs_id_format(uint64_t h, char out[BS_ID_LEN + 1]);

#endif
