--- Escaping shared by the markup formats.
local core = require "broadsheet.core"

local escape = {}

--- Text safe inside XML or HTML elements and attribute values: bytes that
-- are not UTF-8 become U+FFFD, characters XML 1.0 forbids (C0 controls but
-- tab, LF and CR; U+FFFE, U+FFFF) are dropped, & < > " ' become entities.
-- In C (csrc/escape.c): one scan, where patterns would try every byte.
escape.xml = core.escape_xml

--- Replaces bytes that are not UTF-8 with U+FFFD, so markup stays well-formed.
function escape.repair_utf8(text)
  if core.valid_utf8(text) then return text end
  local out, i = {}, 1
  while i <= #text do
    local ok, code = pcall(utf8.codepoint, text, i)
    if ok then
      local char = utf8.char(code)
      out[#out + 1] = char
      i = i + #char
    else
      out[#out + 1] = "\239\191\189"
      i = i + 1
    end
  end
  return table.concat(out)
end

-- Characters YAML does not allow in a document, even quoted, or reads as
-- line breaks: C0 and C1 controls, DEL, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF.
-- They are written as escapes, which a double-quoted scalar understands.
local function yaml_char(char)
  local code = utf8.codepoint(char)
  if code < 0x100 then return ("\\x%02X"):format(code) end
  return ("\\u%04X"):format(code)
end

--- A YAML double-quoted scalar (what Hugo and Jekyll read in front matter).
function escape.yaml(text)
  text = escape.repair_utf8(text)
  text = text:gsub('[\\"]', "\\%0"):gsub("[%z\1-\31\127]", yaml_char)
    :gsub("\194[\128-\159]", yaml_char):gsub("\226\128[\168\169]", yaml_char)
    :gsub("\239\187\191", yaml_char):gsub("\239\191[\190\191]", yaml_char)
  return '"' .. text .. '"'
end

--- One line of Markdown that renders as the text: bytes that are not UTF-8
-- repaired, control characters dropped and white space runs one space
-- (a line break would end a heading or start a block), inline markup
-- characters escaped, entities ("&amp;") too, since Markdown would render
-- them as the character they name, and a line start that would begin a
-- heading, list or quote. In C, as escape.xml.
escape.markdown_line = core.escape_markdown

return escape
