--- text: the archived-article layout itself (SPEC section 1), so that
-- parse(text(record)) gives the record back. Articles are separated by a
-- line holding a form feed, which broadsheet.open reads as several articles.
local core = require "broadsheet.core"
local escape = require "broadsheet.formats.escape"

local text = {}

-- Parsed fields are UTF-8 with white space squeezed and no control
-- characters; a record built by hand may hold line breaks (which would start
-- a block, or with a form feed a new article), control characters (which the
-- parser drops) or bytes that are not UTF-8. All are repaired here.
local function one_line(value)
  value = tostring(value)
  value = escape.repair_utf8(value)
  return (value:gsub("[%z\1-\8\14-\31\127]", ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- The footer keeps its lines, each squeezed; blank ones would end the block.
local function footer_lines(footer)
  local lines = {}
  for line in tostring(footer):gmatch("[^\n]+") do
    line = one_line(line)
    if line ~= "" then lines[#lines + 1] = line end
  end
  return lines
end

-- A space-joined tag line is read back as tags only when it looks like one
-- (the parser's is_tag_shaped): no prose punctuation, no sentence end, a
-- first label that starts like a tag. Others get the "Tags: a, b" form.
local function space_joinable(labels)
  for _, label in ipairs(labels) do
    if label:find("[%s,;:!?%(%)%[%]{}\"]") or label:find("\226\128[\156\157]") then return false end
  end
  local first, last = labels[1], labels[#labels]
  if not (first:match("^[%w#.]") or first:match("^[\128-\255]")) or first:match("^\226\128") then return false end
  return not (last:match("[.!?'\")%]]$") or last:match("\226\128[\166\153\157]$") or last:match("\194\187$"))
end

local function tag_line(labels)
  if space_joinable(labels) then return table.concat(labels, " ") end
  -- A "Tags:" line without a comma is split at spaces: one label of several
  -- words keeps them with a trailing comma.
  local line = "Tags: " .. table.concat(labels, ", ")
  if #labels == 1 and labels[1]:find(" ", 1, true) then line = line .. "," end
  return line
end

-- Splits a paragraph over two lines at its first space: the parser joins
-- the lines again, and a block of two lines is never a date, byline,
-- caption or "Tags:" line, whatever its words.
local function two_lines(para)
  return (para:gsub(" ", "\n", 1))
end

-- The first paragraphs are where the parser looks for a date, a byline or
-- a caption after the headline (and a masthead before it).
local HEAD = 3

local function layout(fields, guard)
  local blocks = {}
  local function add(block) if block and block ~= "" then blocks[#blocks + 1] = block end end
  add(fields.site)
  add(fields.title)
  add(fields.date_text)
  add(fields.byline and "By " .. fields.byline)
  add(fields.caption)
  for i, para in ipairs(fields.body) do add(i <= guard and two_lines(para) or para) end
  local out = table.concat(blocks, "\n\n")
  local tail = {}
  if #fields.tag_labels > 0 then tail[#tail + 1] = tag_line(fields.tag_labels) end
  for _, line in ipairs(fields.footer) do tail[#tail + 1] = line end
  if #tail > 0 then out = out .. "\n\n\n" .. table.concat(tail, "\n") end
  return out .. "\n"
end

local function same_list(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do
    if a[i] ~= b[i] then return false end
  end
  return true
end

-- Does the parser read the layout back as these fields? (core.parse: the
-- layout alone, before a tagger normalizes the labels the line holds.)
local function reads_back(out, fields)
  local ok, record = pcall(core.parse, out)
  if not ok then return false end
  for _, key in ipairs { "site", "title", "date_text", "byline", "caption" } do
    if record[key] ~= fields[key] then return false end
  end
  local footer = record.footer and footer_lines(record.footer) or {}
  return same_list(record.body or {}, fields.body) and same_list(record.tag_labels or {}, fields.tag_labels)
    and same_list(footer, fields.footer)
end

-- The fields the layout writes, each string passed through clean; empty
-- ones are left out, as the parser leaves them out.
local function fields_of(record, clean)
  local fields = { body = {}, tag_labels = {}, footer = {} }
  for _, key in ipairs { "site", "title", "byline", "caption" } do
    fields[key] = record[key] and clean(record[key])
  end
  local date = record.date_text or record.date
  fields.date_text = date and clean(date)
  for key, value in pairs(fields) do
    if value == "" then fields[key] = nil end
  end
  for _, list in ipairs { "body", "tag_labels" } do
    for _, item in ipairs(record[list] or {}) do
      item = clean(item)
      if item ~= "" then fields[list][#fields[list] + 1] = item end
    end
  end
  for line in tostring(record.footer or ""):gmatch("[^\n]+") do
    line = clean(line)
    if line ~= "" then fields.footer[#fields.footer + 1] = line end
  end
  return fields
end

function text.render(record)
  -- A parsed record's fields are clean already: written as they are, they
  -- read back (checking that costs less than cleaning them: pattern scans
  -- over every body would take longer than the parse).
  local raw = fields_of(record, tostring)
  local plain = layout(raw, 0)
  if reads_back(plain, raw) then return plain end
  -- The plain layout is what the archive itself looks like. When the parser
  -- would read it otherwise (a paragraph that looks like a byline, a date or
  -- a tag line: one that spread over several lines where it was first read),
  -- the first paragraphs, then all, are written over two lines each.
  local fields = fields_of(record, one_line)
  plain = layout(fields, 0)
  if reads_back(plain, fields) then return plain end
  for _, guard in ipairs { HEAD, math.huge } do
    local guarded = layout(fields, guard)
    if reads_back(guarded, fields) then return guarded end
  end
  return plain
end

text.text = {
  name = "text",
  extension = "txt",
  mime = "text/plain; charset=utf-8",
  description = "the archived-article layout; broadsheet reads it back as the same records",
  article = function(out, record, ctx)
    if ctx.index > 1 and not ctx.split then out:write("\f\n") end
    out:write(text.render(record))
  end,
}

return text
