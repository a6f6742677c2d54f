--- digest: one line per article, "date  title  (tags)", under a header
-- line and over a count: a plain-text overview to read in a terminal, mail
-- to someone or keep beside an archive.
--
--   broadsheet export --format examples/formats/digest.lua --sort date ARCHIVE
--
-- Dates are the day only (a time would break the column); an article
-- without one shows "undated" in its place. --title names the digest.
local escape = require "broadsheet.formats.escape"

local DATE_WIDTH = 10 -- "2016-06-14"

-- One line of UTF-8: a line break in a title would start a new entry, and
-- control characters mean nothing on a terminal (or worse: escapes).
local function one_line(text)
  text = tostring(text)
  text = utf8.len(text) and text or escape.repair_utf8(text)
  return (text:gsub("[%z\1-\8\14-\31\127]", ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function day(record)
  local date = type(record.date) == "string" and record.date:match("^%d%d%d%d%-%d%d%-%d%d")
  return date or ("%-" .. DATE_WIDTH .. "s"):format("undated")
end

local function tags(record)
  local labels = {}
  for _, label in ipairs(record.tag_labels or record.tags or {}) do
    label = one_line(label)
    if label ~= "" then labels[#labels + 1] = label end
  end
  if #labels == 0 then return "" end
  return "  (" .. table.concat(labels, ", ") .. ")"
end

return {
  name = "digest",
  extension = "txt",
  mime = "text/plain; charset=utf-8",
  description = "one line per article: date  title  (tags) (examples/formats/digest.lua)",
  header = function(out, ctx)
    out:write(one_line(ctx.opts.title or "Digest"), "\n\n")
  end,
  article = function(out, record)
    out:write(day(record), "  ", one_line(record.title or "(no title)"), tags(record), "\n")
  end,
  footer = function(out, ctx)
    out:write("\n", ctx.index, ctx.index == 1 and " article" or " articles", "\n")
  end,
}
