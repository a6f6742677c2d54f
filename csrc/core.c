/*
** core.c: the binding. The only file that knows Lua: it runs the plain C
** parts (text.c, article.c, date.c, slug.c, html.c) and turns their results
** into tables. Memory comes from Lua (userdata, luaL_Buffer), so a Lua error
** raised anywhere here cannot leak; nothing global, nothing that exits.
*/
#include <stdint.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "article.h"
#include "date.h"
#include "html.h"
#include "page.h"
#include "slug.h"
#include "text.h"
#include "words.h"

#define CORE_VERSION "0.1.0"

/* ---- strings from spans ---- */

/* Pushes s[0..n) with its white space squeezed (see bs_squeeze); returns its word count. */
static size_t push_squeezed(lua_State *L, const char *s, size_t n) {
  luaL_Buffer b;
  size_t words;
  char *dst = luaL_buffinitsize(L, &b, n);
  luaL_pushresultsize(&b, bs_squeeze(s, n, dst, &words));
  return words;
}

static int has(bs_span s) {
  return s.end > s.start;
}

/* record[key] = the squeezed text of span, when the span is present. */
static void set_span(lua_State *L, const char *t, bs_span s, const char *key) {
  if (!has(s)) return;
  push_squeezed(L, t + s.start, s.end - s.start);
  lua_setfield(L, -2, key);
}

/* The id hash updated with the string record[key] ("" when absent). */
static uint64_t hash_field(lua_State *L, const char *key, uint64_t id) {
  size_t len = 0;
  const char *s;
  lua_getfield(L, -1, key);
  s = lua_tolstring(L, -1, &len);
  id = bs_id_add(id, s ? s : "", len);
  lua_pop(L, 1);
  return id;
}

/* ---- the record's fields ---- */

/* record.body, record.words; returns the id hash updated with each paragraph. */
static uint64_t set_body(lua_State *L, const char *t, bs_span body, uint64_t id) {
  size_t pos = body.start, words = 0;
  lua_Integer i = 0;
  bs_span para;
  lua_newtable(L);
  while (bs_next_block(t, body, &pos, &para)) {
    size_t len;
    const char *s;
    words += push_squeezed(L, t + para.start, para.end - para.start);
    s = lua_tolstring(L, -1, &len);
    id = bs_id_add(id, s, len);
    lua_rawseti(L, -2, ++i);
  }
  if (i > 0) lua_setfield(L, -2, "body");
  else lua_pop(L, 1);
  lua_pushinteger(L, (lua_Integer)words);
  lua_setfield(L, -2, "words");
  return id;
}

/* record.tag_labels: the labels as printed. Tag policy (slugs, aliases,
** de-duplication, segmenting space-joined lines) is broadsheet.tags' work. */
static void set_tag_labels(lua_State *L, const char *t, const bs_layout *lay) {
  size_t pos = lay->tags.start;
  lua_Integer count = 0;
  bs_span label;
  if (!has(lay->tags)) return;
  lua_newtable(L);
  while (bs_next_label(t, lay->tags, lay->tags_listed, &pos, &label)) {
    push_squeezed(L, t + label.start, label.end - label.start);
    lua_rawseti(L, -2, ++count);
  }
  lua_setfield(L, -2, "tag_labels");
}

/* record.footer: the tail's lines but the tag line, one per line. */
static void set_footer(lua_State *L, const char *t, const bs_layout *lay) {
  luaL_Buffer b;
  size_t len;
  char *dst;
  if (!has(lay->tail)) return;
  dst = luaL_buffinitsize(L, &b, lay->tail.end - lay->tail.start);
  len = bs_join_lines(t, lay->tail, lay->tag_line, dst);
  luaL_pushresultsize(&b, len);
  if (len > 0) lua_setfield(L, -2, "footer");
  else lua_pop(L, 1);
}

static void push_warning(lua_State *L, unsigned bit, const bs_text_info *info) {
  size_t count = bs_warning_count(bit, info);
  if (count > 0)
    lua_pushfstring(L, "%s (%I)", bs_warning_message(bit), (lua_Integer)count);
  else
    lua_pushstring(L, bs_warning_message(bit));
}

static void set_warnings(lua_State *L, unsigned warnings, const bs_text_info *info) {
  unsigned bit;
  lua_Integer i = 0;
  if (!warnings) return;
  lua_newtable(L);
  for (bit = 1; bit < 1u << BS_WARN_COUNT; bit <<= 1)
    if (warnings & bit) {
      push_warning(L, bit, info);
      lua_rawseti(L, -2, ++i);
    }
  lua_setfield(L, -2, "warnings");
}

