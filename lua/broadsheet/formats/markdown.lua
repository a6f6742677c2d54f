--- markdown: one document with every article, or (one file per article)
-- pages with YAML front matter (title, date, author, url, lang, description, tags) that Hugo and
-- Jekyll read.
local escape = require "broadsheet.formats.escape"

local markdown = {}

-- Parsed fields hold no line breaks; one in a record built by hand would end
-- a heading or start a block, so white space runs become one space. Control
-- characters, which mean nothing in a document, are dropped.
local function one_line(text)
  return (text:gsub("[%z\1-\8\14-\31\127]", ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function inline(text)
  return escape.markdown(one_line(text))
end

-- A tag as inline code, where nothing is markup but a backtick.
local function code(label)
  label = escape.repair_utf8(label)
  return "`" .. one_line(label):gsub("`", "'") .. "`"
end

local function meta_line(record)
  local parts = {}
  if record.date then parts[#parts + 1] = record.date end
  if record.byline then parts[#parts + 1] = "by " .. record.byline end
  if record.site then parts[#parts + 1] = record.site end
  return table.concat(parts, " · ")
end

local function body(out, record)
  if record.caption then out:write("*", inline(record.caption), "*\n\n") end
  for _, para in ipairs(record.body or {}) do out:write(inline(para), "\n\n") end
  if record.tag_labels then
    local tags = {}
    for i, label in ipairs(record.tag_labels) do tags[i] = code(label) end
    out:write("Tags: ", table.concat(tags, " "), "\n\n")
  end
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
      body(out, record)
      return
    end
    if ctx.index > 1 then out:write("---\n\n") end
    out:write("# ", inline(record.title or "(no title)"), "\n\n")
    local meta = meta_line(record)
    if meta ~= "" then out:write("*", inline(meta), "*\n\n") end
    body(out, record)
  end,
}

return markdown
