/*
** fuzz_lua.c: libFuzzer harness for the binding (core.c) through an embedded
** Lua 5.4 state, as a host program would use it: core.parse (without and with
** opts taken from the input's own lines), core.parse_date, core.slug,
** core.tag_key, core.words, core.has_words (looking for the input's second
** line then its first), core.width, core.segment_line (the first line read as
** a tag line), core.sort_key and core.squeezed_lines, each called from a Lua chunk run with
** lua_pcall. The chunk (CHECKS and CHECKS_TAGS below) checks what each returns; any error is
** a finding.
**
** One state serves every run (lua_settop and a full collection after each):
** a fresh state per run costs more than the calls themselves. Set
** FUZZ_LUA_FRESH=1 in the environment to close and reopen it every run.
**
** When the input's last byte is 0xF0..0xFF the run is a memory-failure run:
** the allocator fails after a number of allocations taken from the input, so
** that the binding's error paths run; a "not enough memory" error is then
** expected, and LeakSanitizer checks that it leaks nothing.
*/
#include "fuzz.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

int luaopen_broadsheet_core(lua_State *L);

static const char CHECKS[] =
  "local core, s, control = ...\n"
  "local function check(cond, what) if not cond then error('check failed: ' .. what, 2) end end\n"
  "local function text(x) return type(x) == 'string' and #x > 0 and utf8.len(x) ~= nil end\n"
  "local function check_slug(label)\n"
  "  local slug, key = core.slug(label), core.tag_key(label)\n"
  "  check(text(slug) and #slug <= 64 and not slug:find('^%-') and not slug:find('%-$')\n"
  "        and not slug:find('%-%-'), 'malformed slug')\n"
  "  check(type(key) == 'string' and utf8.len(key), 'malformed key')\n"
  "end\n"
  "local function check_record(r, tag_line, listed)\n"
  "  check(type(r) == 'table', 'record is not a table')\n"
  "  for _, k in ipairs { 'site', 'title', 'date_text', 'byline', 'caption', 'footer' } do\n"
  "    check(r[k] == nil or text(r[k]), k .. ' is not text')\n"
  "  end\n"
  "  check((r.date == nil) == (r.date_text == nil), 'date without date_text')\n"
  "  check(r.date == nil or core.parse_date(r.date) == r.date, 'date does not round-trip')\n"
  "  check(math.type(r.words) == 'integer' and r.words >= 0, 'bad word count')\n"
  "  check(type(r.id) == 'string' and #r.id == 16 and r.id:find('^%x+$'), 'bad id')\n"
  "  check(r.body == nil or #r.body > 0, 'empty body array')\n"
  "  for _, p in ipairs(r.body or {}) do check(text(p), 'paragraph is not text') end\n"
  "  check((r.body == nil) == (r.words == 0), 'words without a body')\n"
  "  check((r.tag_labels == nil) == (tag_line == nil), 'tag line without labels')\n"
  "  check(tag_line == nil or (text(tag_line) and type(listed) == 'boolean'), 'bad tag line')\n"
  "  for i, l in ipairs(r.tag_labels or {}) do\n"
  "    check(text(l), 'label is not text')\n"
  "    if i <= 8 then check_slug(l) end\n"
  "  end\n"
  "  for _, w in ipairs(r.warnings or {}) do check(text(w), 'warning is not text') end\n"
  "end\n"
  "check_record(core.parse(s))\n"
  "local lines = {}\n"
  "for line in s:gmatch('[^\\n]*') do lines[#lines + 1] = line end\n"
  "local site = lines[1 + control % 4]\n"
  "if control % 8 == 7 then site = #s end\n"
  "check_record(core.parse(s, { site = site, footers = { lines[#lines], lines[#lines - 1] } }))\n"
  "local iso, why = core.parse_date(s)\n"
  "check(iso == nil or core.parse_date(iso) == iso, 'ISO date does not round-trip')\n"
  "check(iso ~= nil or why == 'not a date' or why == 'impossible date', 'bad date message')\n"
  "if lines[1] then core.parse_date(lines[1]) end\n"
  "check_slug(s)\n"
  "local words = core.words(s)\n"
  "check(type(words) == 'string' and utf8.len(words) and not words:find('^ ') and not words:find(' $')\n"
  "      and not words:find('  ') and core.words(words) == words, 'malformed words')\n"
  "local needle = core.words((lines[2] or '') .. ' ' .. (lines[1] or ''))\n"
  "for _, prefix in ipairs { false, true } do\n"
  "  local framed = ' ' .. needle .. (prefix and '' or ' ')\n"
  "  check(core.has_words(s, needle, prefix) == (needle ~= '' and (' ' .. words .. ' '):find(framed, 1, true) ~= nil),\n"
  "        'has_words disagrees with a search of the words')\n"
  "end\n";