/* ---- page dumps ---- */

/* Pushes what a head block holds besides its fields and returns 1, or pushes nothing and returns 0. */
static int push_leftover(lua_State *L, const char *t, const bs_page_block *b, const bs_page *page) {
  luaL_Buffer buf;
  char *dst = luaL_buffinitsize(L, &buf, b->span.end - b->span.start);
  size_t len = bs_page_leftover(t, b, page, dst);
  luaL_pushresultsize(&buf, len);
  if (len > 0) return 1;
  lua_pop(L, 1);
  return 0;
}

/* The record of a page dump (see page.h): head fields, body, and every other
** block in record.boilerplate. The blocks stay on the stack below the record. */
static int push_page(lua_State *L, const char *t, size_t n, const bs_text_info *info) {
  size_t max = bs_page_max_blocks(t, n), i, words = 0;
  bs_page_block *blocks = lua_newuserdatauv(L, (max ? max : 1) * sizeof *blocks, 0);
  lua_Integer nbody = 0, nboiler = 0;
  uint64_t id = BS_ID_SEED;
  char idhex[BS_ID_LEN + 1];
  bs_page page;
  bs_page_parse(t, n, blocks, max, &page);
  lua_createtable(L, 0, 10);
  set_span(L, t, page.title, "title");
  set_span(L, t, page.date_text, "date_text");
  set_span(L, t, page.byline, "byline");
  if (page.date[0]) {
    lua_pushstring(L, page.date);
    lua_setfield(L, -2, "date");
  }
  id = hash_field(L, "title", id);
  id = bs_id_add(id, page.date, strlen(page.date));
  lua_newtable(L); /* body */
  lua_newtable(L); /* boilerplate */
  for (i = 0; i < page.nblocks; i++) {
    const bs_page_block *b = &blocks[i];
    if (b->kind == BS_PAGE_BODY) {
      size_t len;
      const char *s;
      words += push_squeezed(L, t + b->span.start, b->span.end - b->span.start);
      s = lua_tolstring(L, -1, &len);
      id = bs_id_add(id, s, len);
      lua_rawseti(L, -3, ++nbody);
    } else if (b->kind == BS_PAGE_BOILERPLATE) {
      push_squeezed(L, t + b->span.start, b->span.end - b->span.start);
      lua_rawseti(L, -2, ++nboiler);
    } else if (push_leftover(L, t, b, &page)) {
      lua_rawseti(L, -2, ++nboiler);
    }
  }
  if (nboiler > 0) lua_setfield(L, -3, "boilerplate");
  else lua_pop(L, 1);
  if (nbody > 0) lua_setfield(L, -2, "body");
  else lua_pop(L, 1);
  lua_pushinteger(L, (lua_Integer)words);
  lua_setfield(L, -2, "words");
  set_warnings(L, info->warnings | page.warnings, info);
  bs_id_format(id, idhex);
  lua_pushstring(L, idhex);
  lua_setfield(L, -2, "id");
  return 1;
}

/* ---- options ---- */

