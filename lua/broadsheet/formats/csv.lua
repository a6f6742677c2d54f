--- csv and tsv: one row per article, RFC 4180 quoting, a header row, list
-- fields joined by "; ", paragraphs by a blank line. Cells a spreadsheet
-- would run as a formula are neutralized as OWASP recommends (a leading
-- apostrophe) unless opts.formulas is true.
local escape = require "broadsheet.formats.escape"

local csv = {}

local find, sub, concat = string.find, string.sub, table.concat

csv.COLUMNS = { "id", "date", "date_text", "site", "title", "byline", "caption", "tags", "tag_labels",
                "words", "source", "footer", "warnings", "body" }

local function cell_text(record, column)
  local value = record[column]
  if type(value) == "table" then return concat(value, column == "body" and "\n\n" or "; ") end
  if value == nil then return "" end
  return tostring(value)
end

-- OWASP: "=", "+", "-", "@", tab and carriage return start formulas, and
-- spreadsheets skip white space before them (" =1+1", "\n=1+1").
local function neutralize(text)
  if text:match("^[\t\r]") or text:match("^%s*[=+%-@]") then return "'" .. text end
  return text
end

-- '"' becomes '""'. Bodies are long and most hold quotes: plain finds run at
-- memchr's speed where gsub's pattern matcher tries every byte (4x slower).
local function double_quotes(text)
  local parts, n, pos = {}, 0, 1
  while true do
    local at = find(text, '"', pos, true)
    if not at then break end
    n = n + 1
    parts[n] = sub(text, pos, at)
    pos = at + 1
  end
  parts[n + 1] = sub(text, pos)
  return concat(parts, '"')
end

local function quote(text, separator)
  local quotes = find(text, '"', 1, true)
  if quotes or find(text, "\n", 1, true) or find(text, "\r", 1, true) or find(text, separator, 1, true) then
    return '"' .. (quotes and double_quotes(text) or text) .. '"'
  end
  return text
end

-- The file is UTF-8: bytes that are not (in a record built by hand) become
-- U+FFFD, which cannot move a quote or a separator.
local function row(cells, separator)
  local quoted = {}
  for i, text in ipairs(cells) do quoted[i] = quote(text, separator) end
  local line = concat(quoted, separator) .. "\r\n"
  return escape.repair_utf8(line)
end

local function make(name, separator, mime, description)
  return {
    name = name,
    extension = name,
    mime = mime,
    description = description,
    header = function(out) out:write(row(csv.COLUMNS, separator)) end,
    article = function(out, record, ctx)
      local cells = {}
      for i, column in ipairs(csv.COLUMNS) do
        local text = cell_text(record, column)
        cells[i] = ctx.opts.formulas and text or neutralize(text)
      end
      out:write(row(cells, separator))
    end,
  }
end

csv.csv = make("csv", ",", "text/csv; charset=utf-8", "comma-separated values, RFC 4180, formula-safe")
csv.tsv = make("tsv", "\t", "text/tab-separated-values; charset=utf-8", "tab-separated values, quoted as CSV")

return csv
