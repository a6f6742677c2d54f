/*
** html.c: a page's article body (see html.h). The page is parsed by
** libxml2; elements are measured (text, link text, paragraphs, images,
** list items, form inputs under each), then these rules pick and clean
** the article:
**   - never content: scripts, styles, forms' controls, frames, hidden
**     elements, and (first attempt) navigation, asides, headers, footers,
**     dialogs and blocks whose class or id says menu, share, comments,
**     related, newsletter, cookie, ad, sidebar... (UNLIKELY); an id made of
**     a heading's words ("sharing-with-a-single-developer") is no hint, nor
**     is a paragraph's class (<p class="paywall"> holds the text
**     subscribers read);
**   - paragraph score: a <p>, <pre> or <td> of 25 characters or more, or the
**     loose text of a block, is worth 1 + its commas + one per 100
**     characters (at most 3); it adds that to its container, half to the
**     next one up, a third of it further up to five levels; a list item's
**     own text with few links scores the same for the block holding its
**     list (a post written as a bulleted list);
**   - container score: its tag's base (div 5, quote and cell 3, lists -3,
**     headings -5) plus its class weight (+25 for article/content/story
**     words, -25 for comment/footer/sidebar words), times one less its
**     link density; the best scoring container is the article, or the
**     ancestor it shares with three of the five next best (scoring three
**     quarters as much: an article split in parts), or the block that holds
**     nothing but it and a few links (a "Read more" button that unfolds the
**     rest of the story);
**   - siblings: a sibling of the article scoring a fifth as much, one of
**     its class holding paragraphs with few links (an article in parts
**     between figures), or a paragraph of 80 characters with few links
**     (alone or wrapped in a block of its own), belongs to it;
**   - cleaning: inside the article, a list, table, form or block goes when
**     its class weighs negative, when it holds more list items than
**     paragraphs (unless nine tenths of its text is in lists: a block
**     holding a bulleted list is a list), more inputs than a third of its
**     paragraphs, almost no text, or too many links (a fifth of its text,
**     half for a block whose class says content or for a list of prose
**     items, PROSE_ITEM bytes each on average, that each cite a link);
**   - fallbacks: when less than FALLBACK_TEXT is left, the walk runs again
**     keeping what looked unlikely, then without class weights, then
**     without cleaning; a later result wins when it is half as long again
**     and holds the first one's article, or the first found next to nothing
**     (under MIN_ARTICLE bytes or MIN_PARAGRAPHS paragraphs);
**   - marked article: an element marked itemprop=articleBody (schema.org's
**     mark-up, which publishers add for search engines) with enough text is
**     the article, whatever it scores, without siblings;
**   - no article: a body that is mostly link text, or empty, is dropped with
**     the warning "no article found".
** Output: one paragraph per block (paragraph, heading, list item, quote,
** caption, cell), line breaks as spaces and two of them as a paragraph end.
*/
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "html_doc.h"
#include "text.h"

#define MIN_PARAGRAPH 25     /* characters for a paragraph to score */
#define SCORE_LEVELS 5       /* containers up a paragraph's score reaches */
#define CLASS_WEIGHT 25
#define RUNNERS 5            /* next best containers looked at for a common ancestor */
#define ALTERNATIVES 3       /* of them in one ancestor make it the article */
#define MARKED_TEXT 200      /* bytes of a marked article body for the mark to count */
#define FALLBACK_TEXT 500    /* bytes of article below which the next attempt runs */
#define MIN_ARTICLE 250      /* bytes, or paragraphs: an attempt that found less found next to nothing */
#define MIN_PARAGRAPHS 3
#define NO_ARTICLE_LINKS 0.5 /* share of link text above which the body is a link list */
#define LIST_SHARE 0.9       /* share of a block's text in lists that makes it a list */
#define LIST_ITEM_LINKS 0.5  /* share of link text under which a list item is a paragraph */
#define PROSE_ITEM 80        /* bytes per item of a list written as prose */
#define WRAPPED_SHARE 0.9    /* share of a block's text in its one paragraph that makes it a wrapped paragraph */

