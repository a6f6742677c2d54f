/*
** html_tree.c: the items a page's reading hands back, and the tree helpers
** the body and metadata walks share (see html_doc.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_doc.h"
#include "text.h"

/* ---- items ---- */

static int reserve_text(bs_html *h, size_t more) {
  size_t cap;
  char *text;
  if (h->out_of_memory) return 0;
  if (h->text_cap - h->text_len > more) return 1;
  cap = h->text_cap ? h->text_cap : 4096;
  while (cap - h->text_len <= more) {
    if (cap > ((size_t)-1) / 2) goto fail;
    cap *= 2;
  }
  text = realloc(h->text, cap);
  if (!text) goto fail;
  h->text = text;
  h->text_cap = cap;
  return 1;
fail:
  h->out_of_memory = 1;
  return 0;
}

static int push_item(bs_html *h, const bs_html_item *item) {
  if (h->nitems == h->items_cap) {
    size_t cap = h->items_cap ? h->items_cap * 2 : 64;
    bs_html_item *items = cap > ((size_t)-1) / sizeof *items ? NULL : realloc(h->items, cap * sizeof *items);
    if (!items) {
      h->out_of_memory = 1;
      return 0;
    }
    h->items = items;
    h->items_cap = cap;
  }
  h->items[h->nitems++] = *item;
  return 1;
}

static int add_item(bs_html *h, int kind, const char *key, const char *value, size_t len);

/* libxml2 hands up UTF-8; should a converter not, the text is repaired as text.c repairs text. */
int bs_html_add(bs_html *h, int kind, const char *key, const char *value, size_t len) {
  bs_text_info info;
  char *clean;
  int ok;
  if (bs_utf8_valid(value, len)) return add_item(h, kind, key, value, len);
  bs_text_scan(value, len, &info);
  clean = malloc(info.clean_len + 1);
  if (!clean) {
    h->out_of_memory = 1;
    return 0;
  }
  bs_text_clean(value, len, clean);
  ok = add_item(h, kind, key, clean, info.clean_len);
  free(clean);
  return ok;
}

static int add_item(bs_html *h, int kind, const char *key, const char *value, size_t len) {
  bs_html_item item;
  size_t key_len = key ? strlen(key) : 0, squeezed;
  if (len > ((size_t)-1) / 2 || !reserve_text(h, key_len + len + 1)) return 0;
  item.kind = kind;
  item.key = h->text_len;
  item.key_len = key_len;
  if (key_len) memcpy(h->text + h->text_len, key, key_len);
  item.value = h->text_len + key_len;
  squeezed = bs_squeeze(value, len, h->text + item.value, NULL);
  if (squeezed == 0) return 1; /* nothing but blanks: no item */
  item.len = squeezed;
  h->text_len = item.value + squeezed;
  return push_item(h, &item);
}

void bs_html_warn(bs_html *h, const char *format, const char *arg) {
  char message[160];
  int len = snprintf(message, sizeof message, format, arg);
  if (len < 0) return;
  if ((size_t)len >= sizeof message) len = (int)sizeof message - 1;
  bs_html_add(h, BS_HTML_WARNING, NULL, message, (size_t)len);
}

void bs_html_free(bs_html *h) {
  free(h->text);
  free(h->items);
  memset(h, 0, sizeof *h);
}

/* ---- the tree ---- */

const char *bs_attr(xmlNodePtr node, const char *name) {
  xmlAttrPtr a;
  if (!node || node->type != XML_ELEMENT_NODE) return NULL;
  for (a = node->properties; a; a = a->next)
    if (a->name && strcmp((const char *)a->name, name) == 0) {
      if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
        return (const char *)a->children->content;
      return "";
    }
  return NULL;
}

int bs_is_tag(xmlNodePtr node, const char *name) {
  return node && node->type == XML_ELEMENT_NODE && node->name && node->name[0] == (xmlChar)name[0]
      && strcmp((const char *)node->name, name) == 0;
}

