--- broadsheet.template: Mustache templates, scanned with LPeg.
-- compile() reads the source once into a tree of closures; render() only runs
-- them, so an export compiles its template once for all its articles. It
-- follows the Mustache spec (lambdas aside): variables, sections, inverted
-- sections, comments, partials, set-delimiter and standalone lines.
local lpeg = require "lpeg"
local cjson = require "cjson"
local limits = require "broadsheet.limits"

local P, S, C, Cc, Cp, Cs = lpeg.P, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Cp, lpeg.Cs

local template = {}

-- Partials may recurse (a tree of comments renders itself); hostile ones must
-- fail with a message before they exhaust the stack.
local MAX_DEPTH = 100
local NULL = cjson.null -- JSON null, as records read from JSON carry it
local DOT = {} -- the parts of the name ".", the implicit iterator

local HTML = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

--- The default escaper of {{var}}: the five characters HTML gives meaning to.
function template.escape_html(s)
  return (s:gsub("[&<>\"']", HTML))
end

---------------------------------------------------------------- scanning

local space, blank = S" \t\r\n", S" \t"
local rest_of_line = blank^0 * (P"\r"^-1 * "\n" + -P(1)) * Cp()
local STANDALONE = { ["#"] = true, ["^"] = true, ["/"] = true, [">"] = true, ["!"] = true, ["="] = true }

-- A scanner for one pair of delimiters. From a position it returns the text
-- before the next tag and where that tag starts; then, when a well-formed tag
-- is there, its kind ("" for a variable), up to two words, and where it ends.
local function new_scanner(open, close)
  local O, E = P(open), P(close)
  local sp = space^0
  local function word(stop) return C((1 - space - stop)^1) end
  local delim = C((1 - space - "=")^1)
  local tag = P"{" * Cc"{" * sp * word("}" * E) * Cc(false) * sp * "}" * E
    + C(S"#^/>&") * sp * word(E) * Cc(false) * sp * E
    + C"!" * Cc(false) * Cc(false) * (1 - E)^0 * E
    + C"=" * sp * delim * space^1 * delim * sp * "=" * E
    + Cc"" * sp * -S"{#^/>&!=" * word(E) * Cc(false) * sp * E
  return C((1 - O)^0) * Cp() * (O * tag * Cp())^-1
end

-- Scanners are cached by delimiters; a template that sets hundreds of
-- different delimiters empties the cache rather than growing it.
local scanners, nscanners = {}, 0
local function scanner(open, close)
  local key = open .. " " .. close
  local found = scanners[key]
  if found then return found end
  if nscanners >= 64 then scanners, nscanners = {}, 0 end
  found = new_scanner(open, close)
  scanners[key], nscanners = found, nscanners + 1
  return found
end

-- The line and column of pos, found with plain finds: one pass over the
-- text before it, however long its lines.
local function line_column(source, pos)
  local line, line_start = 1, 1
  while true do
    local nl = source:find("\n", line_start, true)
    if not nl or nl >= pos then return line, pos - line_start + 1 end
    line, line_start = line + 1, nl + 1
  end
end

local function fail(where, source, pos, fmt, ...)
  local line, column = line_column(source, pos)
  error(("template: %sline %d, column %d: " .. fmt):format(where, line, column, ...), 0)
end

