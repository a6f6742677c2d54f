--- WACZ files (a zip of WARCs with an index, as Webrecorder writes them),
-- read in place: the zip's central directory says where each member is, a
-- stored member is read straight from the file and a deflated one through
-- zlib (core.inflater). pages/pages.jsonl, when present, says which URLs are
-- the pages: other HTML in the WARCs (frames, widgets) is skipped.
local cjson = require "cjson"
local core = require "broadsheet.core"
local warc = require "broadsheet.warc"

local wacz = {}

local CHUNK = 65536
local END_RECORD = "PK\5\6"
local MAX_COMMENT = 65535

-- The central directory's entries: { name, method, size, header_offset }.
local function members(file)
  local size = file:seek("end")
  if not size or size < 22 then return nil, "not a zip file: too short" end
  local tail_size = math.min(size, 22 + MAX_COMMENT)
  file:seek("set", size - tail_size)
  local tail = file:read(tail_size) or ""
  local at, found = 1, nil
  while true do
    local hit = tail:find(END_RECORD, at, true)
    if not hit then break end
    found, at = hit, hit + 1
  end
  if not found or #tail - found + 1 < 22 then return nil, "not a zip file: no end of central directory" end
  local count, dir_size, dir_offset = string.unpack("<I2I4I4", tail, found + 10)
  if dir_offset == 0xffffffff or count == 0xffff then return nil, "ZIP64 archives are not supported" end
  if dir_offset + dir_size > size then return nil, "zip central directory lies outside the file" end
  file:seek("set", dir_offset)
  local dir = file:read(dir_size) or ""
  local list, pos = {}, 1
  for _ = 1, count do
    if #dir < pos + 45 or dir:sub(pos, pos + 3) ~= "PK\1\2" then return nil, "zip central directory is damaged" end
    local method, _, _, _, compressed = string.unpack("<I2I2I2I4I4", dir, pos + 10)
    local name_len, extra_len, comment_len = string.unpack("<I2I2I2", dir, pos + 28)
    local header_offset = string.unpack("<I4", dir, pos + 42)
    list[#list + 1] = { name = dir:sub(pos + 46, pos + 45 + name_len), method = method, size = compressed,
                        header_offset = header_offset }
    pos = pos + 46 + name_len + extra_len + comment_len
  end
  return list
end

-- Where a member's data starts (after its local header), or nil and why.
local function data_start(file, member)
  file:seek("set", member.header_offset)
  local header = file:read(30) or ""
  if #header < 30 or header:sub(1, 4) ~= "PK\3\4" then return nil, "damaged local header" end
  local name_len, extra_len = string.unpack("<I2I2", header, 27)
  return member.header_offset + 30 + name_len + extra_len
end

-- A chunk source over a member's bytes: raw, then inflated when deflated.
local function member_source(file, member, start)
  local left = member.size
  file:seek("set", start)
  local function raw()
    if left <= 0 then return nil end
    local chunk = file:read(math.min(CHUNK, left))
    if not chunk then left = 0 return nil end
    left = left - #chunk
    return chunk
  end
  if member.method == 0 then return raw end
  if member.method ~= 8 then return nil, ("compression method %d is not supported"):format(member.method) end
  local inflater = core.inflater(raw)
  return function()
    local chunk, err = inflater:read()
    if err then error(err, 0) end
    return chunk
  end
end

local function is_web_archive(name)
  return name:match("%.warc$") or name:match("%.warc%.gz$") or name:match("%.arc$") or name:match("%.arc%.gz$")
end

-- The URLs pages.jsonl lists (its first line is a header without one).
local function page_urls(file, member, start, max_bytes)
  if member.size > max_bytes then return nil end
  local source = member_source(file, member, start)
  local parts = {}
  for chunk in source do parts[#parts + 1] = chunk end
  local urls, any = {}, false
  for line in table.concat(parts):gmatch("[^\n]+") do
    local ok, page = pcall(cjson.decode, line)
    if ok and type(page) == "table" and type(page.url) == "string" then urls[page.url], any = true, true end
  end
  return any and urls or nil
end

--- Reads the WARCs inside the WACZ open in file (see broadsheet.warc).
function wacz.read(file, path, handlers, max_bytes)
  local list, err = members(file)
  if not list then return handlers.error(path, err) end
  local pages, warcs = nil, {}
  for _, member in ipairs(list) do
    if member.name == "pages/pages.jsonl" then
      local start = data_start(file, member)
      pages = start and page_urls(file, member, start, max_bytes)
    elseif is_web_archive(member.name) then
      warcs[#warcs + 1] = member
    end
  end
  if #warcs == 0 then return handlers.error(path, "a zip file without WARC or ARC files in it") end
  for _, member in ipairs(warcs) do
    local where = path .. "#" .. member.name
    local start, problem = data_start(file, member)
    local source
    if start then source, problem = member_source(file, member, start) end
    if not source then
      handlers.error(where, problem)
    else
      local ok, read_err = pcall(warc.each_record, source, handlers, {
        path = where,
        max_bytes = max_bytes,
        pages = pages,
        reopen = member.method == 0 and function(offset)
          local again = io.open(path, "rb")
          if again and again:seek("set", start + offset) then return again end
          if again then again:close() end
        end or nil,
      })
      if not ok then handlers.error(where, read_err) end
    end
  end
end

return wacz
