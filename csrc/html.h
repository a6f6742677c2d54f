/*
** html.h: one web page's article and metadata, read with libxml2's HTML
** parser. Plain C, no Lua. The page is decoded to UTF-8 (html_input.c),
** parsed, walked, and freed again inside bs_html_parse: what is handed back
** is a list of strings (body paragraphs and named metadata candidates) in
** one buffer, owned by the bs_html and released with bs_html_free.
**
** libxml2's global state: bs_html_parse calls xmlInitParser, which is
** idempotent; a threaded embedder calls it once from the main thread before
** starting threads (libxml2's own rule). xmlCleanupParser is never called.
*/
#ifndef BS_HTML_H
#define BS_HTML_H

#include <stddef.h>

/* What an item is: a body paragraph, a metadata candidate or a warning. */
enum { BS_HTML_PARA, BS_HTML_META, BS_HTML_WARNING };

typedef struct bs_html_item {
  int kind;
  size_t key, key_len;    /* BS_HTML_META: its name ("title", "meta:og:title", "jsonld", ...) */
  size_t value, len;      /* the text, as offsets into bs_html.text */
} bs_html_item;

typedef struct bs_html {
  char *text;             /* every item's bytes, valid UTF-8 */
  size_t text_len, text_cap;
  bs_html_item *items;
  size_t nitems, items_cap;
  int out_of_memory;      /* some items are missing: allocation failed */
} bs_html;

/*
** Reads the page s[0..n). charset is the caller's (HTTP header) charset or
** NULL. Always fills out (release it with bs_html_free), whatever the input;
** returns 0 only when memory ran out.
*/
int bs_html_parse(const char *s, size_t n, const char *charset, bs_html *out);

void bs_html_free(bs_html *h);

/* Does s[0..n) look like an HTML page rather than article text? */
int bs_html_sniff(const char *s, size_t n);

#endif
