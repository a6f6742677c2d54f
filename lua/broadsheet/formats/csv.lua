--- csv and tsv: one row per article, RFC 4180 quoting, a header row, list
-- fields joined by "; ", paragraphs by a blank line. Cells a spreadsheet
-- would run as a formula are neutralized as OWASP recommends (a leading
-- apostrophe) unless opts.formulas is true.
local core = require "broadsheet.core"

local csv = {}

local concat = table.concat

csv.COLUMNS = { "id", "date", "date_text", "site", "title", "byline", "caption", "tags", "tag_labels",
                "words", "source", "footer", "warnings", "body" }

local function cell_text(record, column)
  local value = record[column]
  if type(value) == "table" then return concat(value, column == "body" and "\n\n" or "; ") end
  if value == nil then return "" end
  return tostring(value)
end

local function make(name, separator, mime, description)
  return {
    name = name,
    extension = name,
    mime = mime,
    description = description,
    header = function(out) out:write(core.csv_row(csv.COLUMNS, separator)) end,
    -- Quoting, the formula guard and UTF-8 repair are C's (csrc/escape.c):
    -- one scan of each cell.
    article = function(out, record, ctx)
      local cells = {}
      for i, column in ipairs(csv.COLUMNS) do cells[i] = cell_text(record, column) end
      out:write(core.csv_row(cells, separator, not ctx.opts.formulas))
    end,
  }
end

csv.csv = make("csv", ",", "text/csv; charset=utf-8", "comma-separated values, RFC 4180, formula-safe")
csv.tsv = make("tsv", "\t", "text/tab-separated-values; charset=utf-8", "tab-separated values, quoted as CSV")

return csv
