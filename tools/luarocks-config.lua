-- tools/luarocks-config.lua: LuaRocks configuration for offline builds that
-- use Debian's packaged Lua modules instead of downloading rocks.
--
--   LUAROCKS_CONFIG=tools/luarocks-config.lua \
--     luarocks --lua-version=5.4 --tree=build/rocks make rockspec/broadsheet-scm-1.rockspec
--
-- rocks_provided tells LuaRocks that these dependencies are already
-- installed (by apt: lua-lpeg, lua-cjson, lua-argparse, lua-filesystem, lua-luv), so
-- it neither fetches nor builds them. The versions are those of Debian 12's
-- packages; LuaRocks only checks them against the rockspec's constraints.

-- luacheck: globals lua_version rocks_provided variables
lua_version = "5.4"

rocks_provided = {
  lpeg = "1.0.2-1",
  ["lua-cjson"] = "2.1.0-1",
  argparse = "0.7.1-1",
  luafilesystem = "1.8.0-1",
  luv = "1.44.2-0",
}

variables = {
  -- Debian installs the Lua 5.4 headers here rather than in /usr/include.
  LUA_INCDIR = "/usr/include/lua5.4",
}
