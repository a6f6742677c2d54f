--- Escaping shared by the markup formats.
local core = require "broadsheet.core"

local escape = {}

local XML = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- Characters XML 1.0 forbids: C0 controls but tab, LF and CR; U+FFFE and U+FFFF.
local function drop_forbidden(text)
  return (text:gsub("[%z\1-\8\11\12\14-\31]", ""):gsub("\239\191[\190\191]", ""))
end

--- Text safe inside XML or HTML elements and attribute values.
function escape.xml(text)
  text = escape.repair_utf8(text)
  return (drop_forbidden(text):gsub("[&<>\"']", XML))
end

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

--- Markdown text that renders as itself: inline markup characters escaped,
-- and a line start that would begin a heading, list or quote.
-- Entities ("&amp;") are escaped too: Markdown would render them as the
-- character they name. Text that is not UTF-8 is repaired first.
function escape.markdown(text)
  text = escape.repair_utf8(text)
  text = text:gsub("[\\`*_%[%]<>|]", "\\%0"):gsub("&([#%w]+;)", "\\&%1")
  return (text:gsub("^([#>+%-])", "\\%1"):gsub("^(%d+)([.)])", "%1\\%2"))
end

return escape
