--- Lists the files a user names: files as given, directories walked
-- recursively in sorted order (hidden entries skipped, symlink loops
-- survived), "-" for standard input.
local lfs = require "lfs"

local walk = {}

--- The file names a directory walk reads when given no pattern: article
-- text and the web archives (whose content, not name, decides how they read).
walk.DEFAULT_PATTERNS = { "*.txt", "*.warc", "*.warc.gz", "*.arc", "*.arc.gz", "*.wacz", "*.wet.gz" }

--- Turns a shell glob ("*.txt") into an anchored Lua pattern.
function walk.glob_pattern(glob)
  local escaped = glob:gsub("[%^%$%(%)%%%.%[%]%+%-]", "%%%0")
  return "^" .. escaped:gsub("%*", ".*"):gsub("%?", ".") .. "$"
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
    elseif mode == "file" and pattern(name) then
      visit(path)
    end
  end
end

--- Calls visit(path) for each file under paths; visit(nil, path, err) for a
-- path that cannot be listed. "-" is passed through as it is.
function walk.each(paths, visit, glob)
  local globs = glob and { glob } or walk.DEFAULT_PATTERNS
  local patterns = {}
  for i, g in ipairs(globs) do patterns[i] = walk.glob_pattern(g) end
  local function pattern(name)
    for _, p in ipairs(patterns) do
      if name:match(p) then return true end
    end
    return false
  end
  for _, path in ipairs(paths) do
    if path ~= "-" and lfs.attributes(path, "mode") == "directory" then
      walk_dir(path, pattern, visit, {})
    else
      visit(path)
    end
  end
end

return walk
