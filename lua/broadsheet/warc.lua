--- The records of one WARC or ARC stream as documents: the C reader
-- (core.warc_reader) streams them; each archived HTML page becomes a
-- document for the HTML parser, each WET text extract one for the text
-- parser, and everything else is counted by kind and skipped.
local core = require "broadsheet.core"

local warc = {}

local CHUNK = 65536

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
function warc.each_record(source, handlers, opts)
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

return warc