enum { STRIP_UNLIKELY = 1, WEIGHT_CLASSES = 2, CLEAN = 4, ALL_RULES = 7 };

enum { SKIP = 1, SEEN = 2, CANDIDATE = 4, BLOCK = 8 };

typedef struct info {
  double score;
  size_t text, links, loose;  /* bytes of text, of link text, of text outside child blocks */
  size_t listed;              /* bytes of text inside lists (ul, ol) */
  size_t in_paras;            /* bytes of text inside paragraphs (p, pre) */
  unsigned commas, paras, imgs, lis, inputs;
  int weight;
  unsigned flags;
} info;

#define INFO(node) ((info *)(node)->_private)

typedef struct ctx {
  bs_html *out;
  int rules;
  /* the body walk */
  xmlNodePtr top;
  char *para;
  size_t para_len, para_cap;
  size_t body_text, body_links;
  int link_depth, last_br;
} ctx;

/* ---- tag classes ---- */

/* The first letters compared before the names: most differ there, and a
   page's every element is checked against these lists on each attempt. */
static int tag_in(xmlNodePtr node, const char *const *names) {
  const char *const *n;
  const char *name;
  if (!node || node->type != XML_ELEMENT_NODE || !node->name) return 0;
  name = (const char *)node->name;
  for (n = names; *n; n++)
    if (name[0] == (*n)[0] && strcmp(name, *n) == 0) return 1;
  return 0;
}

static const char *const ignored_tags[] = { "script", "style", "noscript", "template", "iframe", "object", "embed",
  "svg", "canvas", "button", "select", "input", "textarea", "head", "title", "meta", "link", "video",
  "audio", "picture", "source", "map", NULL };
static const char *const unlikely_tags[] = { "nav", "aside", "footer", "header", "dialog", "menu", NULL };
static const char *const block_tags[] = { "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
  "dl", "dd", "dt", "blockquote", "figure", "figcaption", "pre", "table", "tbody", "thead", "tfoot", "tr", "td",
  "th", "caption", "section", "article", "main", "header", "footer", "aside", "address", "hr", "form",
  "fieldset", "center", "details", "summary", "body", "html", "nav", NULL };
static const char *const cleaned_tags[] = { "div", "section", "ul", "ol", "dl", "table", "form", "fieldset",
  "aside", "header", "footer", NULL };
static const char *const never_unlikely[] = { "html", "body", "article", "main", "a", "p", NULL };

/* Class and id words. */
static const char *const unlikely_words[] = { "-ad-", "ad-break", "advert", "banner", "breadcrumb", "combx",
  "comment", "community", "cookie", "consent", "disqus", "footer", "gdpr", "header", "masthead", "menu",
  "newsletter", "subscribe", "paywall", "related", "recommend", "remark", "replies", "rss", "share",
  "sharing", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "promo", "popup", "modal", "pager",
  "pagination", "outbrain", "taboola", "signup", "most-popular", "trending", "toolbar", "navbar", "byline",
  NULL };
static const char *const likely_words[] = { "and", "article", "body", "column", "content", "main", "shadow",
  NULL };
static const char *const negative_words[] = { "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
  "foot", "footnote", "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
  "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "newsletter",
  "subscribe", "cookie", "byline", "author", "caption-credit", NULL };
static const char *const positive_words[] = { "article", "body", "content", "entry", "hentry", "h-entry", "main",
  "page", "post", "text", "blog", "story", "prose", NULL };

static int is_hidden(xmlNodePtr node) {
  const char *style = bs_attr(node, "style"), *aria = bs_attr(node, "aria-hidden");
  if (bs_attr(node, "hidden")) return 1;
  if (aria && strcmp(aria, "true") == 0) return 1;
  if (style && (strstr(style, "display:none") || strstr(style, "display: none") || strstr(style, "visibility:hidden")
                || strstr(style, "visibility: hidden")))
    return 1;
  return 0;
}

static int has_unlikely_role(xmlNodePtr node) {
  static const char *const roles[] = { "navigation", "complementary", "contentinfo", "banner", "menu", "menubar",
                                       "dialog", "alertdialog", "search", NULL };
  const char *role = bs_attr(node, "role");
  const char *const *r;
  if (!role) return 0;
  for (r = roles; *r; r++)
    if (strcmp(role, *r) == 0) return 1;
  return 0;
}

