/*
** fuzz_compilers.c: the query compiler (broadsheet.query, LPeg) and the
** Mustache compiler (broadsheet.template, LPeg), through an embedded Lua
** state that loads the checkout's Lua modules (run from the repository
** root, as tools/fuzz does). Any input must give a filter or a "column N:"
** message, a template or a "template:" message; a compiled template must
** render a record, or fail with a "template:" message (a partial too deep).
*/
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "fuzz.h"

int luaopen_broadsheet_core(lua_State *L);

static const char CHECKS[] =
  "package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path\n"
  "local query, template = require 'broadsheet.query', require 'broadsheet.template'\n"
  "local record = { title = 'Trade talks', body = { 'China and the U.S.', 'Café' }, tags = { 'china' },\n"
  "                 tag_labels = { 'China' }, date = '2016-06-14', words = 6, id = '0123456789abcdef' }\n"
  "return function(s)\n"
  "  local f, err = query.parse(s)\n"
  "  if f then\n"
  "    local matched = f(record)\n"
  "    assert(type(matched) == 'boolean', 'a filter must answer true or false')\n"
  "  else\n"
  "    assert(type(err) == 'string' and err:find('^column %d+: '), 'bad query error: ' .. tostring(err))\n"
  "  end\n"
  "  local ok, t = pcall(template.compile, s)\n"
  "  if not ok then\n"
  "    assert(tostring(t):find('^template: '), 'bad template error: ' .. tostring(t))\n"
  "    return\n"
  "  end\n"
  "  local rendered, out = pcall(t.render, t, record, { p = s })\n"
  "  assert(rendered and type(out) == 'string' or tostring(out):find('^template: '),\n"
  "         'bad render error: ' .. tostring(out))\n"
  "end\n";

static lua_State *state;

static lua_State *open_state(void) {
  lua_State *L = luaL_newstate();
  FUZZ_CHECK(L != NULL, "cannot create a Lua state");
  luaL_openlibs(L);
  luaL_requiref(L, "broadsheet.core", luaopen_broadsheet_core, 0);
  lua_pop(L, 1);
  if (luaL_loadbuffer(L, CHECKS, sizeof CHECKS - 1, "=checks") != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
    fuzz_fail(__FILE__, __LINE__, lua_tostring(L, -1));
  return L;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!state) state = open_state();
  lua_pushvalue(state, 1);
  lua_pushlstring(state, (const char *)data, size);
  if (lua_pcall(state, 1, 0, 0) != LUA_OK)
    fuzz_fail(__FILE__, __LINE__, lua_tostring(state, -1) ? lua_tostring(state, -1) : "error");
  lua_settop(state, 1);
  lua_gc(state, LUA_GCCOLLECT);
  return 0;
}