void bs_walk(xmlNodePtr root, bs_enter_fn enter, bs_leave_fn leave, void *ud) {
  xmlNodePtr node = root;
  if (!root) return;
  for (;;) {
    if (enter(ud, node) && node->children) {
      node = node->children;
      continue;
    }
    for (;;) {
      leave(ud, node);
      if (node == root) return;
      if (node->next) {
        node = node->next;
        break;
      }
      node = node->parent;
    }
  }
}

typedef struct text_walk {
  char *buf;
  size_t len, limit;
} text_walk;

static int is_script(xmlNodePtr node) {
  return bs_is_tag(node, "script") || bs_is_tag(node, "style") || bs_is_tag(node, "noscript")
      || bs_is_tag(node, "template");
}

static int after_blank(const text_walk *w) {
  return w->len > 0 && BS_HTML_IS_BLANK(w->buf[w->len - 1]);
}

/* Copies s up to the limit, each run of blanks cut to its first character
   as html_input.c cuts them before parsing: the limit counts the same
   bytes whether or not the page was cut. A character the limit falls
   inside is left out whole. */
static void copy_text(text_walk *w, const xmlChar *s) {
  size_t start = w->len;
  for (; *s && w->len < w->limit; s++)
    if (!(BS_HTML_IS_BLANK(*s) && after_blank(w))) w->buf[w->len++] = (char)*s;
  if ((*s & 0xC0) == 0x80) {
    while (w->len > start && (w->buf[w->len - 1] & 0xC0) == 0x80) w->len--;
    if (w->len > start) w->len--;
    w->limit = w->len;
  }
}

static int enter_text(void *ud, xmlNodePtr node) {
  text_walk *w = ud;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content) copy_text(w, node->content);
    return 0;
  }
  if (node->type == XML_ELEMENT_NODE && w->len < w->limit && !after_blank(w)) w->buf[w->len++] = ' ';
  return w->len < w->limit && !is_script(node);
}

static void leave_text(void *ud, xmlNodePtr node) {
  (void)ud;
  (void)node;
}

void bs_html_add_text(bs_html *h, int kind, const char *key, xmlNodePtr node, size_t limit) {
  text_walk w;
  w.buf = malloc(limit + 1);
  if (!w.buf) {
    h->out_of_memory = 1;
    return;
  }
  w.len = 0;
  w.limit = limit;
  for (node = node->children; node; node = node->next) bs_walk(node, enter_text, leave_text, &w);
  bs_html_add(h, kind, key, w.buf, w.len);
  free(w.buf);
}

/* An id of SLUG_HYPHENS hyphens or more between lowercase words is a
   heading's words joined ("sharing-with-a-single-developer", as
   documentation generators name sections): it says what the block is
   about, not what part of the page it is. */
#define SLUG_HYPHENS 3

static int is_slug(const char *id) {
  int hyphens = 0;
  for (; *id; id++) {
    if (*id == '-') hyphens++;
    else if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9'))) return 0;
  }
  return hyphens >= SLUG_HYPHENS;
}

int bs_class_has(xmlNodePtr node, const char *const *words) {
  const char *names[2];
  int i;
  names[0] = bs_attr(node, "class");
  names[1] = bs_attr(node, "id");
  if (names[1] && is_slug(names[1])) names[1] = NULL;
  for (i = 0; i < 2; i++) {
    char lower[256];
    size_t k, n;
    unsigned seen = 0; /* the bytes present, folded to 32 bits: a word whose first two are not cannot be there */
    const char *const *w;
    if (!names[i] || !*names[i]) continue;
    n = strlen(names[i]);
    if (n >= sizeof lower) n = sizeof lower - 1;
    for (k = 0; k < n; k++) {
      char c = names[i][k];
      lower[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      seen |= 1u << (lower[k] & 31);
    }
    lower[n] = 0;
    for (w = words; *w; w++)
      if ((seen >> ((*w)[0] & 31) & seen >> ((*w)[1] & 31) & 1) && strstr(lower, *w)) return 1;
  }
  return 0;
}