static int class_weight(xmlNodePtr node) {
  int w = 0;
  if (bs_class_has(node, negative_words)) w -= CLASS_WEIGHT;
  if (bs_class_has(node, positive_words)) w += CLASS_WEIGHT;
  return w;
}

static int tag_base(xmlNodePtr node) {
  static const char *const three[] = { "pre", "td", "blockquote", NULL };
  static const char *const minus_three[] = { "address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL };
  static const char *const minus_five[] = { "h1", "h2", "h3", "h4", "h5", "h6", "th", NULL };
  if (bs_is_tag(node, "div")) return 5;
  if (tag_in(node, three)) return 3;
  if (tag_in(node, minus_three)) return -3;
  if (tag_in(node, minus_five)) return -5;
  return 0;
}

/* ---- measuring ---- */

/* Text bytes with runs of ASCII white space counted once, and the commas. */
static size_t text_measure(const char *s, unsigned *commas) {
  size_t len = 0;
  int space = 1;
  for (; *s; s++) {
    int is_space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f';
    if (!is_space || !space) len++;
    space = is_space;
    if (*s == ',') ++*commas;
  }
  return len;
}

static int enter_measure(void *ud, xmlNodePtr node) {
  ctx *c = ud;
  info *in;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    xmlNodePtr parent = node->parent;
    if (parent && parent->type == XML_ELEMENT_NODE && node->content) {
      info *p = INFO(parent);
      size_t len = text_measure((const char *)node->content, &p->commas);
      p->text += len;
      p->loose += len;
    }
    return 0;
  }
  if (node->type != XML_ELEMENT_NODE) return node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE;
  in = INFO(node);
  memset(in, 0, sizeof *in);
  in->flags = SEEN | (tag_in(node, block_tags) ? BLOCK : 0);
  if (bs_is_tag(node, "img")) in->imgs = 1;
  if (bs_is_tag(node, "input") || bs_is_tag(node, "select") || bs_is_tag(node, "textarea")) in->inputs = 1;
  if (tag_in(node, ignored_tags) || is_hidden(node)) in->flags |= SKIP;
  if ((c->rules & STRIP_UNLIKELY) && !tag_in(node, never_unlikely)
      && (tag_in(node, unlikely_tags) || has_unlikely_role(node)
          || (bs_class_has(node, unlikely_words) && !bs_class_has(node, likely_words))))
    in->flags |= SKIP;
  if (c->rules & WEIGHT_CLASSES) in->weight = class_weight(node);
  return !(in->flags & SKIP);
}

static void leave_measure(void *ud, xmlNodePtr node) {
  info *in, *p;
  (void)ud;
  if (node->type != XML_ELEMENT_NODE || !node->parent || node->parent->type != XML_ELEMENT_NODE) return;
  in = INFO(node);
  p = INFO(node->parent);
  p->imgs += in->imgs;
  p->inputs += in->inputs;
  if (in->flags & SKIP) return;
  if (bs_is_tag(node, "a")) in->links = in->text;
  p->text += in->text;
  p->links += in->links;
  p->listed += (bs_is_tag(node, "ul") || bs_is_tag(node, "ol")) ? in->text : in->listed;
  p->commas += in->commas;
  p->paras += in->paras + (bs_is_tag(node, "p") || bs_is_tag(node, "pre"));
  p->in_paras += (bs_is_tag(node, "p") || bs_is_tag(node, "pre")) ? in->text : in->in_paras;
  p->lis += in->lis + bs_is_tag(node, "li");
  if (!(in->flags & BLOCK)) p->loose += in->text;
}

/* ---- scoring ---- */

static void add_score(xmlNodePtr node, double score) {
  int level;
  for (level = 0; level < SCORE_LEVELS && node && node->type == XML_ELEMENT_NODE; level++, node = node->parent) {
    info *in = INFO(node);
    if (!(in->flags & CANDIDATE)) {
      in->flags |= CANDIDATE;
      in->score = tag_base(node) + in->weight;
    }
    in->score += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
  }
}

