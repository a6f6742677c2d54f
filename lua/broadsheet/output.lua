--- broadsheet.output: writing the files broadsheet makes without harming what
-- is there. A regular file (or a new one) is written into a temporary file in
-- its own folder, given the old file's mode and owner, and renamed over it,
-- so a write that fails or is interrupted leaves the old file as it was. A
-- symlink is followed and its target written so. A device, a FIFO or a socket
-- is written as a stream: renaming over it would replace it. A folder of files
-- (a split export) is written into a temporary folder beside it and moved in
-- only when every file was written.
local lfs = require "lfs"
local uv = require "luv"

local output = {}

--- How temporary files and folders end: `broadsheet check` reports them when
-- a killed run (SIGKILL, a power cut) left one behind.
output.TEMP_PATTERN = "%.tmp%-%w%w%w%w%w%w$"

-- The reason in a luv message ("ENOENT: no such file or directory: PATH"),
-- worded as the C library words it ("No such file or directory").
local function reason(message)
  local text = tostring(message):gsub("^E%u+: ", ""):match("^[^:]*")
  return (text:gsub("^%l", string.upper))
end

-- The temporary files and folders made and not yet put in place or removed:
-- what output.discard_pending removes when a run is interrupted.
local pending = {}

local function fail(path, message)
  error(path .. ": " .. reason(message), 0)
end

local function parent_of(path)
  return path:match("^(.*)/[^/]*$") or "."
end

-- Follows symlinks to the file a write reaches (at most 40, as Linux does).
-- Returns its path and lstat (nil when it does not exist yet).
local function resolve(path)
  local target = path
  for _ = 1, 40 do
    local st = uv.fs_lstat(target)
    if not st or st.type ~= "link" then return target, st end
    local link = assert(uv.fs_readlink(target))
    target = link:sub(1, 1) == "/" and link or parent_of(target) .. "/" .. link
  end
  error(path .. ": Too many levels of symbolic links", 0)
end

--- A writer onto an open file whose writes raise when they fail (a full
-- disk, a closed pipe), naming path, instead of passing unnoticed.
function output.checked(file, path)
  return {
    write = function(self, ...)
      local ok, err = file:write(...)
      if not ok then fail(path, err) end
      return self
    end,
  }
end

-- A stream onto a device, a FIFO or a socket: nothing to rename, nothing to undo.
local function open_stream(target, path)
  local file, err = io.open(target, "wb")
  if not file then fail(path, err:gsub("^.-: ", "")) end
  return output.checked(file, path), function(ok, failure)
    local closed, close_err = file:close()
    if ok and not closed then fail(path, close_err) end
    if not ok and failure ~= nil then error(failure, 0) end
  end
end

-- A new file beside target, created exclusively with the mode a new file
-- gets (0666 less the umask), or the old file's mode and owner.
local function create_temp(target, path, st)
  for _ = 1, 100 do
    local suffix = ("%06x"):format(math.random(0, 0xffffff))
    local temp = target .. ".tmp-" .. suffix
    local fd, err, code = uv.fs_open(temp, "wx", tonumber("666", 8))
    if fd then
      if st then
        uv.fs_fchown(fd, st.uid, st.gid) -- allowed to root only; the mode is kept regardless
        uv.fs_fchmod(fd, st.mode & tonumber("7777", 8))
      end
      uv.fs_close(fd)
      pending[temp] = "file"
      return temp
    end
    if code ~= "EEXIST" then fail(path, err) end
  end
  error(path .. ": no free temporary name beside it", 0)
end

