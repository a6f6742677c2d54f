--- Web archives as sources: WARC (1.0, 1.1, WET included), ARC and WACZ
-- files, plain or gzipped, from a file or standard input, told by their
-- first bytes. Their records become documents (broadsheet.warc); a shard
-- of N reads the records that start in its share of the file's bytes; the
-- documents are parsed in the archive's context.
local core = require "broadsheet.core"

local webarchive = {}

local CHUNK = 65536

-- What the first bytes of a file hold: "warc", "arc", "zip" or nil.
function webarchive.detect(head)
  if head:sub(1, 4) == "PK\3\4" then return "zip" end
  return core.warc_sniff(head)
end

-- A source reading file from its current position; head first.
local function chunks(file, head)
  return function()
    if head then
      local first = head
      head = nil
      if first ~= "" then return first end
    end
    return file:read(CHUNK)
  end
end

-- The byte range of a file that shard k of n reads: records are split by
-- where they start, so that n processes share one large file.
local function shard_range(file, shard)
  if not shard then return nil end
  local size = file:seek("end")
  file:seek("set")
  if not size then return nil end
  return { size * (shard.k - 1) // shard.n, size * shard.k // shard.n }
end

--- Reads the web archive open in file, whose first bytes are head.
function webarchive.read(file, head, path, handlers, max_bytes, shard)
  if handlers.text_only then return end
  if webarchive.detect(head) == "zip" then
    return require("broadsheet.wacz").read(file, path, handlers, max_bytes)
  end
  local seekable = path ~= "-" and file:seek("cur") ~= nil
  local range = seekable and shard_range(file, shard) or nil
  if range then head = "" end
  -- the readers are loaded with the first web archive, as few inputs are
  require("broadsheet.warc").each_record(chunks(file, head), handlers, {
    path = path,
    max_bytes = max_bytes,
    range = range,
    reopen = seekable and function(offset)
      local again = io.open(path, "rb")
      if again and again:seek("set", offset) then return again end
      if again then again:close() end
    end or nil,
  })
end

--- Whether shard k of n must open path although the path hash gives it to
-- another: web archives are split by record, every shard reading its share.
function webarchive.shared(path, shard)
  if not shard or path == "-" then return false end
  local file = io.open(path, "rb")
  if not file then return false end
  local head = file:read(4096) or ""
  file:close()
  local kind = webarchive.detect(head)
  return kind == "warc" or kind == "arc"
end

--- The record of a web archive's document, parsed in the archive's context
-- (broadsheet.context): HTML as a web page with the URL and the charset of
-- the HTTP headers, text through the text parser; url, fetched and the
-- reader's warnings added.
function webarchive.parse(ctx, text, opts, document)
  local options = setmetatable({ url = document.url, charset = document.charset }, { __index = opts })
  local record
  if document.html then record = ctx:parse_html(text, options) else record = ctx:parse(text, options) end
  record.url = document.url -- where it was captured, whatever address the page names for itself
  record.fetched = document.fetched
  for _, warning in ipairs(document.warnings or {}) do
    record.warnings = record.warnings or {}
    table.insert(record.warnings, warning)
  end
  return record
end

return webarchive