static double paragraph_score(size_t len, unsigned commas) {
  size_t hundreds = len / 100;
  return 1.0 + commas + (double)(hundreds > 3 ? 3 : hundreds);
}

static double link_density(const info *in) {
  return in->text ? (double)in->links / (double)in->text : 0.0;
}

static int is_marked(xmlNodePtr node) {
  const char *itemprop = bs_attr(node, "itemprop");
  return itemprop && strcmp(itemprop, "articleBody") == 0;
}

static int is_inside(xmlNodePtr node, xmlNodePtr ancestor) {
  for (; node; node = node->parent)
    if (node == ancestor) return 1;
  return 0;
}

/* Does parent hold nothing but child, or child and a few links beside it
   (a "Read more" button that unfolds the rest of the story)? */
static int is_wrapper(xmlNodePtr parent, xmlNodePtr child) {
  const info *p = INFO(parent), *c = INFO(child);
  size_t extra = p->text - c->text, extra_links = p->links - c->links;
  return extra == 0 || (extra - extra_links < MIN_PARAGRAPH && extra_links * 10 < c->text);
}

/* The ancestor of best that holds ALTERNATIVES of the next best containers
   (scoring three quarters as much), when one does; else best, or its
   parent while that wraps it. */
static xmlNodePtr gather(xmlNodePtr *nodes, size_t count, xmlNodePtr best) {
  xmlNodePtr runners[RUNNERS], up;
  size_t i, k, n = 0;
  double floor = INFO(best)->score * 0.75;
  for (i = 0; i < count; i++) {
    info *in = INFO(nodes[i]);
    if (nodes[i] == best || !(in->flags & CANDIDATE) || (in->flags & SKIP) || in->score < floor) continue;
    if (n < RUNNERS) runners[n++] = nodes[i];
    else {
      size_t worst = 0;
      for (k = 1; k < RUNNERS; k++)
        if (INFO(runners[k])->score < INFO(runners[worst])->score) worst = k;
      if (in->score > INFO(runners[worst])->score) runners[worst] = nodes[i];
    }
  }
  if (n >= ALTERNATIVES)
    for (up = best->parent; up && up->type == XML_ELEMENT_NODE && !bs_is_tag(up, "html"); up = up->parent) {
      size_t inside = 0;
      for (k = 0; k < n; k++) inside += is_inside(runners[k], up);
      if (inside >= ALTERNATIVES) return up;
    }
  while (best->parent && best->parent->type == XML_ELEMENT_NODE && !bs_is_tag(best->parent, "body")
         && !bs_is_tag(best->parent, "html") && is_wrapper(best->parent, best))
    best = best->parent;
  return best;
}

/* Scores every paragraph; returns the best container, or NULL. */
static xmlNodePtr best_container(xmlNodePtr *nodes, size_t count) {
  static const char *const paragraph_tags[] = { "p", "pre", "td", NULL };
  static const char *const not_loose[] = { "p", "pre", "td", "h1", "h2", "h3", "h4", "h5", "h6", "li", "a",
                                           "dt", "dd", "th", "html", NULL };
  xmlNodePtr best = NULL;
  double best_score = 0;
  size_t i;
  for (i = 0; i < count; i++) {
    info *in = INFO(nodes[i]);
    if ((in->flags & (SEEN | SKIP)) != SEEN) continue;
    if (tag_in(nodes[i], paragraph_tags)) {
      if (in->text >= MIN_PARAGRAPH) add_score(nodes[i]->parent, paragraph_score(in->text, in->commas));
    } else if (bs_is_tag(nodes[i], "li")) {
      if (in->loose >= MIN_PARAGRAPH && link_density(in) < LIST_ITEM_LINKS && nodes[i]->parent)
        add_score(nodes[i]->parent->parent, paragraph_score(in->loose, in->commas));
    } else if ((in->flags & BLOCK) && !tag_in(nodes[i], not_loose) && in->loose >= MIN_PARAGRAPH) {
      add_score(nodes[i], paragraph_score(in->loose, 0));
    }
  }
  for (i = 0; i < count; i++) {
    info *in = INFO(nodes[i]);
    if (is_marked(nodes[i]) && (in->flags & (SEEN | SKIP)) == SEEN
        && in->text >= MARKED_TEXT)
      return nodes[i];
  }
  for (i = 0; i < count; i++) {
    info *in = INFO(nodes[i]);
    if (!(in->flags & CANDIDATE) || (in->flags & SKIP)) continue;
    in->score *= 1.0 - link_density(in);
    if (!best || in->score > best_score) {
      best = nodes[i];
      best_score = in->score;
    }
  }
  return best ? gather(nodes, count, best) : NULL;
}