--- Opens path for writing. Returns a writer (with :write) and commit(ok
-- [, failure]): when ok, it puts the file in place; when not, it removes
-- what was written and raises failure (if any). Errors name path.
function output.open(path)
  local target, st = resolve(path)
  if st and st.type == "directory" then error(path .. ": Is a directory", 0) end
  if st and st.type ~= "file" then return open_stream(target, path) end
  local temp = create_temp(target, path, st)
  local file, err = io.open(temp, "wb")
  if not file then
    os.remove(temp)
    pending[temp] = nil
    fail(path, err:gsub("^.-: ", ""))
  end
  return output.checked(file, path), function(ok, failure)
    local closed, close_err = file:close()
    if ok and closed then
      local renamed, rename_err = uv.fs_rename(temp, target)
      pending[temp] = nil
      if renamed then return end
      close_err = rename_err
    end
    os.remove(temp)
    pending[temp] = nil
    if ok then fail(path, close_err) end
    if failure ~= nil then error(failure, 0) end
  end
end

--- Calls fn(writer) and puts the file in place if fn returns; if fn raises,
-- path is left as it was and the error raised again. Returns fn's result.
function output.write(path, fn)
  local out, commit = output.open(path)
  local ok, result = pcall(fn, out)
  commit(ok, result)
  return result
end

--- Makes a folder and the missing folders above it.
function output.make_folders(dir)
  if dir == "" or dir == "." or lfs.attributes(dir, "mode") == "directory" then return end
  output.make_folders(parent_of(dir))
  local made, err = lfs.mkdir(dir)
  if not made and lfs.attributes(dir, "mode") ~= "directory" then error(dir .. ": " .. tostring(err), 0) end
end

local function remove_tree(dir)
  for name in lfs.dir(dir) do
    if name ~= "." and name ~= ".." then os.remove(dir .. "/" .. name) end
  end
  lfs.rmdir(dir)
end

-- Puts a finished file of a staged folder at path: renamed there when it is
-- new, written through output.open (mode, owner, symlinks and devices kept)
-- when something is there already.
local function place(staged, path)
  if not uv.fs_lstat(path) then
    local renamed = uv.fs_rename(staged, path)
    if renamed then return end
  end
  local source <close> = assert(io.open(staged, "rb"))
  output.write(path, function(out)
    for block in source:lines(1 << 16) do out:write(block) end
  end)
  os.remove(staged)
end

--- A folder of new files, staged: folder:write(name, fn) calls fn(writer)
-- for a file in a temporary folder beside dir (and raises when dir/name
-- exists and opts.force is not set); folder:commit(ok [, failure]) moves
-- every file into dir (made with its parents if missing) when ok, or removes
-- them all and raises failure.
function output.folder(dir, opts)
  dir = dir:gsub("(.)/+$", "%1")
  local mode = lfs.attributes(dir, "mode")
  if mode and mode ~= "directory" then error(dir .. ": Not a directory", 0) end
  local home = mode and uv.fs_realpath(dir) or dir -- the stage goes on the same file system
  output.make_folders(parent_of(home))
  local stage, err = uv.fs_mkdtemp(home .. ".tmp-XXXXXX")
  if not stage then fail(dir, err) end
  pending[stage] = "folder"
  local names = {}
  local folder = {}

  function folder.write(_, name, fn)
    local path = dir .. "/" .. name
    if not (opts and opts.force) and uv.fs_lstat(path) then error(path .. ": exists (force to overwrite)", 0) end
    local file, open_err = io.open(stage .. "/" .. name, "wb")
    if not file then fail(path, open_err:gsub("^.-: ", "")) end
    names[#names + 1] = name
    local ok, failure = pcall(fn, output.checked(file, path))
    local closed, close_err = file:close()
    if not ok then error(failure, 0) end
    if not closed then fail(path, close_err) end
  end

  function folder.commit(_, ok, failure)
    if ok then
      ok, failure = pcall(function()
        output.make_folders(dir)
        for _, name in ipairs(names) do place(stage .. "/" .. name, dir .. "/" .. name) end
      end)
    end
    remove_tree(stage)
    pending[stage] = nil
    if not ok and failure ~= nil then error(failure, 0) end
  end

  return folder
end

--- Removes every temporary file and folder not yet put in place: an
-- interrupted run calls it on its way out.
function output.discard_pending()
  for path, kind in pairs(pending) do
    if kind == "folder" then remove_tree(path) else os.remove(path) end
    pending[path] = nil
  end
end

return output
