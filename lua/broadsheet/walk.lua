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

-- What broadsheet.output names its temporary files and folders (PATH.tmp-
-- and six characters): one found in a folder was left by a killed run.
local function is_leftover(name)
  return name:match("%.tmp%-%w%w%w%w%w%w$") ~= nil
end

local SKIPPED = {
  ["named pipe"] = "a FIFO, skipped",
  ["char device"] = "a device, skipped",
  ["block device"] = "a device, skipped",
  socket = "a socket, skipped",
}

-- Why an entry whose name matches is not read, or nil when it is a file.
local function skip_reason(path, mode, code)
  if mode == "file" then return nil end
  if mode then return SKIPPED[mode] or ("a " .. mode .. ", skipped") end
  if lfs.symlinkattributes(path, "mode") == "link" then
    return code == 40 and "a symlink loop, skipped" or "a dangling symlink, skipped" -- 40: ELOOP
  end
  return "vanished while the folder was read, skipped"
end

local function list(dir)
  local ok, iter, state = pcall(lfs.dir, dir)
  if not ok then return nil, (tostring(iter):gsub("^cannot open .-: ", "")) end
  local names = {}
  for name in iter, state do
    if name:sub(1, 1) ~= "." then names[#names + 1] = name end
  end
  table.sort(names)
  return names
end

-- Does the name match one of the patterns?
local function matches(name, patterns)
  for _, pattern in ipairs(patterns) do
    if name:match(pattern) then return true end
  end
  return false
end

local function walk_dir(dir, pattern, visit, seen, leftovers)
  local attr = lfs.attributes(dir)
  local key = attr and (attr.dev .. ":" .. attr.ino)
  if not key or seen[key] then return end
  seen[key] = true
  local names, err = list(dir)
  if not names then
    visit(nil, dir, err)
    return
  end
  for _, name in ipairs(names) do
    local path = dir:sub(-1) == "/" and dir .. name or dir .. "/" .. name
    local mode, _, code = lfs.attributes(path, "mode")
    if is_leftover(name) then
      if leftovers then visit(nil, path, "a temporary file left by an interrupted broadsheet run: remove it") end
    elseif mode == "directory" then
      walk_dir(path, pattern, visit, seen, leftovers)
    elseif matches(name, pattern) then
      local skipped = skip_reason(path, mode, code)
      if skipped then visit(nil, path, skipped) else visit(path) end
    end
  end
end

--- Calls visit(path) for each file under paths whose name matches one of
-- the comma-separated globs (default walk.DEFAULT_GLOB); visit(nil, path, why) for a
-- path that cannot be listed and for an entry whose name matches but which
-- is not a file that can be read (a FIFO, a device, a dangling or looping
-- symlink). opts.leftovers: also report the temporary files a killed run
-- left (output.lua's names). "-" is passed through as it is.
function walk.each(paths, visit, glob, opts)
  local pattern = {}
  for each in (glob or walk.DEFAULT_GLOB):gmatch("[^,]+") do pattern[#pattern + 1] = walk.glob_pattern(each) end
  local leftovers = opts and opts.leftovers
  for _, path in ipairs(paths) do
    if path ~= "-" and lfs.attributes(path, "mode") == "directory" then
      walk_dir(path, pattern, visit, {}, leftovers)
    else
      visit(path)
    end
  end
end

return walk
