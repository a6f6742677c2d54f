--- bibtex: a citation list, one @article entry per article, for LaTeX
-- (BibTeX or biblatex), Zotero, JabRef or pandoc --citeproc.
--
--   broadsheet export --format examples/formats/bibtex.lua -o news.bib ARCHIVE
--
-- Keys are the articles' ids (stable from one export to the next, so
-- \cite{...} keeps working); the same article twice gets "-2", "-3".
-- The site is the journal, the byline the author; tags become keywords.
local core = require "broadsheet.core"
local escape = require "broadsheet.formats.escape"

local MONTHS = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" }

-- Characters TeX gives meaning to, written so that they print as themselves.
local SPECIAL = {
  ["\\"] = "\\textbackslash{}", ["{"] = "\\{", ["}"] = "\\}", ["%"] = "\\%", ["&"] = "\\&", ["$"] = "\\$",
  ["#"] = "\\#", ["_"] = "\\_", ["~"] = "\\textasciitilde{}", ["^"] = "\\textasciicircum{}",
}

-- A field value: one line of UTF-8 (a line break or a control character
-- means nothing to BibTeX), TeX's special characters escaped in one pass,
-- so that the braces an escape brings are not escaped again.
local function tex(text)
  text = tostring(text)
  text = utf8.len(text) and text or escape.repair_utf8(text)
  text = text:gsub("[%z\1-\8\14-\31\127]", ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  return (text:gsub("[\\{}%%&$#_~^]", SPECIAL))
end

-- BibTeX separates authors with " and "; bylines often use commas or "&".
local function authors(byline)
  return (byline:gsub("%s*&%s*", " and "):gsub("%s*,%s+and%s+", " and "):gsub("%s*,%s*", " and "))
end

-- A key BibTeX accepts: the id's letters, digits and - _ : only.
local function cite_key(record, ctx)
  local key = tostring(record.id or ""):gsub("[^%w_:-]", "")
  if key == "" then key = core.hash((record.title or "") .. "\n" .. table.concat(record.body or {}, "\n")) end
  local n, unique = 1, key
  while ctx.keys[unique] do
    n = n + 1
    unique = key .. "-" .. n
  end
  ctx.keys[unique] = true
  return unique
end

-- URLs are verbatim to biblatex and the url package: TeX escapes would show.
-- Only what would break the entry (braces, backslashes, white space, control
-- characters) is percent-encoded, which a URL allows.
local function url(text)
  text = utf8.len(text) and text or escape.repair_utf8(text)
  return (text:gsub("[{}\\%s%c]", function(c) return ("%%%02X"):format(c:byte()) end))
end

local function field(out, name, value)
  out:write("  ", name, " = ", value, ",\n")
end

return {
  name = "bibtex",
  extension = "bib",
  mime = "application/x-bibtex",
  description = "BibTeX citations: one @article per article (examples/formats/bibtex.lua)",
  header = function(out, ctx)
    ctx.keys = {}
    out:write("% BibTeX citations written by broadsheet.\n\n")
  end,
  article = function(out, record, ctx)
    out:write("@article{", cite_key(record, ctx), ",\n")
    -- Double braces keep a headline's capitals, which styles would lower.
    field(out, "title", "{{" .. tex(record.title or "(no title)") .. "}}")
    if record.byline then field(out, "author", "{" .. tex(authors(record.byline)) .. "}") end
    if record.site then field(out, "journal", "{" .. tex(record.site) .. "}") end
    local year, month, day = tostring(record.date or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
    if year then
      field(out, "year", year)
      if MONTHS[tonumber(month)] then field(out, "month", MONTHS[tonumber(month)]) end
      field(out, "date", "{" .. year .. "-" .. month .. "-" .. day .. "}") -- biblatex
    end
    if record.tag_labels and #record.tag_labels > 0 then
      local labels = {}
      for i, label in ipairs(record.tag_labels) do labels[i] = tex(label) end
      field(out, "keywords", "{" .. table.concat(labels, ", ") .. "}")
    end
    local source = record.source and tostring(record.source)
    if source and source:match("^https?://") then
      field(out, "url", "{" .. url(source) .. "}")
    elseif source then
      field(out, "note", "{Archived as " .. tex(source) .. "}")
    end
    out:write("}\n\n")
  end,
  footer = function(out, ctx)
    out:write(("%% %d %s.\n"):format(ctx.index, ctx.index == 1 and "entry" or "entries"))
  end,
}
