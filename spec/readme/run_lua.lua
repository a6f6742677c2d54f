--- Runs the Lua blocks of README.md in order, in this one Lua state, from
-- the current directory (a temporary copy of the repository):
--   lua5.4 run_lua.lua ROOT BLOCKS
-- ROOT is the checkout (its lua/ and build/ or $BROADSHEET_BUILD are put on
-- the search paths), BLOCKS a Lua file returning { { line, source }, ... }.
-- A line `print(...) --> TEXT` must print TEXT (the values tab-separated,
-- as print does). The first block that fails is reported as
-- "README.md:LINE: message" on standard error, with exit status 1.
local root, blocks_file = arg[1], arg[2]
local build = os.getenv("BROADSHEET_BUILD") or (root .. "/build")
package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. package.path
package.cpath = build .. "/?.so;" .. package.cpath

local function printed(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
  return table.concat(parts, "\t")
end

-- `print(...) --> TEXT` becomes a check of what it prints; the line count
-- stays the same, so messages keep the README's lines.
local function with_checks(source, first_line)
  local lines, n = {}, 0
  for line in source:gmatch("([^\n]*)\n") do
    n = n + 1
    local call, want = line:match("^(%s*print%b())%s*%-%->%s?(.-)%s*$")
    if call then
      line = call:gsub("^(%s*)print%(", ("%%1__readme_expect(%d, %q, "):format(first_line + n - 1, want))
    end
    lines[n] = line
  end
  return table.concat(lines, "\n") .. "\n"
end

function _G.__readme_expect(line, want, ...)
  local got = printed(...)
  print(got)
  if got ~= want then error(("README.md:%d: printed %q, the README says %q"):format(line, got, want), 0) end
end

for _, block in ipairs(dofile(blocks_file)) do
  -- Line numbers in messages are the README's: the chunk starts at block.line.
  local source = string.rep("\n", block.line - 1) .. with_checks(block.source, block.line)
  local chunk, err = load(source, "=README.md", "t")
  local ok = chunk ~= nil
  if ok then ok, err = xpcall(chunk, debug.traceback) end
  if not ok then
    io.stderr:write(("README.md:%d: the Lua block starting here failed:\n%s\n"):format(block.line, tostring(err)))
    os.exit(1)
  end
end