/* ---- the body ---- */

static int keep_sibling(xmlNodePtr sibling, xmlNodePtr top) {
  info *s, *t = INFO(top);
  double threshold = t->score * 0.2 > 10 ? t->score * 0.2 : 10;
  const char *cs = bs_attr(sibling, "class"), *ct = bs_attr(top, "class");
  int same_class = cs && ct && *ct && strcmp(cs, ct) == 0;
  double bonus = same_class ? t->score * 0.2 : 0;
  if (sibling == top) return 1;
  if (sibling->type != XML_ELEMENT_NODE) return 0;
  s = INFO(sibling);
  if (s->flags & SKIP) return 0;
  if ((s->flags & CANDIDATE) && s->score + bonus >= threshold) return 1;
  if (same_class && s->paras > 0 && link_density(s) < 0.25) return 1;
  if (bs_is_tag(sibling, "p") || (s->paras == 1 && (double)s->in_paras >= WRAPPED_SHARE * (double)s->text)) {
    double ld = link_density(s);
    if (s->text > 80 && ld < 0.25) return 1;
    if (s->text > 40 && ld == 0) return 1;
  }
  return 0;
}

/* Should this element inside the article go (see the cleaning rule)? */
static int cleaned_away(xmlNodePtr node, const ctx *c) {
  const info *in = INFO(node);
  int is_list = bs_is_tag(node, "ul") || bs_is_tag(node, "ol") || bs_is_tag(node, "dl")
             || (double)in->listed > LIST_SHARE * (double)in->text;
  int prose_list = is_list && in->lis && in->text / in->lis >= PROSE_ITEM;
  double ld = link_density(in), score = (in->flags & CANDIDATE) ? in->score : 0;
  if (!(c->rules & CLEAN) || node == c->top || !tag_in(node, cleaned_tags)) return 0;
  if (in->weight + score < 0) return 1;
  if (in->commas >= 10) return 0;
  if (in->imgs > 1 && (double)in->paras / in->imgs < 0.5 && !bs_is_tag(node, "figure")) return 1;
  if (!is_list && in->lis > in->paras + 1) return 1;
  if (in->inputs > in->paras / 3 + 0) return 1;
  if (!is_list && in->text < MIN_PARAGRAPH && (in->imgs == 0 || in->imgs > 2)) return 1;
  return ld > (in->weight >= CLASS_WEIGHT || prose_list ? 0.5 : 0.2);
}

static void para_append(ctx *c, const char *s, size_t n) {
  if (c->para_cap - c->para_len <= n) {
    size_t cap = c->para_cap ? c->para_cap : 1024;
    char *grown;
    while (cap - c->para_len <= n) cap *= 2;
    grown = realloc(c->para, cap);
    if (!grown) {
      c->out->out_of_memory = 1;
      return;
    }
    c->para = grown;
    c->para_cap = cap;
  }
  memcpy(c->para + c->para_len, s, n);
  c->para_len += n;
}

static void flush(ctx *c) {
  if (c->para_len) bs_html_add(c->out, BS_HTML_PARA, NULL, c->para, c->para_len);
  c->para_len = 0;
  c->last_br = 0;
}

