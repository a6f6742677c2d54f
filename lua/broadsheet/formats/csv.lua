--- csv and tsv: one row per article, RFC 4180 quoting, a header row, list
-- fields joined by "; ", paragraphs by a blank line. Cells a spreadsheet
-- would run as a formula are neutralized as OWASP recommends (a leading
-- apostrophe) unless opts.formulas is true.
local csv = {}

csv.COLUMNS = { "id", "date", "date_text", "site", "title", "byline", "caption", "tags", "tag_labels",
                "words", "source", "footer", "warnings", "body" }

local function cell_text(record, column)
  local value = record[column]
  if type(value) == "table" then return table.concat(value, column == "body" and "\n\n" or "; ") end
  if value == nil then return "" end
  return tostring(value)
end

-- OWASP: "=", "+", "-", "@", tab and carriage return start formulas.
local function neutralize(text)
  if text:match("^[=+%-@\t\r]") then return "'" .. text end
  return text
end

local function quote(text, separator)
  if text:find('[\r\n"]') or text:find(separator, 1, true) then
    return '"' .. text:gsub('"', '""') .. '"'
  end
  return text
end

local function row(cells, separator)
  local quoted = {}
  for i, text in ipairs(cells) do quoted[i] = quote(text, separator) end
  return table.concat(quoted, separator) .. "\r\n"
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
