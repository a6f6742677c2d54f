--- Lists the files a user names: files as given, directories walked
-- recursively in sorted order (hidden entries skipped, symlink loops
-- survived), "-" for standard input.
local lfs = require "lfs"

local walk = {}

--- The files read inside directories by default: article text and web pages.
walk.DEFAULT_GLOB = "*.txt,*.html,*.htm,*.xhtml"

--- Turns a shell glob ("*.txt") into an anchored Lua pattern.
function walk.glob_pattern(glob)
  local escaped = glob:gsub("[%^%$%(%)%%%.%[%]%+%-]", "%%%0")
  return "^" .. escaped:gsub("%*", ".*"):gsub("%?", ".") .. "$"
end

-- Does the name match one of the patterns?
local function matches(name, patterns)
  for _, pattern in ipairs(patterns) do
    if name:match(pattern) then return true end
  end
  return false
end

local function walk_dir(dir, pattern, visit, seen)
  local attr = lfs.attributes(dir)
  local key = attr and (attr.dev .. ":" .. attr.ino)
  if not key or seen[key] then return end
  seen[key] = true
  local ok, names = pcall(function()
    local list = {}
    for name in lfs.dir(dir) do
      if name:sub(1, 1) ~= "." then list[#list + 1] = name end
    end
    return list
  end)
  if not ok then
    visit(nil, dir, names)
    return
  end
  table.sort(names)
  for _, name in ipairs(names) do
    local path = dir:sub(-1) == "/" and dir .. name or dir .. "/" .. name
    local mode = lfs.attributes(path, "mode")
    if mode == "directory" then
      walk_dir(path, pattern, visit, seen)
    elseif mode == "file" and matches(name, pattern) then
      visit(path)
    end
  end
end

--- Calls visit(path) for each file under paths whose name matches one of
-- the comma-separated globs (default walk.DEFAULT_GLOB); visit(nil, path,
-- err) for a path that cannot be listed. "-" is passed through as it is.
function walk.each(paths, visit, glob)
  local pattern = {}
  for each in (glob or walk.DEFAULT_GLOB):gmatch("[^,]+") do pattern[#pattern + 1] = walk.glob_pattern(each) end
  for _, path in ipairs(paths) do
    if path ~= "-" and lfs.attributes(path, "mode") == "directory" then
      walk_dir(path, pattern, visit, {})
    else
      visit(path)
    end
  end
end

return walk
