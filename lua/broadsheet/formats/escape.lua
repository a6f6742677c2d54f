--- Escaping shared by the markup formats.
local escape = {}

local XML = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- Characters XML 1.0 forbids: C0 controls but tab, LF and CR; U+FFFE and U+FFFF.
local function drop_forbidden(text)
  return (text:gsub("[%z\1-\8\11\12\14-\31]", ""):gsub("\239\191[\190\191]", ""))
end

--- Text safe inside XML or HTML elements and attribute values.
function escape.xml(text)
  text = utf8.len(text) and text or escape.repair_utf8(text)
  return (drop_forbidden(text):gsub("[&<>\"']", XML))
end

--- Replaces bytes that are not UTF-8 with U+FFFD, so markup stays well-formed.
function escape.repair_utf8(text)
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

--- A YAML double-quoted scalar (what Hugo and Jekyll read in front matter).
function escape.yaml(text)
  text = utf8.len(text) and text or escape.repair_utf8(text)
  return '"' .. text:gsub('[\\"]', "\\%0"):gsub("[%z\1-\31\127]", function(c)
    return ("\\x%02X"):format(c:byte())
  end) .. '"'
end

--- Markdown text that renders as itself: inline markup characters escaped,
-- and a line start that would begin a heading, list or quote.
function escape.markdown(text)
  text = text:gsub("[\\`*_%[%]<>|]", "\\%0")
  return (text:gsub("^([#>+%-])", "\\%1"):gsub("^(%d+)([.)])", "%1\\%2"))
end

return escape