/* Reads opts.site and opts.footers (strings stay anchored in opts during the call). */
static void read_opts(lua_State *L, int arg, bs_layout_opts *opts) {
  size_t i, n;
  bs_str *footers;
  opts->site.s = NULL;
  opts->site.n = 0;
  opts->footers = NULL;
  opts->nfooters = 0;
  if (lua_isnoneornil(L, arg)) return;
  luaL_checktype(L, arg, LUA_TTABLE);
  if (lua_getfield(L, arg, "site") != LUA_TNIL) {
    if (!lua_isstring(L, -1)) luaL_argerror(L, arg, "opts.site must be a string");
    opts->site.s = lua_tolstring(L, -1, &opts->site.n);
    lua_setfield(L, arg, "site"); /* a converted number now stays anchored */
  } else lua_pop(L, 1);
  if (lua_getfield(L, arg, "footers") == LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  if (!lua_istable(L, -1)) luaL_argerror(L, arg, "opts.footers must be an array of strings");
  n = (size_t)lua_rawlen(L, -1);
  footers = lua_newuserdatauv(L, n * sizeof *footers + 1, 0);
  for (i = 0; i < n; i++) {
    if (lua_rawgeti(L, -2, (lua_Integer)i + 1) != LUA_TSTRING)
      luaL_argerror(L, arg, "opts.footers must be an array of strings");
    footers[i].s = lua_tolstring(L, -1, &footers[i].n);
    lua_pop(L, 1);
  }
  lua_replace(L, -2); /* keep the array alive on the stack */
  opts->footers = footers;
  opts->nfooters = n;
}

/* ---- the functions of broadsheet.core ---- */

/*
** core.parse(text [, opts]) -> record, tag_line, listed
** tag_line is the tag line's labels as printed (nil when there is none) and
** listed tells whether commas separate them, for the tagger to segment.
*/
static int core_parse(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n), *t = s;
  bs_layout_opts opts;
  bs_text_info info;
  bs_layout lay;
  uint64_t id = BS_ID_SEED;
  char idhex[BS_ID_LEN + 1];
  read_opts(L, 2, &opts);
  bs_text_scan(s, n, &info);
  if (!info.unchanged) {
    char *clean = lua_newuserdatauv(L, info.clean_len + 1, 0);
    bs_text_clean(s, n, clean);
    t = clean;
    n = info.clean_len;
  }
  if (bs_page_is_dump(t, n)) return push_page(L, t, n, &info);
  bs_layout_parse(t, n, &opts, &lay);
  lua_createtable(L, 0, 14);
  set_span(L, t, lay.site, "site");
  set_span(L, t, lay.title, "title");
  set_span(L, t, lay.date_text, "date_text");
  set_span(L, t, lay.byline, "byline");
  set_span(L, t, lay.caption, "caption");
  if (lay.date[0]) {
    lua_pushstring(L, lay.date);
    lua_setfield(L, -2, "date");
  }
  id = hash_field(L, "title", id);
  id = bs_id_add(id, lay.date, strlen(lay.date));
  id = set_body(L, t, lay.body, id);
  set_tag_labels(L, t, &lay);
  set_footer(L, t, &lay);
  set_warnings(L, info.warnings | lay.warnings, &info);
  bs_id_format(id, idhex);
  lua_pushstring(L, idhex);
  lua_setfield(L, -2, "id");
  if (!has(lay.tags)) return 1;
  push_squeezed(L, t + lay.tags.start, lay.tags.end - lay.tags.start);
  lua_pushboolean(L, lay.tags_listed);
  return 3;
}

/* ---- web pages ---- */

/* A page's reading result lives in a userdata whose __gc releases it, so a
** memory error while its items become strings leaks nothing. */
static int html_gc(lua_State *L) {
  bs_html_free(luaL_checkudata(L, 1, "broadsheet.html"));
  return 0;
}

/*
** core.parse_html(html [, charset]) -> body, words, meta, warnings
** body: the paragraphs (an empty table when there is no article); meta:
** candidate name -> array of values in document order; warnings: an array.
*/
static int core_parse_html(lua_State *L) {
  size_t n, i;
  const char *s = luaL_checklstring(L, 1, &n), *charset = luaL_optstring(L, 2, NULL);
  bs_html *h = lua_newuserdatauv(L, sizeof *h, 0);
  lua_Integer paras = 0, warnings = 0, words = 0;
  memset(h, 0, sizeof *h);
  luaL_setmetatable(L, "broadsheet.html");
  bs_html_parse(s, n, charset, h);
  lua_newtable(L); /* body */
  lua_newtable(L); /* meta */
  lua_newtable(L); /* warnings */
  if (h->out_of_memory) {
    lua_pushliteral(L, "out of memory: part of the page was not read");
    lua_rawseti(L, -2, ++warnings);
  }
  for (i = 0; i < h->nitems; i++) {
    const bs_html_item *item = &h->items[i];
    const char *value = h->text + item->value;
    if (item->kind == BS_HTML_PARA) {
      lua_pushlstring(L, value, item->len);
      words += (lua_Integer)bs_count_words(value, item->len);
      lua_rawseti(L, -4, ++paras);
    } else if (item->kind == BS_HTML_WARNING) {
      lua_pushlstring(L, value, item->len);
      lua_rawseti(L, -2, ++warnings);
    } else {
      lua_pushlstring(L, h->text + item->key, item->key_len);
      if (lua_rawget(L, -3) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushlstring(L, h->text + item->key, item->key_len);
        lua_pushvalue(L, -2);
        lua_rawset(L, -5);
      }
      lua_pushlstring(L, value, item->len);
      lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
      lua_pop(L, 1);
    }
  }
  bs_html_free(h);
  lua_pushinteger(L, words);
  lua_insert(L, -3);
  return 4;
}

/* core.is_html(text) -> whether the text opens as a web page does */
static int core_is_html(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_pushboolean(L, bs_html_sniff(s, n));
  return 1;
}

/* core.parse_date(s) -> iso | nil, message */
static int core_parse_date(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n), *why = "not a date";
  char iso[BS_DATE_MAX];
  if (bs_parse_date(s, n, iso, &why)) {
    lua_pushstring(L, iso);
    return 1;
  }
  luaL_pushfail(L);
  lua_pushstring(L, why);
  return 2;
}