/* More of the same chunk (C99 bounds one string literal): tag lines and sort keys. */
static const char CHECKS_TAGS[] =
  "local tag_line, tag_words, known, opens = (lines[1] or ''):sub(1, 400), {}, {}, {}\n"
  "for w in tag_line:gmatch('%S+') do\n"
  "  tag_words[#tag_words + 1] = w\n"
  "  if #w % 3 == 0 then known[w] = #w end\n"
  "  if #w % 2 == 0 then opens[core.slug(w):match('^[^-]*')] = true end\n"
  "end\n"
  "local function known_count(label) return known[label] or (label:find(' ') and #label % 5 == 0 and 3 or nil) end\n"
  "local stopwords = { ['and'] = 'joining', ['of'] = 'joining', the = 'leading', a = 'leading' }\n"
  "for _, in_order in ipairs { false, true } do\n"
  "  local labels, score, wrong = core.segment_line(tag_line, in_order, 1 + control % 5, 50, stopwords, opens, known_count)\n"
  "  if labels then\n"
  "    check(table.concat(labels, ' ') == table.concat(tag_words, ' '), 'the reading does not cover the words in order')\n"
  "    check(score == nil or (type(score) == 'number' and math.type(wrong) == 'integer' and wrong >= 0\n"
  "          and wrong < math.max(1, #labels)), 'bad score or count out of order')\n"
  "  else\n"
  "    check(in_order, 'no reading without order')\n"
  "  end\n"
  "end\n"
  "check(core.sort_key(s) == (utf8.len(s) == #s and s:lower() or core.tag_key(s)), 'sort key is neither lower case nor the match key')\n"
  "for _, l in ipairs(core.squeezed_lines(s, 1 + control % 7, 40, control % 3 == 0 and 3 or nil)) do\n"
  "  check(l == false or (#l <= 40 and not l:find('^%s') and not l:find('%s$') and not l:find('%s%s')), 'bad squeezed line')\n"
  "end\n"
  "local width = core.width(s)\n"
  "check(math.type(width) == 'integer' and width >= 0 and width <= 2 * #s, 'bad width')\n";

static lua_State *state;
static size_t alloc_budget;  /* allocations left in a memory-failure run */
static int alloc_limited;

/* The ordinary allocator, but able to fail on purpose. Shrinking never fails. */
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  if (alloc_limited && !(ptr && nsize <= osize)) {
    if (alloc_budget == 0) return NULL;
    alloc_budget--;
  }
  return realloc(ptr, nsize);
}

/* A state with the standard libraries, broadsheet.core, and the checks at index 1, 2. */
static lua_State *open_state(void) {
  lua_State *L = luaL_newstate();
  FUZZ_CHECK(L != NULL, "cannot create a Lua state");
  lua_setallocf(L, limited_alloc, NULL);
  luaL_openlibs(L);
  luaL_requiref(L, "broadsheet.core", luaopen_broadsheet_core, 0);
  lua_pushstring(L, CHECKS);
  lua_pushstring(L, CHECKS_TAGS);
  lua_concat(L, 2);
  if (luaL_loadbuffer(L, lua_tostring(L, -1), lua_rawlen(L, -1), "=checks") != LUA_OK)
    fuzz_fail(__FILE__, __LINE__, lua_tostring(L, -1));
  lua_remove(L, -2); /* the source */
  return L;
}

static int fresh_states(void) {
  const char *v = getenv("FUZZ_LUA_FRESH");
  return v && strcmp(v, "1") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned char control = size ? data[size - 1] : 0;
  int status;
  if (!state) state = open_state();
  lua_pushvalue(state, 2);
  lua_pushvalue(state, 1);
  lua_pushlstring(state, (const char *)data, size);
  lua_pushinteger(state, control);
  /* The budget counts from here, so that only the calls under test can fail. */
  alloc_limited = control >= 0xF0;
  alloc_budget = alloc_limited ? (size_t)(control & 0x0F) * 16 + (size > 1 ? data[0] : 0) : 0;
  status = lua_pcall(state, 3, 0, 0);
  alloc_limited = 0;
  if (status != LUA_OK && !(status == LUA_ERRMEM && control >= 0xF0))
    fuzz_fail(__FILE__, __LINE__, lua_tostring(state, -1) ? lua_tostring(state, -1) : "error");
  lua_settop(state, 2);
  if (fresh_states()) {
    lua_close(state);
    state = NULL;
  } else {
    lua_gc(state, LUA_GCCOLLECT);
  }
  return 0;
}