-- Says what is wrong with the tag at pos, which the scanner did not accept.
local function bad_tag(where, source, pos, open, close)
  local inside = pos + #open
  local stop = source:find(close, inside, true)
  if not stop then
    fail(where, source, pos, "unclosed tag %q", source:match("^[^\n]*", pos):sub(1, 40))
  end
  local text = source:sub(pos, stop + #close - 1)
  if source:sub(inside, inside) == "=" then fail(where, source, pos, "bad set-delimiter tag %q", text) end
  if not source:sub(inside, stop - 1):find("%S") then fail(where, source, pos, "empty tag %q", text) end
  fail(where, source, pos, "malformed tag %q", text)
end

-- A tag alone on its line (blanks aside) takes the whole line with it. Returns
-- where that line starts and where the next one does, or nil.
local function standalone(source, s, e)
  local first = s
  while first > 1 and (source:byte(first - 1) == 32 or source:byte(first - 1) == 9) do first = first - 1 end
  if first > 1 and source:byte(first - 1) ~= 10 then return nil end
  local after = rest_of_line:match(source, e)
  if after then return first, after end
end

---------------------------------------------------------------- rendering

-- What the view holds under a name: functions are called (records may compute
-- fields), JSON null is nil.
local function value(v)
  if type(v) == "function" then v = v() end
  if v == NULL then return nil end
  return v
end

-- The first part of a dotted name is looked up down the context stack, the
-- others only inside what it found: "a.b" never falls back to an outer "b".
local function lookup(stack, top, parts)
  if parts == DOT then return value(stack[top]) end
  local v
  for i = top, 1, -1 do
    if type(stack[i]) == "table" then
      v = stack[i][parts[1]]
      if v ~= nil then break end
    end
  end
  for i = 2, #parts do
    v = value(v)
    if type(v) ~= "table" then return nil end
    v = v[parts[i]]
  end
  return value(v)
end

-- Lua has one table for lists and objects: an empty one is an empty list,
-- unless it is a proxy whose fields come from __index.
local function falsy(v)
  if v == nil or v == false then return true end
  if type(v) ~= "table" or next(v) ~= nil then return false end
  local mt = getmetatable(v)
  return not (mt and mt.__index)
end

local function stringify(v)
  local kind = type(v)
  if kind == "string" then return v end
  -- cjson reads 85 as 85.0; the spec wants "85"
  if kind == "number" then return tostring(math.tointeger(v) or v) end
  if v == nil then return "" end
  if kind == "table" then
    local mt = getmetatable(v)
    return mt and mt.__tostring and tostring(v) or ""
  end
  return tostring(v)
end

-- What a render may still write: nested sections over lists multiply the
-- work, so output is bounded, and each pass of a section costs PASS_BYTES of
-- the budget too, so that loops writing nothing are bounded as well (a pass
-- takes about as long as writing that much).
local PASS_BYTES = 64
local function spend(st, bytes)
  local left = st.budget - bytes
  if left < 0 then
    error(("template: output larger than %d bytes (limits.template_bytes)"):format(st.max_bytes), 0)
  end
  st.budget = left
end

local function emit(st, s)
  spend(st, #s)
  local n = st.n + 1
  st.n, st.out[n] = n, s
end

local function literal(text)
  return function(st) emit(st, text) end
end

local function variable(parts, escape)
  return function(st, top)
    local s = stringify(lookup(st.stack, top, parts))
    emit(st, escape and s ~= "" and escape(s) or s)
  end
end

local function section(parts, body, inverted)
  return function(st, top)
    local v = lookup(st.stack, top, parts)
    if falsy(v) then
      if inverted then body(st, top) end
      return
    end
    if inverted then return end
    local stack = st.stack
    if type(v) == "table" and #v > 0 then -- a list (# lets a proxy with __len be one too)
      for i = 1, #v do
        spend(st, PASS_BYTES)
        stack[top + 1] = value(v[i])
        body(st, top + 1)
      end
    else
      spend(st, PASS_BYTES)
      stack[top + 1] = v
      body(st, top + 1)
    end
  end
end

local function sequence(fns)
  if #fns == 1 then return fns[1] end
  return function(st, top)
    for i = 1, #fns do fns[i](st, top) end
  end
end

local function names(name)
  if name == "." then return DOT end
  local parts = {}
  for part in name:gmatch("[^.]+") do parts[#parts + 1] = part end
  return parts
end

---------------------------------------------------------------- partials

local parse -- the compiler, below: partials are compiled when first rendered

-- A standalone partial's indentation goes before each of its lines; doing it
-- to the source keeps the partial's own standalone lines standalone.
local function indent_lines(source, indent)
  local nonempty = #P(1) * Cc(indent)
  return Cs(nonempty^-1 * (P"\n" * nonempty + 1)^0):match(source)
end

local function partial_source(partials, name)
  if type(partials) == "table" then return partials[name] end
  if type(partials) == "function" then return partials(name) end
end

local function partial_body(st, name, indent)
  local tpl = st.template
  local source = partial_source(st.partials, name)
  if source == nil then source = partial_source(tpl.partials, name) end
  if source == nil or source == NULL then return nil end -- the spec: a missing partial renders as ""
  if type(source) ~= "string" then
    error(("template: partial %q is a %s, not a string"):format(name, type(source)), 0)
  end
  local key = indent .. "\0" .. source
  local body = tpl.cache[key]
  if body then return body end
  local where = ("partial %q, "):format(name)
  local ok, result = pcall(parse, indent_lines(source, indent), tpl.escape, where, tpl.max_depth)
  if not ok then -- report positions in the partial as written, not as indented
    parse(source, tpl.escape, where, tpl.max_depth)
    error(result, 0)
  end
  if tpl.ncache >= 256 then tpl.cache, tpl.ncache = {}, 0 end
  tpl.cache[key], tpl.ncache = result, tpl.ncache + 1
  return result
end

local function partial(name, indent)
  return function(st, top)
    local body = partial_body(st, name, indent)
    if not body then return end
    if st.depth >= MAX_DEPTH then
      error(("template: partials nested more than %d deep at %q (a recursive partial?)"):format(MAX_DEPTH, name), 0)
    end
    st.depth = st.depth + 1
    body(st, top)
    st.depth = st.depth - 1
  end
end

---------------------------------------------------------------- compiling

-- Reads source into one closure. Sections are closed over as soon as their
-- closing tag is read, so neither compiling nor a deep template recurses here.
function parse(source, escape, where, max_depth)
  local open, close = "{{", "}}"
  local scan, pos = scanner(open, close), 1
  local frames = { { fns = {} } }
  while true do
    local text, s, kind, a, b, e = scan:match(source, pos)
    local indent = ""
    if kind and STANDALONE[kind] then
      local first, after = standalone(source, s, e)
      if first then text, indent, e = text:sub(1, #text - (s - first)), source:sub(first, s - 1), after end
    end
    local fns = frames[#frames].fns
    if text ~= "" then fns[#fns + 1] = literal(text) end
    if not kind then
      if s <= #source then bad_tag(where, source, s, open, close) end
      break
    end
    if kind == "" or kind == "&" or kind == "{" then
      fns[#fns + 1] = variable(names(a), kind == "" and escape)
    elseif kind == "#" or kind == "^" then
      if #frames > max_depth then
        fail(where, source, s, "sections nested deeper than %d (limits.template_depth)", max_depth)
      end
      frames[#frames + 1] = { fns = {}, name = a, inverted = kind == "^", pos = s }
    elseif kind == "/" then
      local frame = frames[#frames]
      if #frames == 1 then fail(where, source, s, "closing tag %q has no open section", a) end
      if frame.name ~= a then
        fail(where, source, s, "closing tag %q does not match open section %q", a, frame.name)
      end
      frames[#frames] = nil
      local outer = frames[#frames].fns
      outer[#outer + 1] = section(names(a), sequence(frame.fns), frame.inverted)
    elseif kind == ">" then
      fns[#fns + 1] = partial(a, indent)
    elseif kind == "=" then
      open, close = a, b
      scan = scanner(open, close)
    end
    pos = e
  end
  if #frames > 1 then
    local frame = frames[#frames]
    fail(where, source, frame.pos, "unclosed section %q", frame.name)
  end
  return sequence(frames[1].fns)
end

local Template = {}
Template.__index = Template

--- Renders the template with view as the root context. partials (a table
-- name -> source, or a function name -> source) comes before opts.partials.
function Template:render(view, partials)
  local max_bytes = self.max_bytes
  local st = { out = {}, n = 0, stack = { view }, depth = 0, partials = partials, template = self,
               budget = max_bytes, max_bytes = max_bytes }
  self.body(st, 1)
  return table.concat(st.out, "", 1, st.n)
end

--- Compiles source; raises "template: line L, column C: ..." when it is malformed.
-- opts.escape: function(string) -> string for {{var}} (default: escape_html).
-- opts.partials: table name -> source, or function(name) -> source or nil.
-- opts.limits: template_depth and template_bytes (default broadsheet.limits).
function template.compile(source, opts)
  opts = opts or {}
  if type(source) ~= "string" then error("template: source is a " .. type(source) .. ", not a string", 2) end
  local escape = opts.escape == nil and template.escape_html or opts.escape
  if type(escape) ~= "function" then error("template: opts.escape is not a function", 2) end
  local partials = opts.partials
  if partials ~= nil and type(partials) ~= "table" and type(partials) ~= "function" then
    error("template: opts.partials is neither a table nor a function", 2)
  end
  local bounds = opts.limits or {}
  local tpl = { source = source, escape = escape, partials = partials, cache = {}, ncache = 0,
                max_depth = bounds.template_depth or limits.template_depth,
                max_bytes = bounds.template_bytes or limits.template_bytes }
  tpl.body = parse(source, escape, "", tpl.max_depth)
  return setmetatable(tpl, Template)
end

-- template.render compiles each source once; the cache is emptied when full.
local compiled, ncompiled = {}, 0

--- Compiles (or reuses) source with the default options and renders it.
function template.render(source, view, partials)
  local tpl = compiled[source]
  if not tpl then
    tpl = template.compile(source)
    if ncompiled >= 64 then compiled, ncompiled = {}, 0 end
    compiled[source], ncompiled = tpl, ncompiled + 1
  end
  return tpl:render(view, partials)
end

return template
