/*
** core.c: the binding. The only file that knows Lua: it runs the plain C
** parts (text.c, article.c, date.c, slug.c, html.c, warc.c, escape.c) and
** turns their results into tables, and records into JSON. Memory comes from
** Lua (userdata, luaL_Buffer), so a Lua error
** raised anywhere here cannot leak; nothing global, nothing that exits.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <zlib.h>

#include "article.h"
#include "date.h"
#include "escape.h"
#include "html.h"
#include "page.h"
#include "segment.h"
#include "slug.h"
#include "text.h"
#include "warc.h"
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

/* record.date when the text gave one (ISO, "" when not); returns the id
** hash started as every record's is: the title, then that date. */
static uint64_t set_date(lua_State *L, const char *date) {
  if (date[0]) {
    lua_pushstring(L, date);
    lua_setfield(L, -2, "date");
  }
  return bs_id_add(hash_field(L, "title", BS_ID_SEED), date, strlen(date));
}

/* record.warnings, and record.id: the hash of its title, date and paragraphs. */
static void set_warnings_and_id(lua_State *L, unsigned warnings, const bs_text_info *info, uint64_t id) {
  char idhex[BS_ID_LEN + 1];
  set_warnings(L, warnings, info);
  bs_id_format(id, idhex);
  lua_pushstring(L, idhex);
  lua_setfield(L, -2, "id");
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

/* Pushes a page block's text (see bs_page_squeeze); returns its word count. */
static size_t push_page_text(lua_State *L, const char *t, bs_span s) {
  luaL_Buffer b;
  size_t words;
  char *dst = luaL_buffinitsize(L, &b, s.end - s.start);
  luaL_pushresultsize(&b, bs_page_squeeze(t, s, dst, &words));
  return words;
}

/* The record of a page dump (see page.h): head fields, body, and every other
** block in record.boilerplate. The blocks stay on the stack below the record. */
static int push_page(lua_State *L, const char *t, size_t n, const bs_layout_opts *opts, const bs_text_info *info) {
  size_t max = bs_page_max_blocks(t, n), i, words = 0;
  bs_page_block *blocks = lua_newuserdatauv(L, (max ? max : 1) * sizeof *blocks, 0);
  lua_Integer nbody = 0, nboiler = 0;
  uint64_t id;
  bs_page page;
  bs_page_parse(t, n, blocks, max, opts, &page);
  lua_createtable(L, 0, 10);
  set_span(L, t, page.title, "title");
  set_span(L, t, page.date_text, "date_text");
  set_span(L, t, page.byline, "byline");
  id = set_date(L, page.date);
  lua_newtable(L); /* body */
  lua_newtable(L); /* boilerplate */
  for (i = 0; i < page.nblocks; i++) {
    const bs_page_block *b = &blocks[i];
    if (b->kind == BS_PAGE_BODY) {
      size_t len;
      const char *s;
      words += push_page_text(L, t, b->span);
      s = lua_tolstring(L, -1, &len);
      id = bs_id_add(id, s, len);
      lua_rawseti(L, -3, ++nbody);
    } else if (b->kind == BS_PAGE_BOILERPLATE) {
      push_page_text(L, t, b->span);
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
  set_warnings_and_id(L, info->warnings | page.warnings, info, id);
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

/* The clean text of s[0..*n) (see text.h): s itself when cleaning changes
   nothing, else a copy in a userdata left on the stack; *n becomes its length. */
static const char *clean_text(lua_State *L, const char *s, size_t *n, bs_text_info *info) {
  char *clean;
  bs_text_scan(s, *n, info);
  if (info->unchanged) return s;
  clean = lua_newuserdatauv(L, info->clean_len + 1, 0);
  bs_text_clean(s, *n, clean);
  *n = info->clean_len;
  return clean;
}

/*
** core.parse(text [, opts]) -> record, tag_line, listed
** tag_line is the tag line's labels as printed (nil when there is none) and
** listed tells whether commas separate them, for the tagger to segment.
*/
static int core_parse(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n), *t;
  bs_layout_opts opts;
  bs_text_info info;
  bs_layout lay;
  uint64_t id;
  read_opts(L, 2, &opts);
  t = clean_text(L, s, &n, &info);
  if (bs_page_is_dump(t, n)) return push_page(L, t, n, &opts, &info);
  bs_layout_parse(t, n, &opts, &lay);
  lua_createtable(L, 0, 14);
  set_span(L, t, lay.site, "site");
  set_span(L, t, lay.title, "title");
  set_span(L, t, lay.date_text, "date_text");
  set_span(L, t, lay.byline, "byline");
  set_span(L, t, lay.caption, "caption");
  id = set_body(L, t, lay.body, set_date(L, lay.date));
  set_tag_labels(L, t, &lay);
  set_footer(L, t, &lay);
  set_warnings_and_id(L, info.warnings | lay.warnings, &info, id);
  if (!has(lay.tags)) return 1;
  push_squeezed(L, t + lay.tags.start, lay.tags.end - lay.tags.start);
  lua_pushboolean(L, lay.tags_listed);
  return 3;
}

/*
** core.profile_matters(text, opts [, site_taken]) -> whether core.parse(text,
** opts) may read text otherwise than core.parse(text), whose reading took a
** masthead when site_taken: false promises the same record. Page dumps
** compare lines squeezed, and a profile always matters to them.
*/
static int core_profile_matters(lua_State *L) {
  size_t n;
  const char *t = luaL_checklstring(L, 1, &n);
  bs_layout_opts opts;
  bs_text_info info;
  read_opts(L, 2, &opts);
  if (opts.site.n == 0 && opts.nfooters == 0) {
    lua_pushboolean(L, 0);
    return 1;
  }
  t = clean_text(L, t, &n, &info);
  lua_pushboolean(L, bs_page_is_dump(t, n) || bs_layout_opts_matter(t, n, &opts, lua_toboolean(L, 3)));
  return 1;
}

/*
** core.squeezed_lines(text, from, most [, last]) -> the lines of text from
** byte from on that are not blank (see bs_next_filled_line), each squeezed
** (bs_squeeze_ascii), or false where that is longer than most bytes. With
** last, only the last `last` of them, never the first: a piece cut at byte
** from may start inside a line.
*/
static int core_squeezed_lines(lua_State *L) {
  size_t n, pos, start, end, count = 0, skip = 0, index = 0;
  const char *t = luaL_checklstring(L, 1, &n);
  lua_Integer from = luaL_checkinteger(L, 2), most = luaL_checkinteger(L, 3);
  lua_Integer last = luaL_optinteger(L, 4, -1);
  luaL_argcheck(L, from >= 1, 2, "must be at least 1");
  luaL_argcheck(L, most >= 0, 3, "must be at least 0");
  luaL_argcheck(L, lua_isnoneornil(L, 4) || last >= 0, 4, "must be at least 0");
  from = from - 1 > (lua_Integer)n ? (lua_Integer)n : from - 1;
  if (last >= 0) {
    for (pos = (size_t)from; bs_next_filled_line(t, n, &pos, &start, &end);) count++;
    skip = count > (size_t)last + 1 ? count - (size_t)last : 1;
  }
  lua_newtable(L);
  for (pos = (size_t)from; bs_next_filled_line(t, n, &pos, &start, &end); index++) {
    luaL_Buffer b;
    size_t len = end - start, cap = (lua_Integer)len < most ? len : (size_t)most, squeezed;
    if (index < skip) continue;
    squeezed = bs_squeeze_ascii(t + start, len, luaL_buffinitsize(L, &b, cap), cap);
    if (squeezed > cap) {
      luaL_pushresultsize(&b, 0);
      lua_pop(L, 1);
      lua_pushboolean(L, 0);
    } else {
      luaL_pushresultsize(&b, squeezed);
    }
    lua_rawseti(L, -2, (lua_Integer)(index - skip + 1));
  }
  return 1;
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

/* Pushes fn's key or slug of the label at index, folding with the cache
   that is every core function's upvalue. */
static int push_tag_at(lua_State *L, int index, tag_fn fn, const char *verb) {
  size_t n, size, len;
  const char *s = luaL_checklstring(L, index, &n);
  index = lua_absindex(L, index);
  bs_fold_cache *cache = lua_touserdata(L, lua_upvalueindex(1));
  char stack[STACK_WORKSPACE], *work = stack;
  luaL_Buffer b;
  size = bs_tag_workspace(s, n);
  if (size == SIZE_MAX) return luaL_error(L, "text too long to fold (%I bytes)", (lua_Integer)n);
  if (size > sizeof stack) work = luaL_buffinitsize(L, &b, size);
  len = fn(s, n, cache, work, size);
  if (len == SIZE_MAX) return luaL_error(L, "cannot %s this label", verb);
  /* One value pushed, the buffer's box (a to-be-closed slot) consumed. */
  if (work != stack) luaL_pushresultsize(&b, len);
  else if (len == n && memcmp(work, s, n) == 0) lua_pushvalue(L, index); /* "security": no new string */
  else lua_pushlstring(L, work, len);
  return 1;
}

/* core.tag_key(label) -> match key */
static int core_tag_key(lua_State *L) {
  return push_tag_at(L, 1, bs_tag_key, "fold");
}

/* core.slug(label) -> slug */
static int core_slug(lua_State *L) {
  return push_tag_at(L, 1, bs_slug, "slug");
}

/* ---- tag lines ---- */

/* Rounds up to a multiple of 16, the alignment of a userdata's memory; 0
   when that overflows. */
static size_t aligned(size_t size) {
  return size > SIZE_MAX - 15 ? 0 : (size + 15) & ~(size_t)15;
}

/* The words of s[0..n) (runs of bytes that are no white space, as Lua's %S+): how many,
   and where, into at (room for two per word) when it is not NULL. */
static size_t line_words(const char *s, size_t n, size_t *at) {
  size_t i = 0, count = 0;
  for (;;) {
    size_t start;
    while (i < n && bs_is_ascii_space((unsigned char)s[i])) i++;
    if (i == n) return count;
    start = i;
    while (i < n && !bs_is_ascii_space((unsigned char)s[i])) i++;
    if (at) {
      at[2 * count] = start;
      at[2 * count + 1] = i;
    }
    count++;
  }
}

/* Pushes words a..b of the line joined by single spaces. */
static void push_joined(lua_State *L, const char *s, const size_t *at, size_t a, size_t b) {
  luaL_Buffer buf;
  size_t i;
  luaL_buffinit(L, &buf);
  for (i = a; i <= b; i++) {
    if (i > a) luaL_addchar(&buf, ' ');
    luaL_addlstring(&buf, s + at[2 * i], at[2 * i + 1] - at[2 * i]);
  }
  luaL_pushresult(&buf);
}

/* Pushes the key tags are sorted by of the string at index: its lower case
   when all ASCII, as names compare; else its match key (see
   broadsheet.segment.sort_key). */
static void push_sort_key(lua_State *L, int index) {
  size_t n, i;
  const char *s = lua_tolstring(L, index, &n);
  index = lua_absindex(L, index);
  luaL_Buffer buf;
  char *lower;
  if (!bs_is_ascii(s, n)) {
    push_tag_at(L, index, bs_tag_key, "fold");
    return;
  }
  lower = luaL_buffinitsize(L, &buf, n);
  for (i = 0; i < n; i++) lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
  luaL_pushresultsize(&buf, n);
}

/* core.sort_key(label) -> the key tags are sorted by (see push_sort_key) */
static int core_sort_key(lua_State *L) {
  luaL_checkstring(L, 1);
  push_sort_key(L, 1);
  return 1;
}

/* Arguments of core.segment_line. */
enum { LINE = 1, IN_ORDER, SPAN, LONGEST_LINE, STOPWORDS, OPENS, KNOWN_COUNT, KEYS };

/* The words' sort keys (kept in the table at KEYS), stop word kinds and
   whether each may open a known tag; returns whether they may be anything
   but one tag each. */
static int word_cues(lua_State *L, const char *s, const size_t *at, size_t n, bs_seg_word *words) {
  size_t i;
  int any_opens, may_join = 0;
  lua_pushnil(L);
  any_opens = lua_next(L, OPENS) != 0;
  if (any_opens) lua_pop(L, 2);
  for (i = 0; i < n; i++) {
    lua_pushlstring(L, s + at[2 * i], at[2 * i + 1] - at[2 * i]);
    push_sort_key(L, -1);
    words[i].key = lua_tolstring(L, -1, &words[i].key_len);
    lua_pushvalue(L, -1);
    lua_rawseti(L, KEYS, (lua_Integer)i + 1); /* keeps the key the words point into */
    lua_rawget(L, STOPWORDS);
    words[i].stop = lua_isstring(L, -1) ? (strcmp(lua_tostring(L, -1), "joining") == 0 ? BS_SEG_JOINING
                                                                                     : BS_SEG_LEADING)
                                        : BS_SEG_NO_STOP;
    lua_pop(L, 1);
    words[i].opening = 0;
    if (any_opens) {
      const char *slug, *dash;
      size_t slug_len;
      push_tag_at(L, lua_gettop(L), bs_slug, "slug");
      slug = lua_tolstring(L, -1, &slug_len);
      dash = memchr(slug, '-', slug_len);
      lua_pushlstring(L, slug, dash ? (size_t)(dash - slug) : slug_len);
      words[i].opening = (unsigned char)(lua_rawget(L, OPENS) != LUA_TNIL && lua_toboolean(L, -1));
      lua_pop(L, 2);
    }
    lua_pop(L, 1);
    may_join |= words[i].opening || words[i].stop || (i > 0 && bs_seg_sorts_after(&words[i - 1], &words[i]));
  }
  return may_join;
}

/* Asks known_count of each word, and of each run of words one opens, as
   segment.h wants them. */
static void known_counts(lua_State *L, const char *s, const size_t *at, const bs_seg_line *line, bs_seg_known *known) {
  size_t a, b;
  for (a = 0; a < line->n * line->span; a++) known[a].known = 0;
  for (a = 0; a < line->n; a++) {
    size_t last = line->words[a].opening ? a + line->span - 1 : a;
    if (last >= line->n) last = line->n - 1;
    for (b = a; b <= last; b++) {
      bs_seg_known *k = &known[a * line->span + (b - a)];
      lua_pushvalue(L, KNOWN_COUNT);
      push_joined(L, s, at, a, b);
      lua_call(L, 1, 1);
      k->known = lua_type(L, -1) == LUA_TNUMBER;
      k->count = k->known ? lua_tonumber(L, -1) : 0;
      lua_pop(L, 1);
    }
  }
}

/* Pushes the words of the line as they stand, one tag each. */
static int push_words(lua_State *L, const char *s, const size_t *at, size_t n) {
  size_t i;
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_pushlstring(L, s + at[2 * i], at[2 * i + 1] - at[2 * i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* Pushes the reading's labels; returns how many of them sort before the
   label before them. */
static size_t push_labels(lua_State *L, const char *s, const size_t *at, const bs_seg_line *line,
                          const size_t *starts, size_t count) {
  size_t t, wrong = 0;
  int labels;
  lua_createtable(L, (int)count, 0);
  labels = lua_gettop(L);
  lua_pushliteral(L, ""); /* the sort key of the label before: none yet */
  for (t = 0; t < count; t++) {
    size_t a = starts[t], b = (t + 1 < count ? starts[t + 1] : line->n) - 1;
    push_joined(L, s, at, a, b);
    lua_pushvalue(L, -1);
    lua_rawseti(L, labels, (lua_Integer)t + 1);
    if (a == b) lua_rawgeti(L, KEYS, (lua_Integer)a + 1);
    else push_sort_key(L, -1);
    if (t > 0 && lua_compare(L, -1, -3, LUA_OPLT)) wrong++;
    lua_replace(L, -3); /* this label's key is the one before the next */
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return wrong;
}

/*
** core.segment_line(line, in_order, span, longest_line, stopwords, opens,
** known_count) -> labels, score, out_of_order: the best reading of a
** space-joined tag line as tags (see segment.h and broadsheet.segment),
** in the order of the tags' sort keys when in_order is set; labels alone
** (its words as they stand) when it has more than longest_line words or
** nothing that could join them; nil when no reading keeps the order.
** stopwords: sort key -> "joining" or "leading"; opens: the first part of
** the slug of each known tag of several words -> true; known_count(label):
** the count of a known tag, or nil; out_of_order: how many labels sort
** before the one before them.
*/
static int core_segment_line(lua_State *L) {
  size_t len, n, count, total, *at, *starts;
  const char *s = luaL_checklstring(L, LINE, &len);
  lua_Integer span = luaL_checkinteger(L, SPAN), longest = luaL_checkinteger(L, LONGEST_LINE);
  bs_seg_line line;
  bs_seg_word *words;
  bs_seg_known *known;
  char *memory;
  double score;
  size_t work_size, words_at, known_at, starts_at;
  luaL_checktype(L, STOPWORDS, LUA_TTABLE);
  luaL_checktype(L, OPENS, LUA_TTABLE);
  luaL_checktype(L, KNOWN_COUNT, LUA_TFUNCTION);
  luaL_argcheck(L, span >= 1 && span <= 1000, SPAN, "must be from 1 to 1000");
  lua_settop(L, KNOWN_COUNT);
  lua_newtable(L); /* KEYS */
  n = line_words(s, len, NULL);
  at = lua_newuserdatauv(L, (n ? n : 1) * 2 * sizeof *at, 0);
  line_words(s, len, at);
  if ((lua_Integer)n > longest || n == 0) return push_words(L, s, at, n);
  if ((size_t)span > n) span = (lua_Integer)n; /* no tag is longer than the line */
  work_size = aligned(bs_seg_work_size(n, (size_t)span));
  words_at = work_size;
  known_at = words_at + aligned(n * sizeof *words);
  starts_at = known_at + aligned(n * (size_t)span * sizeof *known);
  total = starts_at + n * sizeof *starts;
  if (work_size == 0 || total < starts_at) return luaL_error(L, "tag line too long to read");
  memory = lua_newuserdatauv(L, total, 0);
  words = (bs_seg_word *)(memory + words_at);
  known = (bs_seg_known *)(memory + known_at);
  starts = (size_t *)(memory + starts_at);
  line.words = words;
  line.n = n;
  line.span = (size_t)span;
  line.known = known;
  if (!word_cues(L, s, at, n, words)) return push_words(L, s, at, n);
  known_counts(L, s, at, &line, known);
  count = bs_seg_read(&line, lua_toboolean(L, IN_ORDER), memory, starts, &score);
  if (count == 0) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushinteger(L, (lua_Integer)push_labels(L, s, at, &line, starts, count));
  lua_pushnumber(L, score);
  lua_rotate(L, -2, 1);
  return 3;
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

/* ---- web archives ---- */

/* A reader of one web archive: the C reader (warc.c) with its zlib stream
** and buffers, freed by __gc; the Lua function giving it chunks is the
** userdata's user value. */
typedef struct {
  bs_warc *warc;
  bs_warc_record record; /* the last record, valid until the next read */
  int ended;
} warc_reader;

#define WARC_READER "broadsheet.warc_reader"
#define INFLATER "broadsheet.inflater"
#define CHUNK_BYTES 65536

static warc_reader *check_reader(lua_State *L) {
  warc_reader *r = luaL_checkudata(L, 1, WARC_READER);
  if (!r->warc) luaL_error(L, "web archive reader is closed");
  return r;
}

static void push_text(lua_State *L, bs_text t, const char *key) {
  if (!t.n) return;
  lua_pushlstring(L, t.s, t.n);
  lua_setfield(L, -2, key);
}

static void push_record(lua_State *L, const bs_warc_record *rec) {
  lua_createtable(L, 0, 12);
  push_text(L, rec->type, "type");
  push_text(L, rec->uri, "uri");
  push_text(L, rec->date, "date");
  push_text(L, rec->content_type, "content_type");
  push_text(L, rec->record_id, "record_id");
  push_text(L, rec->refers_to, "refers_to");
  push_text(L, rec->payload_digest, "payload_digest");
  push_text(L, rec->refers_to_uri, "refers_to_uri");
  push_text(L, rec->refers_to_date, "refers_to_date");
  lua_pushinteger(L, (lua_Integer)rec->offset);
  lua_setfield(L, -2, "offset");
  lua_pushboolean(L, rec->arc);
  lua_setfield(L, -2, "arc");
  lua_pushboolean(L, rec->oversized);
  lua_setfield(L, -2, "oversized");
}

/* Calls the source for a chunk and feeds it; at its end (nil), finishes. */
static void feed_reader(lua_State *L, warc_reader *r) {
  size_t n;
  const char *chunk;
  lua_getiuservalue(L, 1, 1);
  lua_call(L, 0, 1);
  chunk = lua_tolstring(L, -1, &n);
  if (!chunk) bs_warc_finish(r->warc);
  else if (!bs_warc_feed(r->warc, chunk, n)) luaL_error(L, "not enough memory for the web archive");
  lua_pop(L, 1);
}

/* reader:next() -> "record", record | "warning", message | nil at the end */
static int reader_next(lua_State *L) {
  warc_reader *r = check_reader(L);
  for (;;) {
    int what;
    if (r->ended) return 0;
    what = bs_warc_next(r->warc, &r->record);
    switch (what) {
    case BS_WARC_MORE:
      feed_reader(L, r);
      break;
    case BS_WARC_RECORD:
      lua_pushliteral(L, "record");
      push_record(L, &r->record);
      return 2;
    case BS_WARC_WARNING:
      lua_pushliteral(L, "warning");
      lua_pushstring(L, bs_warc_warning(r->warc));
      return 2;
    case BS_WARC_END:
      r->ended = 1;
      return 0;
    default:
      return luaL_error(L, "not enough memory for the web archive");
    }
  }
}

/* reader:block() -> the last record's content block */
static int reader_block(lua_State *L) {
  warc_reader *r = check_reader(L);
  lua_pushlstring(L, r->record.block.s ? r->record.block.s : "", r->record.block.n);
  return 1;
}

/* reader:http() -> status (0: not HTTP), body, content_type, charset, problem */
static int reader_http(lua_State *L) {
  warc_reader *r = check_reader(L);
  bs_http http;
  if (!bs_warc_http(r->warc, r->record.block, &http)) return luaL_error(L, "not enough memory for the web archive");
  lua_pushinteger(L, http.status);
  lua_pushlstring(L, http.body.s ? http.body.s : "", http.body.n);
  lua_pushlstring(L, http.content_type.s, http.content_type.n);
  lua_pushlstring(L, bs_header_param(http.content_type, "charset").s, bs_header_param(http.content_type, "charset").n);
  if (http.problem) lua_pushstring(L, http.problem);
  else lua_pushnil(L);
  return 5;
}

static int reader_gc(lua_State *L) {
  warc_reader *r = luaL_checkudata(L, 1, WARC_READER);
  bs_warc_free(r->warc);
  r->warc = NULL;
  return 0;
}

/* core.warc_reader(source, max_record_bytes) -> a reader of the WARC or ARC
   bytes source() returns chunk by chunk (nil at the end) */
static int core_warc_reader(lua_State *L) {
  lua_Integer max = luaL_checkinteger(L, 2);
  void *ud;
  lua_Alloc alloc = lua_getallocf(L, &ud);
  warc_reader *r;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  luaL_argcheck(L, max > 0, 2, "positive size expected");
  r = lua_newuserdatauv(L, sizeof *r, 1);
  memset(r, 0, sizeof *r);
  luaL_setmetatable(L, WARC_READER);
  r->warc = bs_warc_new(alloc, ud, (size_t)max);
  if (!r->warc) return luaL_error(L, "not enough memory for the web archive");
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  return 1;
}

/* core.warc_sniff(head) -> "warc", "arc" or nil: what a file's first bytes hold */
static int core_warc_sniff(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  void *ud;
  lua_Alloc alloc = lua_getallocf(L, &ud);
  int kind = bs_warc_sniff(alloc, ud, s, n);
  if (kind == 1) lua_pushliteral(L, "warc");
  else if (kind == 2) lua_pushliteral(L, "arc");
  else lua_pushnil(L);
  return 1;
}

/* A raw inflate stream (zip's deflate method) over a chunk source. */
typedef struct {
  z_stream z;
  bs_buf mem; /* only its allocator: zlib's memory hooks */
  int ready, ended;
  char out[CHUNK_BYTES];
} inflater;

/* inflater:read() -> the next inflated chunk, nil at the end, or nil and a message */
static int inflater_read(lua_State *L) {
  inflater *f = luaL_checkudata(L, 1, INFLATER);
  while (!f->ended) {
    int ret;
    if (f->z.avail_in == 0) {
      lua_settop(L, 1);
      lua_getiuservalue(L, 1, 1);
      lua_call(L, 0, 1);
      if (lua_isnil(L, -1)) {
        f->ended = 1;
        lua_pushnil(L);
        lua_pushliteral(L, "deflated data breaks off");
        return 2;
      }
      f->z.next_in = (unsigned char *)(size_t)luaL_checklstring(L, -1, NULL);
      f->z.avail_in = (unsigned)lua_rawlen(L, -1);
      lua_setiuservalue(L, 1, 2); /* keeps the chunk alive while zlib reads it */
    }
    f->z.next_out = (unsigned char *)f->out;
    f->z.avail_out = sizeof f->out;
    ret = inflate(&f->z, Z_NO_FLUSH);
    if (ret == Z_STREAM_END) f->ended = 1;
    else if (ret == Z_MEM_ERROR) return luaL_error(L, "not enough memory to inflate");
    else if (ret != Z_OK && ret != Z_BUF_ERROR) {
      f->ended = 1;
      lua_pushnil(L);
      lua_pushliteral(L, "deflated data is corrupt");
      return 2;
    }
    if (f->z.avail_out < sizeof f->out) {
      lua_pushlstring(L, f->out, sizeof f->out - f->z.avail_out);
      return 1;
    }
  }
  return 0;
}

static int inflater_gc(lua_State *L) {
  inflater *f = luaL_checkudata(L, 1, INFLATER);
  if (f->ready) inflateEnd(&f->z);
  f->ready = 0;
  return 0;
}

/* core.inflater(source) -> a raw inflate stream over the chunks source() returns */
static int core_inflater(lua_State *L) {
  inflater *f;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  f = lua_newuserdatauv(L, sizeof *f, 2);
  memset(f, 0, sizeof *f);
  luaL_setmetatable(L, INFLATER);
  f->mem.alloc = lua_getallocf(L, &f->mem.ud);
  f->z.zalloc = bs_zalloc;
  f->z.zfree = bs_zfree;
  f->z.opaque = &f->mem;
  if (inflateInit2(&f->z, -15) != Z_OK) return luaL_error(L, "not enough memory to inflate");
  f->ready = 1;
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  return 1;
}

static void register_type(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction gc) {
  luaL_newmetatable(L, name);
  lua_newtable(L);
  luaL_setfuncs(L, methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
}

static const luaL_Reg reader_methods[] = {
  {"next", reader_next},
  {"block", reader_block},
  {"http", reader_http},
  {NULL, NULL}
};

static const luaL_Reg inflater_methods[] = {
  {"read", inflater_read},
  {NULL, NULL}
};

/* ---- export ---- */

static void emit_to_buffer(void *ud, const char *bytes, size_t n) {
  luaL_addlstring((luaL_Buffer *)ud, bytes, n);
}

typedef void (*escape_fn)(const char *s, size_t n, bs_emit_fn emit, void *ud);

/* Pushes fn's escaping of the string at argument 1, or of each string of the
   list at argument 1, each between the strings at arguments 2 and 3 (no
   escaping for those): one call for all the paragraphs of an article. */
static int push_escaped(lua_State *L, escape_fn fn) {
  size_t n, open_len, close_len;
  const char *s, *open, *close;
  lua_Integer i, items;
  luaL_Buffer b;
  if (lua_type(L, 1) != LUA_TTABLE) {
    s = luaL_checklstring(L, 1, &n);
    luaL_buffinitsize(L, &b, n + n / 8 + 16);
    fn(s, n, emit_to_buffer, &b);
    luaL_pushresult(&b);
    return 1;
  }
  open = luaL_optlstring(L, 2, "", &open_len);
  close = luaL_optlstring(L, 3, "", &close_len);
  items = (lua_Integer)lua_rawlen(L, 1);
  for (i = 1, n = 0; i <= items; i++) {
    n += lua_rawgeti(L, 1, i) == LUA_TSTRING ? lua_rawlen(L, -1) : 0;
    lua_pop(L, 1);
  }
  /* room for the texts as they are, and a little escaping, from the start */
  luaL_buffinitsize(L, &b, n + n / 16 + (size_t)items * (open_len + close_len));
  for (i = 1; i <= items; i++) {
    lua_rawgeti(L, 1, i);
    if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "item %I of the list is not a string", (LUAI_UACINT)i);
    s = lua_tolstring(L, -1, &n);
    lua_pop(L, 1); /* the list keeps the string alive; the buffer needs the stack as it left it */
    luaL_addlstring(&b, open, open_len);
    fn(s, n, emit_to_buffer, &b);
    luaL_addlstring(&b, close, close_len);
  }
  luaL_pushresult(&b);
  return 1;
}

/* core.escape_xml(text | list [, open, close]) -> XML text (see escape.h) */
static int core_escape_xml(lua_State *L) {
  return push_escaped(L, bs_escape_xml);
}

/* core.escape_xml_twice(text | list [, open, close]) -> escape_xml's
   output escaped again, in one scan */
static int core_escape_xml_twice(lua_State *L) {
  return push_escaped(L, bs_escape_xml_twice);
}

/* core.escape_markdown(text | list [, open, close]) -> Markdown text, each
   text one line (see escape.h) */
static int core_escape_markdown(lua_State *L) {
  return push_escaped(L, bs_escape_markdown);
}

/* core.csv_row(cells, separator [, guard]) -> the cells (strings) as one
   CSV row ending in CRLF, each escaped by bs_escape_csv (see escape.h) */
static int core_csv_row(lua_State *L) {
  size_t n, sep_len;
  const char *s, *separator;
  lua_Integer i, cells;
  int guard;
  luaL_Buffer b;
  luaL_checktype(L, 1, LUA_TTABLE);
  separator = luaL_checklstring(L, 2, &sep_len);
  luaL_argcheck(L, sep_len == 1, 2, "one byte expected");
  guard = lua_toboolean(L, 3);
  cells = (lua_Integer)lua_rawlen(L, 1);
  luaL_buffinit(L, &b);
  for (i = 1; i <= cells; i++) {
    lua_rawgeti(L, 1, i);
    if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "cell %I is not a string", (LUAI_UACINT)i);
    s = lua_tolstring(L, -1, &n);
    lua_pop(L, 1); /* the list keeps the string alive; the buffer needs the stack as it left it */
    if (i > 1) luaL_addchar(&b, separator[0]);
    bs_escape_csv(s, n, separator[0], guard, emit_to_buffer, &b);
  }
  luaL_addlstring(&b, "\r\n", 2);
  luaL_pushresult(&b);
  return 1;
}

static void add_json_string(luaL_Buffer *b, const char *s, size_t n) {
  luaL_addchar(b, '"');
  bs_escape_json(s, n, emit_to_buffer, b);
  luaL_addchar(b, '"');
}

/* The number of entries of the table at idx. */
static lua_Integer entry_count(lua_State *L, int idx) {
  lua_Integer count = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    count++;
    lua_pop(L, 1);
  }
  return count;
}

/* Adds the scalar at the top of the stack as lua-cjson writes it (numbers
   as %.14g), popping it first: a luaL_Buffer must find the stack as its
   last operation left it (the string stays alive in the record). 0 for a
   value this writer leaves to lua-cjson. */
static int add_json_scalar(lua_State *L, luaL_Buffer *b) {
  size_t n;
  const char *s;
  int ok = 1;
  switch (lua_type(L, -1)) {
  case LUA_TSTRING:
    s = lua_tolstring(L, -1, &n);
    lua_pop(L, 1); /* the record still holds the string */
    add_json_string(b, s, n);
    return 1;
  case LUA_TNUMBER: {
    char copy[64];
    int len;
    if (lua_isinteger(L, -1)) {
      len = snprintf(copy, sizeof copy, LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, -1));
    } else {
      double d = (double)lua_tonumber(L, -1);
      if (d != d || d - d != 0) ok = 0; /* NaN, infinite */
      len = ok ? snprintf(copy, sizeof copy, "%.14g", d) : 0;
    }
    lua_pop(L, 1);
    if (ok) luaL_addlstring(b, copy, (size_t)len);
    return ok;
  }
  case LUA_TBOOLEAN:
    ok = lua_toboolean(L, -1);
    lua_pop(L, 1);
    luaL_addstring(b, ok ? "true" : "false");
    return 1;
  default:
    lua_pop(L, 1);
    return 0;
  }
}

/* Adds the value of field key of the record at idx (an array of scalars as
   a JSON array, an empty table as {} as lua-cjson writes it); 0 when it is
   none this writer writes. */
static int add_json_value(lua_State *L, luaL_Buffer *b, int record, const char *key) {
  lua_Integer i, n;
  lua_getfield(L, record, key);
  if (lua_type(L, -1) != LUA_TTABLE) return add_json_scalar(L, b);
  n = (lua_Integer)lua_rawlen(L, -1);
  if (entry_count(L, lua_gettop(L)) != n) {
    lua_pop(L, 1);
    return 0;
  }
  lua_pop(L, 1);
  if (n == 0) {
    luaL_addstring(b, "{}");
    return 1;
  }
  luaL_addchar(b, '[');
  for (i = 1; i <= n; i++) {
    if (i > 1) luaL_addchar(b, ',');
    lua_getfield(L, record, key);
    lua_rawgeti(L, -1, i);
    lua_remove(L, -2);
    if (lua_type(L, -1) == LUA_TTABLE || !add_json_scalar(L, b)) return 0;
  }
  luaL_addchar(b, ']');
  return 1;
}

/* core.json_object(record, keys) -> the record as one line of JSON, its
   keys in the order of the list keys; nil when the record holds a key not
   in the list or a value other than strings, numbers, booleans and arrays
   of them (the caller's general encoder writes those). Text that is not
   UTF-8 is repaired as it is escaped. */
static int core_json_object(lua_State *L) {
  lua_Integer i, nkeys, present = 0;
  luaL_Buffer b;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  nkeys = (lua_Integer)lua_rawlen(L, 2);
  for (i = 1; i <= nkeys; i++) {
    lua_rawgeti(L, 2, i);
    if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "keys must be strings");
    lua_gettable(L, 1);
    present += !lua_isnil(L, -1);
    lua_pop(L, 1);
  }
  if (entry_count(L, 1) != present) {
    luaL_pushfail(L);
    return 1;
  }
  luaL_buffinit(L, &b);
  luaL_addchar(&b, '{');
  present = 0;
  for (i = 1; i <= nkeys; i++) {
    size_t n;
    const char *key;
    lua_rawgeti(L, 2, i); /* the keys list holds it: the pointer outlives the pop */
    key = lua_tolstring(L, -1, &n);
    lua_pop(L, 1);
    lua_getfield(L, 1, key);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      continue;
    }
    lua_pop(L, 1);
    if (present++) luaL_addchar(&b, ',');
    add_json_string(&b, key, n);
    luaL_addchar(&b, ':');
    if (!add_json_value(L, &b, 1, key)) {
      luaL_pushfail(L);
      return 1;
    }
  }
  luaL_addchar(&b, '}');
  luaL_pushresult(&b);
  return 1;
}

static const luaL_Reg core_functions[] = {
  {"parse", core_parse},
  {"profile_matters", core_profile_matters},
  {"squeezed_lines", core_squeezed_lines},
  {"segment_line", core_segment_line},
  {"sort_key", core_sort_key},
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
  {"warc_reader", core_warc_reader},
  {"warc_sniff", core_warc_sniff},
  {"inflater", core_inflater},
  {"escape_xml", core_escape_xml},
  {"escape_xml_twice", core_escape_xml_twice},
  {"escape_markdown", core_escape_markdown},
  {"csv_row", core_csv_row},
  {"json_object", core_json_object},
  {NULL, NULL}
};

int luaopen_broadsheet_core(lua_State *L) {
  luaL_checkversion(L);
  luaL_newmetatable(L, "broadsheet.html");
  lua_pushcfunction(L, html_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  register_type(L, WARC_READER, reader_methods, reader_gc);
  register_type(L, INFLATER, inflater_methods, inflater_gc);
  luaL_newlibtable(L, core_functions);
  bs_fold_cache_init(lua_newuserdatauv(L, sizeof(bs_fold_cache), 0));
  luaL_setfuncs(L, core_functions, 1);
  lua_pushliteral(L, CORE_VERSION);
  lua_setfield(L, -2, "version");
  return 1;
}
