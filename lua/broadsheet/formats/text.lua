--- text: the archived-article layout itself (SPEC section 1), so that
-- parse(text(record)) gives the record back. Articles are separated by a
-- line holding a form feed, which broadsheet.open reads as several articles.
local text = {}

-- Labels go on a space-joined line when spaces cannot mislead, else "Tags: a, b".
local function tag_line(labels)
  for _, label in ipairs(labels) do
    if label:find("[%s,;]") then return "Tags: " .. table.concat(labels, ", ") end
  end
  return table.concat(labels, " ")
end

function text.render(record)
  local blocks = {}
  local function add(block) if block then blocks[#blocks + 1] = block end end
  add(record.site)
  add(record.title)
  add(record.date_text or record.date)
  add(record.byline and "By " .. record.byline)
  add(record.caption)
  for _, para in ipairs(record.body or {}) do add(para) end
  local out = table.concat(blocks, "\n\n")
  local tail = {}
  if record.tag_labels and #record.tag_labels > 0 then tail[#tail + 1] = tag_line(record.tag_labels) end
  if record.footer then tail[#tail + 1] = record.footer end
  if #tail > 0 then out = out .. "\n\n\n" .. table.concat(tail, "\n") end
  return out .. "\n"
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
