--- The fenced code blocks of a Markdown file: { lang, line, source } in
-- order, line being where the block's first line of code stands. Only
-- ``` fences count; the language is the word after the opening fence.
local blocks = {}

function blocks.of(text)
  local found, open, number = {}, nil, 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    number = number + 1
    if open then
      if line:match("^```%s*$") then
        open.source = table.concat(open.lines, "\n") .. "\n"
        open.lines = nil
        found[#found + 1] = open
        open = nil
      else
        open.lines[#open.lines + 1] = line
      end
    else
      local lang = line:match("^```(%S*)%s*$")
      if lang then open = { lang = lang, line = number + 1, lines = {} } end
    end
  end
  if open then error(("a code block opened at line %d is never closed"):format(open.line - 1), 0) end
  return found
end

--- The blocks in one of the languages given.
function blocks.select(list, ...)
  local wanted, kept = {}, {}
  for _, lang in ipairs { ... } do wanted[lang] = true end
  for _, block in ipairs(list) do
    if wanted[block.lang] then kept[#kept + 1] = block end
  end
  return kept
end

return blocks
