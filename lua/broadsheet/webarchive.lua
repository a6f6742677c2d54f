--- Web archives as sources: WARC (1.0, 1.1, WET included), ARC and WACZ
-- files, plain or gzipped, from a file or standard input. The C reader
-- (core.warc_reader) streams their records; each archived HTML page becomes
-- a document for the HTML parser, each WET text extract one for the text
-- parser, and everything else is counted by kind and skipped.
local core = require "broadsheet.core"

local webarchive = {}

local CHUNK = 65536

-- What the first bytes of a file hold: "warc", "arc", "zip" or nil.
function webarchive.detect(head)
  if head:sub(1, 4) == "PK\3\4" then return "zip" end
  return core.warc_sniff(head)
end

local function is_html(content_type, body)
  if content_type and content_type ~= "" then
    local media = content_type:lower():match("^%s*([^;%s]+)")
    return media == "text/html" or media == "application/xhtml+xml"
  end
  local start = body:sub(1, 512):lower()
  return start:find("^%s*<!doctype html") ~= nil or start:find("^%s*<html") ~= nil
end

-- WARC-Date is ISO 8601 already; ARC writes 14 digits.
local function iso_date(record)
  local date = record.date
  if record.arc and date then
    local y, mo, d, h, mi, s = date:match("^(%d%d%d%d)(%d%d)(%d%d)(%d%d)(%d%d)(%d%d)$")
    if y then return ("%s-%s-%sT%s:%s:%sZ"):format(y, mo, d, h, mi, s) end
  end
  return date
end

-- The payload of the record the reader stands on: body, content type,
-- charset and what was wrong with the HTTP message, if anything.
local function payload(reader, record)
  if record.type == "resource" then
    return reader:block(), record.content_type, (record.content_type or ""):match("[Cc]harset=\"?([^\";%s]+)")
  end
  local status, body, content_type, charset, problem = reader:http()
  if status == 0 then return nil end
  return body, content_type, charset ~= "" and charset or nil, problem, status
end

-- The payload of the record a revisit points back to, read again from its
-- offset (reopen gives a file standing there); nil when it is not there.
local function original(reopen, offset, max_bytes, revisit)
  local file <close> = reopen and reopen(offset)
  if not file then return nil end
  local reader = core.warc_reader(function() return file:read(CHUNK) end, max_bytes)
  for _ = 1, 1000 do -- a whole file in one gzip member gives every record the same offset
    local what, record = reader:next()
    if not what then return nil end
    if what == "record" and record.type ~= "revisit" and (record.record_id == revisit.refers_to
        or record.payload_digest and record.payload_digest == revisit.payload_digest) then
      return payload(reader, record)
    end
  end
end

--- Calls handlers.text(body, source, document) for each page of the web
-- archive whose bytes source() returns chunk by chunk, handlers.skip(kind)
-- for each record that is none, handlers.error(where, message) for damage.
-- opts: path (for messages), max_bytes, range ({ from, to }: only records
-- starting there), reopen(offset) (a file opened again and standing at
-- offset, so that revisits find the payload they point to), pages (a set of URLs: other
-- HTML is skipped).
function webarchive.each_record(source, handlers, opts)
  local reader = core.warc_reader(source, opts.max_bytes)
  local earlier = {} -- record id or payload digest -> offset, for revisits
  local skip = handlers.skip or function() end
  local function page(body, record, content_type, charset, problem)
    local url = record.uri
    if not is_html(content_type, body) then return skip(record.type .. " (not HTML)") end
    if opts.pages and not opts.pages[url] then return skip(record.type .. " (not in pages.jsonl)") end
    handlers.text(body, url, { html = true, url = url, fetched = iso_date(record), charset = charset,
                               warnings = problem and { problem } or nil })
  end
  local function mine(offset)
    return not opts.range or (offset >= opts.range[1] and offset < opts.range[2])
  end
  while true do
    local what, record = reader:next()
    if not what then return end
    if what == "warning" then
      if mine(tonumber(record:match("^offset (%d+)")) or 0) then handlers.error(opts.path, record) end
    elseif opts.range and record.offset >= opts.range[2] then
      return -- the next shard's records from here on
    else
      local kind, offset = record.type or "untyped", record.offset
      if kind == "response" or kind == "resource" then
        if record.record_id then earlier[record.record_id] = offset end
        if record.payload_digest then earlier[record.payload_digest] = earlier[record.payload_digest] or offset end
      end
      if not mine(offset) then -- luacheck: ignore 542
        -- the previous shard's record, read for the revisits that point to it
      elseif record.oversized then
        handlers.error(opts.path, ("offset %d: record larger than %d bytes, skipped"):format(offset, opts.max_bytes))
      elseif kind == "response" or kind == "resource" then
        local body, content_type, charset, problem, status = payload(reader, record)
        if not body then
          skip(kind .. " (not HTTP)")
        elseif status and status >= 400 then
          skip(("%s (HTTP %d)"):format(kind, status)) -- an error page, not an archived page
        else
          page(body, record, content_type, charset, problem)
        end
      elseif kind == "revisit" then
        local _, stated_type = payload(reader, record) -- its HTTP headers, when it keeps them
        local at = earlier[record.refers_to] or earlier[record.payload_digest]
        local body, content_type, charset, problem
        if stated_type and stated_type ~= "" and not is_html(stated_type, "") then
          skip("revisit (not HTML)")
        else
          if at then body, content_type, charset, problem = original(opts.reopen, at, opts.max_bytes, record) end
          if body then
            page(body, record, content_type, charset, problem)
          else
            skip("revisit (original not in this file)")
          end
        end
      elseif kind == "conversion" then
        handlers.text(reader:block(), record.uri, { url = record.uri, fetched = iso_date(record) })
      else
        skip(kind)
      end
    end
  end
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
  webarchive.each_record(chunks(file, head), handlers, {
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
-- (broadsheet.context): HTML through the HTML parser when there is one,
-- text through the text parser; url, fetched and the reader's warnings added.
function webarchive.parse(ctx, text, opts, document)
  local parse_html = require("broadsheet").parse_html
  local options = setmetatable({ url = document.url, charset = document.charset, tagger = ctx.tagger },
                               { __index = opts })
  local record
  if document.html and parse_html then record = parse_html(text, options) else record = ctx:parse(text, options) end
  record.url = record.url or document.url
  record.fetched = document.fetched
  for _, warning in ipairs(document.warnings or {}) do
    record.warnings = record.warnings or {}
    table.insert(record.warnings, warning)
  end
  return record
end

return webarchive
