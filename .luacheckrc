-- luacheck configuration: Lua 5.4, busted's globals in specs.
std = "lua54"
max_line_length = 120
files["spec/"] = { std = "+busted" }