static int enter_body(void *ud, xmlNodePtr node) {
  ctx *c = ud;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    size_t n = node->content ? strlen((const char *)node->content) : 0;
    unsigned commas = 0;
    size_t len = n ? text_measure((const char *)node->content, &commas) : 0;
    if (len > 1 || (len == 1 && !strchr(" \n\t\r\f", node->content[0]))) c->last_br = 0;
    para_append(c, (const char *)node->content, n);
    c->body_text += len;
    if (c->link_depth) c->body_links += len;
    return 0;
  }
  if (node->type != XML_ELEMENT_NODE) return 0;
  if (INFO(node)->flags & SKIP || cleaned_away(node, c)) return 0;
  if (bs_is_tag(node, "br")) {
    if (c->last_br) flush(c);
    else para_append(c, " ", 1);
    c->last_br = 1;
    return 0;
  }
  if (INFO(node)->flags & BLOCK) flush(c);
  if (bs_is_tag(node, "a")) c->link_depth++;
  return 1;
}

static void leave_body(void *ud, xmlNodePtr node) {
  ctx *c = ud;
  if (node->type != XML_ELEMENT_NODE) return;
  if (bs_is_tag(node, "a") && !(INFO(node)->flags & SKIP) && c->link_depth > 0) c->link_depth--;
  if (INFO(node)->flags & BLOCK) flush(c);
}

/* Emits the article: the best container and the siblings that belong to it. */
static void emit_article(ctx *c, xmlNodePtr top) {
  xmlNodePtr sibling;
  c->top = top;
  c->body_text = c->body_links = 0;
  c->link_depth = 0;
  if (!top->parent || top->parent->type != XML_ELEMENT_NODE || is_marked(top)) {
    bs_walk(top, enter_body, leave_body, c);
  } else {
    for (sibling = top->parent->children; sibling; sibling = sibling->next)
      if (keep_sibling(sibling, top)) bs_walk(sibling, enter_body, leave_body, c);
  }
  flush(c);
}

/* ---- the page ---- */

typedef struct node_list {
  xmlNodePtr *nodes;
  size_t count, cap;
  int failed;
} node_list;

static int enter_collect(void *ud, xmlNodePtr node) {
  node_list *l = ud;
  if (node->type != XML_ELEMENT_NODE) return node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE;
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 1024;
    xmlNodePtr *nodes = realloc(l->nodes, cap * sizeof *nodes);
    if (!nodes) {
      l->failed = 1;
      return 0;
    }
    l->nodes = nodes;
    l->cap = cap;
  }
  l->nodes[l->count++] = node;
  return 1;
}

static void leave_nothing(void *ud, xmlNodePtr node) {
  (void)ud;
  (void)node;
}

/* One attempt under the given rules: the items it adds, the article's text bytes. */
static size_t attempt(ctx *c, xmlDocPtr doc, node_list *elements, int rules) {
  xmlNodePtr top, root = xmlDocGetRootElement(doc);
  c->rules = rules;
  bs_walk((xmlNodePtr)doc, enter_measure, leave_measure, c);
  top = best_container(elements->nodes, elements->count);
  if (!top) {
    xmlNodePtr body;
    for (body = root ? root->children : NULL; body && !bs_is_tag(body, "body"); body = body->next) continue;
    top = body ? body : root;
  }
  if (!top) return 0;
  emit_article(c, top);
  return c->body_text;
}

/* Finds the body under the fallback rules: a later attempt wins when it is
   half as long again and holds the first attempt's article (more of it,
   not a comment thread elsewhere), or when the first found next to nothing. */
static void read_body(ctx *c, xmlDocPtr doc, node_list *elements) {
  static const int rules[] = { ALL_RULES, ALL_RULES & ~STRIP_UNLIKELY, CLEAN, 0 };
  size_t start_items = c->out->nitems, start_text = c->out->text_len, best_len = 0;
  xmlNodePtr first_top = NULL;
  int best = 0, i, count = (int)(sizeof rules / sizeof *rules), thin = 0;
  for (i = 0; i < count; i++) {
    size_t len = attempt(c, doc, elements, rules[i]);
    if (i == 0) {
      best_len = len;
      first_top = c->top;
      thin = len < MIN_ARTICLE || c->out->nitems - start_items < MIN_PARAGRAPHS;
    } else if (len > best_len + best_len / 2 && (thin || !first_top || is_inside(first_top, c->top))) {
      best_len = len;
      best = i;
    }
    if (len >= FALLBACK_TEXT && best == i) break;
    c->out->nitems = start_items;
    c->out->text_len = start_text;
  }
  if (i == count) attempt(c, doc, elements, rules[best]);
  if (c->body_text == 0 || (double)c->body_links > NO_ARTICLE_LINKS * (double)c->body_text) {
    c->out->nitems = start_items;
    c->out->text_len = start_text;
    bs_html_warn(c->out, "%s", "no article found");
  }
}