/* core.hash(s) -> 16 hex digits, the hash article ids are made of */
static int core_hash(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  char hex[BS_ID_LEN + 1];
  bs_id_format(bs_id_add(BS_ID_SEED, s, n), hex);
  lua_pushstring(L, hex);
  return 1;
}

/* core.valid_utf8(s) -> boolean, as utf8.len(s) ~= nil but at memory speed */
static int core_valid_utf8(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_pushboolean(L, bs_utf8_valid(s, n));
  return 1;
}

/* ---- tag keys and slugs ---- */

/* Most labels' workspace fits on the C stack; longer ones get a luaL_Buffer. */
#define STACK_WORKSPACE 4096

typedef size_t (*tag_fn)(const char *s, size_t n, bs_fold_cache *cache, void *work, size_t worksize);

/* Pushes fn's key or slug of the label at argument 1, folding with the
   cache that is every core function's upvalue. */
static int push_tag(lua_State *L, tag_fn fn, const char *verb) {
  size_t n, size, len;
  const char *s = luaL_checklstring(L, 1, &n);
  bs_fold_cache *cache = lua_touserdata(L, lua_upvalueindex(1));
  char stack[STACK_WORKSPACE], *work = stack;
  luaL_Buffer b;
  size = bs_tag_workspace(s, n);
  if (size == SIZE_MAX) return luaL_error(L, "text too long to fold (%I bytes)", (lua_Integer)n);
  if (size > sizeof stack) work = luaL_buffinitsize(L, &b, size);
  len = fn(s, n, cache, work, size);
  if (len == SIZE_MAX) return luaL_error(L, "cannot %s this label", verb);
  if (len == n && memcmp(work, s, n) == 0) lua_pushvalue(L, 1); /* "security": no new string */
  else if (work == stack) lua_pushlstring(L, work, len);
  else luaL_pushresultsize(&b, len);
  return 1;
}

/* core.tag_key(label) -> match key */
static int core_tag_key(lua_State *L) {
  return push_tag(L, bs_tag_key, "fold");
}

/* core.slug(label) -> slug */
static int core_slug(lua_State *L) {
  return push_tag(L, bs_slug, "slug");
}

static int add_to_buffer(void *ud, const char *bytes, size_t n) {
  luaL_addlstring((luaL_Buffer *)ud, bytes, n);
  return 0;
}

/* core.words(text) -> "word word ...", folded, for whole-word search */
static int core_words(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  bs_words(s, n, add_to_buffer, &b);
  luaL_pushresult(&b);
  return 1;
}

/* Needles up to this long find their match table on the C stack. */
#define STACK_NEEDLE 128

/* core.has_words(text, words [, prefix]) -> whether the text's words hold
   them (words as core.words gives them: "trade war"), stopping at the first
   match without making the folded text */
static int core_has_words(lua_State *L) {
  size_t n, m;
  const char *s = luaL_checklstring(L, 1, &n), *needle = luaL_checklstring(L, 2, &m);
  int prefix = lua_toboolean(L, 3);
  size_t stack[STACK_NEEDLE + 2], *table = stack;
  if (bs_match_table_size(m) > sizeof stack / sizeof *stack)
    table = lua_newuserdatauv(L, bs_match_table_size(m) * sizeof *table, 0);
  lua_pushboolean(L, bs_has_words(s, n, needle, m, prefix, table));
  return 1;
}

/* core.width(text) -> the columns a terminal gives it */
static int core_width(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_pushinteger(L, (lua_Integer)bs_display_width(s, n));
  return 1;
}

static const luaL_Reg core_functions[] = {
  {"parse", core_parse},
  {"parse_date", core_parse_date},
  {"parse_html", core_parse_html},
  {"is_html", core_is_html},
  {"slug", core_slug},
  {"hash", core_hash},
  {"valid_utf8", core_valid_utf8},
  {"tag_key", core_tag_key},
  {"words", core_words},
  {"has_words", core_has_words},
  {"width", core_width},
  {NULL, NULL}
};

int luaopen_broadsheet_core(lua_State *L) {
  luaL_checkversion(L);
  luaL_newmetatable(L, "broadsheet.html");
  lua_pushcfunction(L, html_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_newlibtable(L, core_functions);
  bs_fold_cache_init(lua_newuserdatauv(L, sizeof(bs_fold_cache), 0));
  luaL_setfuncs(L, core_functions, 1);
  lua_pushliteral(L, CORE_VERSION);
  lua_setfield(L, -2, "version");
  return 1;
}
