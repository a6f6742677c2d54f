/*
** page.h: finding the article inside a whole web page dumped to text (lynx
** -dump, w3m -dump, html2text, a browser's "save as text", Common Crawl's
** WET extracts), where it sits among menus, share buttons, related links and
** footers. Plain C, no Lua, no allocation: the caller provides the blocks.
**
** The text is clean text (see text.h). Lines are grouped into blocks (a
** paragraph the converter wrapped, a menu item, a heading); each block is
** classified the way jusText classifies paragraphs, the body is the run of
** good blocks, and the headline, date and byline are looked for around its
** start. Every block is kept: as body, as a head field or as boilerplate.
*/
#ifndef BS_PAGE_H
#define BS_PAGE_H

#include <stddef.h>

#include "article.h"
#include "date.h"

/* What a block became. */
enum { BS_PAGE_BOILERPLATE, BS_PAGE_BODY, BS_PAGE_HEAD };

typedef struct bs_page_block {
  bs_span span;           /* its lines, trimmed */
  unsigned char kind;     /* BS_PAGE_BOILERPLATE, BS_PAGE_BODY or BS_PAGE_HEAD */
  unsigned char quality;  /* working state of the classification */
  unsigned char flush;    /* at the margin of a text that indents its lines (lynx's headings) */
  size_t words;
} bs_page_block;

typedef struct bs_page {
  bs_span title, date_text, byline;
  char date[BS_DATE_MAX]; /* ISO 8601 of date_text; "" when there is none */
  size_t nblocks;         /* blocks written, in text order */
  unsigned warnings;      /* BS_WARN_EMPTY, BS_WARN_NOTITLE, BS_WARN_NOBODY */
} bs_page;

/*
** Is t[0..n) a page dump rather than an article in the archive layout
** (README, "The input layout")? Decided by the text alone: dumps wrap their
** paragraphs at a terminal's width or print them without blank lines between,
** while the layout has one line per paragraph and blank lines between blocks.
*/
int bs_page_is_dump(const char *t, size_t n);

/* The most blocks bs_page_parse may write for t[0..n): its non-blank lines. */
size_t bs_page_max_blocks(const char *t, size_t n);

/*
** Finds the article in t[0..n) into out, writing at most max blocks (max
** from bs_page_max_blocks). known, when not NULL, holds what a profile of
** the archive learned: a block whose text is one of known->footers (white
** space aside) is boilerplate, as a site's menus and footers are.
*/
void bs_page_parse(const char *t, size_t n, bs_page_block *blocks, size_t max, const bs_layout_opts *known,
                   bs_page *out);

/*
** The text of a head block (kind BS_PAGE_HEAD) outside the head fields, as a
** boilerplate entry: an "Updated" date beside the publication date, what
** surrounds a byline. Writes it squeezed into dst (the block's size is
** enough) and returns its length; 0 when only punctuation or "By" is left.
*/
size_t bs_page_leftover(const char *t, const bs_page_block *b, const bs_page *page, char *dst);

/*
** The text of s as a record field: white space squeezed to single spaces
** (as bs_squeeze does), and none where the converter wrapped a line between
** two ideographs. Writes at most the span's size into dst; returns the
** length and sets *words (when not NULL) to the words written.
*/
size_t bs_page_squeeze(const char *t, bs_span s, char *dst, size_t *words);

#endif