static void read_page(xmlDocPtr doc, bs_html *out) {
  node_list elements;
  info *infos;
  ctx c;
  size_t i;
  memset(&elements, 0, sizeof elements);
  bs_walk((xmlNodePtr)doc, enter_collect, leave_nothing, &elements);
  infos = elements.failed ? NULL : calloc(elements.count + 1, sizeof *infos);
  if (!infos) {
    free(elements.nodes);
    out->out_of_memory = 1;
    return;
  }
  for (i = 0; i < elements.count; i++) elements.nodes[i]->_private = &infos[i];
  memset(&c, 0, sizeof c);
  c.out = out;
  bs_html_meta(doc, out);
  read_body(&c, doc, &elements);
  free(c.para);
  free(infos);
  free(elements.nodes);
}

static int parse_page(const char *s, size_t n, const char *charset, int cut, bs_html *out) {
  bs_html_input in;
  htmlDocPtr doc;
  memset(out, 0, sizeof *out);
  if (!bs_html_decode(s, n, charset, &in, out)
      || (cut && strcmp(in.encoding, "UTF-8") == 0 && !bs_html_drop_unread(&in))) {
    free(in.owned);
    out->out_of_memory = 1;
    return 0;
  }
  xmlInitParser();
  doc = in.n > (size_t)0x7fffffff ? NULL
      : htmlReadMemory(in.bytes, (int)in.n, NULL, in.encoding,
                       HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                           | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD | XML_PARSE_HUGE);
  free(in.owned);
  if (!doc) {
    bs_html_warn(out, "%s", "no article found");
    return !out->out_of_memory;
  }
  read_page(doc, out);
  xmlFreeDoc(doc);
  return !out->out_of_memory;
}

int bs_html_parse(const char *s, size_t n, const char *charset, bs_html *out) {
  return parse_page(s, n, charset, 1, out);
}

int bs_html_parse_uncut(const char *s, size_t n, const char *charset, bs_html *out) {
  return parse_page(s, n, charset, 0, out);
}

/* Does the text start with one of the openers (ASCII case ignored)? */
static int opens_with(const char *s, size_t n, const char *const *openers) {
  const char *const *o;
  size_t k;
  for (o = openers; *o; o++) {
    size_t len = strlen(*o);
    if (n < len) continue;
    for (k = 0; k < len; k++) {
      char ch = s[k];
      if ((ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) != (*o)[k]) break;
    }
    if (k == len) return 1;
  }
  return 0;
}

/* Tags through the first SNIFF_SPAN bytes, one every TAG_LINES lines at
   least: a page, or a fragment of one, has them all through; a page dump
   that opens with a tag a converter printed as text (the markup of a
   <noscript> image, escaped in the page) has a handful in hundreds of lines. */
#define SNIFF_SPAN 65536
#define TAG_LINES 4

static int tags_run_through(const char *s, size_t n) {
  size_t i, tags = 0, lines = 1;
  if (n > SNIFF_SPAN) n = SNIFF_SPAN;
  for (i = 0; i + 1 < n; i++) {
    char next = s[i + 1];
    if (s[i] == '\n') lines++;
    else if (s[i] == '<' && (next == '/' || next == '!' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')))
      tags++;
  }
  return tags * TAG_LINES >= lines;
}

int bs_html_sniff(const char *s, size_t n) {
  static const char *const documents[] = { "<!doctype html", "<html", "<head", "<body", "<?xml", "<meta", "<title",
                                           NULL };
  static const char *const fragments[] = { "<article", "<div", "<p>", "<!--", NULL };
  size_t i = 0;
  if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF) i = 3;
  while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
  if (opens_with(s + i, n - i, documents)) return 1;
  return opens_with(s + i, n - i, fragments) && tags_run_through(s + i, n - i);
}
