--- markdown: one document with every article, or (one file per article)
-- pages with YAML front matter (title, date, author, url, lang, description, tags) that Hugo and
-- Jekyll read.
local escape = require "broadsheet.formats.escape"

local markdown = {}

-- Parsed fields hold no line breaks; one in a record built by hand would end
-- a heading or start a block, so escape.markdown_line makes each field one line.
local inline = escape.markdown_line

-- A tag as inline code, where nothing is markup but a backtick: control
-- characters dropped, white space runs one space, as in escape.markdown_line.
local function code(label)
  label = escape.repair_utf8(label)
  -- Nearly every label needs nothing more, which two plain looks tell at a
  -- fraction of the cost of the five rewrites below.
  if not label:find("[%c`]") and not label:find("  ", 1, true) and label:byte(1) ~= 32 and label:byte(-1) ~= 32 then
    return "`" .. label .. "`"
  end
  label = label:gsub("[%z\1-\8\14-\31\127]", ""):gsub("%s+", " ")
  return "`" .. label:gsub("^ ", ""):gsub(" $", ""):gsub("`", "'") .. "`"
end

local function meta_line(record)
  local parts = {}
  if record.date then parts[#parts + 1] = record.date end
  if record.byline then parts[#parts + 1] = "by " .. record.byline end
  if record.site then parts[#parts + 1] = record.site end
  return table.concat(parts, " · ")
end

-- Each article is one string written once, and its paragraphs are escaped
-- in one call: a call or a write per paragraph would cost more than the
-- escaping.
local function add_body(parts, record)
  if record.caption then parts[#parts + 1] = "*" .. inline(record.caption) .. "*\n\n" end
  if record.body then parts[#parts + 1] = inline(record.body, "", "\n\n") end
  if record.tag_labels then
    local tags = {}
    for i, label in ipairs(record.tag_labels) do tags[i] = code(label) end
    parts[#parts + 1] = "Tags: " .. table.concat(tags, " ") .. "\n\n"
  end
  return parts
end

local function front_matter(out, record)
  out:write("---\n")
  if record.title then out:write("title: ", escape.yaml(record.title), "\n") end
  if record.date then out:write("date: ", escape.yaml(record.date), "\n") end
  if record.byline then out:write("author: ", escape.yaml(record.byline), "\n") end
  for _, key in ipairs { "url", "lang", "description" } do
    if record[key] then out:write(key, ": ", escape.yaml(record[key]), "\n") end
  end
  if record.tags then
    out:write("tags:\n")
    for _, slug in ipairs(record.tags) do out:write("  - ", escape.yaml(slug), "\n") end
  end
  if record.id then out:write("id: ", escape.yaml(record.id), "\n") end
  out:write("---\n\n")
end

markdown.markdown = {
  name = "markdown",
  extension = "md",
  mime = "text/markdown; charset=utf-8",
  description = "Markdown: one document, or one page per article with YAML front matter (--split)",
  article = function(out, record, ctx)
    if ctx.split then
      front_matter(out, record)
      out:write(table.concat(add_body({}, record)))
      return
    end
    local parts = { ctx.index > 1 and "---\n\n# " or "# ", inline(record.title or "(no title)"), "\n\n" }
    local meta = meta_line(record)
    if meta ~= "" then parts[#parts + 1] = "*" .. inline(meta) .. "*\n\n" end
    out:write(table.concat(add_body(parts, record)))
  end,
}

return markdown
