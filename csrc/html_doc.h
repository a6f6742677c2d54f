/*
** html_doc.h: what html.c (the walk and the body), html_meta.c (metadata)
** and html_input.c (decoding) share. Internal to the HTML extractor.
*/
#ifndef BS_HTML_DOC_H
#define BS_HTML_DOC_H

#include <stddef.h>

#include <libxml/tree.h>

#include "html.h"

/* The blanks that html_input.c squeezes out of text before parsing, and
   bs_html_add_text out of what it reads, so that both read alike. */
#define BS_HTML_IS_BLANK(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

/* ---- items (html.c) ---- */

/* Adds an item holding a copy of value[0..len) (white space runs squeezed,
   invalid UTF-8 never: the parser's output is UTF-8). 0 when out of memory. */
int bs_html_add(bs_html *h, int kind, const char *key, const char *value, size_t len);

/* Adds a warning, formatted as printf does. */
void bs_html_warn(bs_html *h, const char *format, const char *arg);

/* ---- the tree (html.c) ---- */

/* The value of an attribute, lowercase name, without copying; NULL when absent. */
const char *bs_attr(xmlNodePtr node, const char *name);

/* Is the node an element with this (lowercase) tag name? */
int bs_is_tag(xmlNodePtr node, const char *name);

/* Walks root's subtree in document order without recursion (pages nest
   elements 100,000 deep): enter(ud, node) for each node, whose children are
   visited when it returns nonzero, then leave(ud, node) after them. */
typedef int (*bs_enter_fn)(void *ud, xmlNodePtr node);
typedef void (*bs_leave_fn)(void *ud, xmlNodePtr node);
void bs_walk(xmlNodePtr root, bs_enter_fn enter, bs_leave_fn leave, void *ud);

/* Adds the text of node's subtree (scripts and styles left out), at most
   limit bytes once each run of blanks is cut to its first, as one item. */
void bs_html_add_text(bs_html *h, int kind, const char *key, xmlNodePtr node, size_t limit);

/* Does the node's class or id hold one of the words (substrings, lowercase, two characters or more)?
   An id made of a heading's words (four or more, hyphen-joined) is not read. */
int bs_class_has(xmlNodePtr node, const char *const *words);

/* ---- metadata (html_meta.c) ---- */

/* Adds the page's metadata candidates: metas, links, <title>, h1s, JSON-LD
   texts, lang, <time>, byline elements. */
void bs_html_meta(xmlDocPtr doc, bs_html *h);

/* ---- decoding (html_input.c) ---- */

typedef struct bs_html_input {
  const char *bytes;      /* what the parser reads: the input or owned */
  size_t n;
  char *owned;            /* a decoded copy (free it), or NULL */
  char encoding[40];      /* the encoding named to the parser */
} bs_html_input;

/* Decides the page's encoding (see html_input.c); warnings go to h.
   0 when out of memory. */
int bs_html_decode(const char *s, size_t n, const char *charset, bs_html_input *in, bs_html *h);

/* Cuts the content of every <script> but JSON-LD ones, of every <style>,
   the attributes nothing reads and all but the first of each run of
   blanks, out of UTF-8 input (see html_input.c):
   in then reads a copy. 0 when out of memory. */
int bs_html_drop_unread(bs_html_input *in);

/* bs_html_parse without those cuts, which must read the same: the fuzz
   harness compares the two. */
int bs_html_parse_uncut(const char *s, size_t n, const char *charset, bs_html *out);

#endif
