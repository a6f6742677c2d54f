--- html: one self-contained page, an index of links, then the articles.
local escape = require "broadsheet.formats.escape"
local names = require "broadsheet.formats.names"

local html = {}

local STYLE = [[
body{font:16px/1.5 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;color:#222}
h1,h2{font-family:Helvetica,Arial,sans-serif;line-height:1.2}
.meta{color:#666;font-size:.9em}.tags span{background:#eee;border-radius:3px;padding:0 .3em;margin-right:.3em}
article{border-top:1px solid #ccc;margin-top:2em}nav li{margin:.2em 0}
]]

-- Anchors by id, unique within the page even when an article comes twice.
local function anchor(record, index, taken)
  local id = (record.id or ""):gsub("[^%w]", "")
  return names.unique(taken, "a-" .. (id ~= "" and id or tostring(index)))
end

html.html = {
  name = "html",
  extension = "html",
  mime = "text/html; charset=utf-8",
  description = "one self-contained HTML page: an index with links, then the articles",
  -- The index comes before the articles, so they are kept until the end.
  header = function(_, ctx) ctx.records = {} end,
  article = function(_, record, ctx) ctx.records[#ctx.records + 1] = record end,
  footer = function(out, ctx)
    local e = escape.xml
    local title = ctx.opts.title or "broadsheet export"
    -- Void elements are closed ("<meta/>"), which HTML allows, so that the
    -- page is also well-formed XML that XML tools (xmllint, XSLT) can read.
    out:write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n',
      '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n',
      "<title>", e(title), "</title>\n<style>\n", STYLE, "</style>\n</head>\n<body>\n",
      "<h1>", e(title), "</h1>\n<nav>\n<ol>\n")
    local anchors, taken = {}, {}
    for i, record in ipairs(ctx.records) do anchors[i] = anchor(record, i, taken) end
    for i, record in ipairs(ctx.records) do
      out:write('<li><a href="#', anchors[i], '">', e(record.title or "(no title)"), "</a>",
        record.date and (' <span class="meta">' .. e(record.date) .. "</span>") or "", "</li>\n")
    end
    out:write("</ol>\n</nav>\n")
    for i, record in ipairs(ctx.records) do
      out:write('<article id="', anchors[i], '">\n<h2>', e(record.title or "(no title)"), "</h2>\n")
      local meta = {}
      for _, key in ipairs { "date", "byline", "site" } do
        if record[key] then meta[#meta + 1] = e((key == "byline" and "By " or "") .. record[key]) end
      end
      if #meta > 0 then out:write('<p class="meta">', table.concat(meta, " · "), "</p>\n") end
      if record.caption then out:write('<p class="meta"><em>', e(record.caption), "</em></p>\n") end
      for _, para in ipairs(record.body or {}) do out:write("<p>", e(para), "</p>\n") end
      if record.tag_labels then
        out:write('<p class="tags">')
        for _, label in ipairs(record.tag_labels) do out:write("<span>", e(label), "</span>") end
        out:write("</p>\n")
      end
      out:write("</article>\n")
    end
    out:write("</body>\n</html>\n")
  end,
}

return html
