/*
** html_meta.c: a page's metadata candidates, each under its name, in
** document order; broadsheet.html chooses among them (its documented order).
**   - "meta:NAME": every <meta> with a property, name or itemprop, lowercase,
**     once for each name of a space-separated list;
**   - "title": the <title>; "h1": the first headings of level one;
**   - "canonical": <link rel=canonical>; "lang": <html lang>;
**   - "jsonld": the text of each <script type="application/ld+json">;
**   - "time", "time_text": the first <time datetime> and its text;
**     "date_published": an element marked itemprop=datePublished;
**   - "rel_author", "itemprop_author", "byline": a rel=author link, an
**     itemprop=author element, an element whose class or id says byline or
**     author (short ones only); "rel_tag": rel=tag links;
**   - "date_element": short text of an element whose class says date.
** The elements read for dates, bylines and headings lie outside comments,
** related links, navigation, asides (role=complementary too) and footers
** (is_boring), where other articles' dates and authors stand.
*/
#include <string.h>

#include "html_doc.h"

#define TEXT_LIMIT 300     /* bytes of a heading, byline or date element */
#define BYLINE_MAX 120     /* a longer "author" element is a biography */
#define DATE_MAX 80
#define FIRST_FEW 3        /* candidates kept of each element kind */

typedef struct meta_walk {
  bs_html *out;
  xmlNodePtr boring;       /* the boring element the walk is inside, or NULL */
  unsigned h1s, bylines, dates, times;
} meta_walk;

static const char *const boring_words[] = { "comment", "related", "footer", "sidebar", "recommend", "popular",
                                            "trending", "more-stories", "newsletter", "promo", "widget", NULL };
static const char *const byline_words[] = { "byline", "author", "writer", NULL };
static const char *const not_byline_words[] = { "bio", "avatar", "photo", "image", "img", "about", NULL };
static const char *const date_words[] = { "date", "publish", "posted", "timestamp", "dateline", NULL };

/* The body's class describes the page's layout ("single sidebar-primary"),
   not a part of it: only elements inside it can be boring. */
static int is_boring(xmlNodePtr node) {
  const char *role = bs_attr(node, "role");
  if (bs_is_tag(node, "body") || bs_is_tag(node, "html")) return 0;
  return bs_is_tag(node, "footer") || bs_is_tag(node, "aside") || bs_is_tag(node, "nav")
      || (role && strcmp(role, "complementary") == 0) || bs_class_has(node, boring_words);
}

static void add_attr(bs_html *h, const char *key, const char *value) {
  if (value) bs_html_add(h, BS_HTML_META, key, value, strlen(value));
}

/* The words of rel (space-separated) hold word? */
static int rel_has(xmlNodePtr node, const char *word) {
  const char *rel = bs_attr(node, "rel");
  size_t k = strlen(word);
  while (rel && *rel) {
    while (*rel == ' ') rel++;
    if (strncmp(rel, word, k) == 0 && (rel[k] == ' ' || rel[k] == 0)) return 1;
    rel = strchr(rel, ' ');
  }
  return 0;
}

/* Adds content under "meta:" and each term of a space-separated name: RDFa
   lets one property attribute name several ("og:title twitter:title"). */
static void add_meta_terms(bs_html *h, const char *names, const char *content) {
  const char *name = names;
  while (*name) {
    char key[72];
    size_t i, n = strcspn(name, " \t\n\r\f");
    if (n > 0 && n <= 64) {
      memcpy(key, "meta:", 5);
      for (i = 0; i < n; i++) key[5 + i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
      key[5 + n] = 0;
      add_attr(h, key, content);
    }
    name += n;
    name += strspn(name, " \t\n\r\f");
  }
}

static void read_meta(bs_html *h, xmlNodePtr node) {
  static const char *const keys[] = { "property", "name", "itemprop", NULL };
  const char *const *k;
  const char *content = bs_attr(node, "content");
  if (!content) return;
  for (k = keys; *k; k++) {
    const char *names = bs_attr(node, *k);
    if (names && names[strspn(names, " \t\n\r\f")]) {
      add_meta_terms(h, names, content);
      return;
    }
  }
}

static int is_jsonld(xmlNodePtr node) {
  const char *type = bs_attr(node, "type");
  return type && strstr(type, "ld+json") != NULL;
}

/* The text of a short element, when it is short. */
static int add_short_text(bs_html *h, const char *key, xmlNodePtr node, size_t max) {
  size_t before = h->nitems;
  bs_html_add_text(h, BS_HTML_META, key, node, TEXT_LIMIT);
  if (h->nitems > before && h->items[h->nitems - 1].len > max) {
    h->nitems--;
    return 0;
  }
  return h->nitems > before;
}

static void read_element(meta_walk *w, xmlNodePtr node) {
  bs_html *h = w->out;
  const char *itemprop = bs_attr(node, "itemprop");
  if (bs_is_tag(node, "h1") && w->h1s < FIRST_FEW && add_short_text(h, "h1", node, TEXT_LIMIT)) w->h1s++;
  if (bs_is_tag(node, "time") && w->times < 1 && bs_attr(node, "datetime")) {
    add_attr(h, "time", bs_attr(node, "datetime"));
    add_short_text(h, "time_text", node, DATE_MAX);
    w->times++;
  }
  if (itemprop && strcmp(itemprop, "datePublished") == 0 && !bs_is_tag(node, "meta")) {
    const char *value = bs_attr(node, "content") ? bs_attr(node, "content") : bs_attr(node, "datetime");
    if (value) add_attr(h, "date_published", value);
    else add_short_text(h, "date_published", node, DATE_MAX);
  }
  if (bs_is_tag(node, "a") && rel_has(node, "author")) add_short_text(h, "rel_author", node, BYLINE_MAX);
  if (bs_is_tag(node, "a") && rel_has(node, "tag")) add_short_text(h, "rel_tag", node, BYLINE_MAX);
  if (itemprop && strcmp(itemprop, "author") == 0 && !bs_is_tag(node, "meta"))
    add_short_text(h, "itemprop_author", node, BYLINE_MAX);
  if (w->bylines < FIRST_FEW && bs_class_has(node, byline_words) && !bs_class_has(node, not_byline_words)
      && add_short_text(h, "byline", node, BYLINE_MAX))
    w->bylines++;
  if (w->dates < FIRST_FEW && bs_class_has(node, date_words) && add_short_text(h, "date_element", node, DATE_MAX))
    w->dates++;
}

static int enter_meta(void *ud, xmlNodePtr node) {
  meta_walk *w = ud;
  bs_html *h = w->out;
  if (node->type != XML_ELEMENT_NODE) return node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE;
  if (bs_is_tag(node, "script")) {
    if (is_jsonld(node)) bs_html_add_text(h, BS_HTML_META, "jsonld", node, (size_t)1 << 20);
    return 0;
  }
  if (bs_is_tag(node, "style") || bs_is_tag(node, "template")) return 0;
  if (bs_is_tag(node, "meta")) read_meta(h, node);
  else if (bs_is_tag(node, "html")) add_attr(h, "lang", bs_attr(node, "lang"));
  else if (bs_is_tag(node, "title") && node->parent && bs_is_tag(node->parent, "head"))
    bs_html_add_text(h, BS_HTML_META, "title", node, TEXT_LIMIT * 4);
  else if (bs_is_tag(node, "link") && rel_has(node, "canonical")) add_attr(h, "canonical", bs_attr(node, "href"));
  if (!w->boring && is_boring(node)) w->boring = node;
  if (!w->boring) read_element(w, node);
  return 1;
}

static void leave_meta(void *ud, xmlNodePtr node) {
  meta_walk *w = ud;
  if (w->boring == node) w->boring = NULL;
}

void bs_html_meta(xmlDocPtr doc, bs_html *h) {
  meta_walk w;
  memset(&w, 0, sizeof w);
  w.out = h;
  bs_walk((xmlNodePtr)doc, enter_meta, leave_meta, &w);
}
