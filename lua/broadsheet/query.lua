--- broadsheet.query: a small query language, parsed with LPeg, that compiles
-- to broadsheet.filter values:
--   tag:china date:2016-06..2016-12 -tag:us "trade secrets" (site:stack OR words:>500)
-- Terms side by side must all match; OR between them, either; -term or NOT
-- term, not; parentheses group. A syntax error names the column and what was
-- expected there.
local core = require "broadsheet.core"
local lpeg = require "lpeg"
local filter = require "broadsheet.filter"

local P, R, S, C, Cc, Ct, Cmt, Cp, Carg = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Ct, lpeg.Cmt, lpeg.Cp, lpeg.Carg

local limits = require "broadsheet.limits"

local query = {}

query.FIELDS = { "tag", "site", "date", "words", "title", "text", "byline", "id" }

-- Raises the syntax error the caller turns into "column N: expected X".
local function expected(what)
  return Cmt(P(true), function(_, pos) error({ position = pos, message = "expected " .. what }, 0) end)
end

-- Date comparisons at the precision given, as filter.since and friends do.
local function date_filter(op, date)
  if op == ">=" then return filter.since(date) end
  if op == "<" then return filter.before(date) end
  if op == "<=" then return filter.between("0000", date) end
  if op == ">" then
    return filter.where(function(r) return r.date ~= nil and r.date:sub(1, #date) > date end)
  end
  return filter.between(date, date)
end

local function words_filter(op, n)
  if op == ">" then return filter.words(n + 1) end
  if op == ">=" then return filter.words(n) end
  if op == "<" then return filter.words(0, n - 1) end
  if op == "<=" then return filter.words(0, n) end
  return filter.words(n, n)
end

local function byline_filter(text)
  local inner = filter.compile(filter.title(text))
  return filter.where(function(r) return r.byline ~= nil and inner { title = r.byline } end)
end

local function id_filter(id)
  -- ids are exact, not words; they are lower-case hex, as printed
  id = id:lower()
  return filter.where(function(r) return r.id == id end)
end

local space = S" \t\r\n"^0
local boundary = -(R("az", "AZ", "09") + S"_-:")
local function keyword(word) return P(word) * boundary end
local bare = (1 - S" \t\r\n()\"")^1
local word = bare - keyword"OR" - keyword"AND"
local quoted = P'"' * C((1 - P'"')^0) * (P'"' + expected("a closing '\"'"))

-- A text filter, or the syntax error of a value with no word in it ("!!!",
-- ""), at the value's own column.
local function text_term(value, make)
  return (Cp() * value) / function(start, text)
    local ok, built = pcall(make, text)
    if not ok then error({ position = start, message = "expected a word to look for" }, 0) end
    return built
  end
end
local function text_value(make)
  return text_term(quoted + C(bare), make) + expected("a value after ':'")
end

local digit = R"09"
-- A number or a date ends the value or starts a range: "words:1.5" is neither.
local value_end = boundary * -(P"." * -P".")
-- A date at year, month or day precision; months and days must exist.
local function valid_date(subject, pos, start)
  local text = subject:sub(start, pos - 1)
  local problem = filter.date_problem(text)
  if problem then error({ position = start, message = ("impossible date %s: %s"):format(text, problem) }, 0) end
  return pos
end
local date = C(Cmt(Cp() * digit * digit * digit * digit * (P"-" * digit * digit * (P"-" * digit * digit)^-1)^-1,
  valid_date)) * value_end
local a_date = date + expected("a date (YYYY, YYYY-MM or YYYY-MM-DD)")
local comparison = C(P">=" + P"<=" + S"<>") + Cc("=")
local function date_range(start, first, last)
  local ok, built = pcall(filter.between, first, last)
  if not ok then error({ position = start, message = built }, 0) end
  return built
end
local date_value = (Cp() * date * P".." * a_date) / date_range
  + (comparison * a_date) / date_filter
local number = (digit^1 / tonumber) * value_end
local a_number = number + expected("a number")
-- A range that ends before it starts is a mistake, as it is for dates.
local function words_range(start, min, max)
  if max < min then
    error({ position = start, message = ("word range ends before it starts: %d..%d"):format(min, max) }, 0)
  end
  return filter.words(min, max)
end
local words_value = (Cp() * number * P".." * a_number) / words_range
  + (comparison * a_number) / words_filter

local values = {
  tag = text_value(filter.tag),
  site = text_value(filter.site),
  date = date_value,
  words = words_value,
  title = text_value(filter.title),
  text = text_value(filter.text),
  byline = text_value(byline_filter),
  id = text_value(id_filter),
}

-- A field name in any case: "TAG:" is "tag:".
local function field_name(name)
  local pattern = P(true)
  for char in name:gmatch(".") do pattern = pattern * S(char:lower() .. char:upper()) end
  return pattern * P":"
end
local field = P(false)
for _, name in ipairs(query.FIELDS) do field = field + field_name(name) * values[name] end
field = field + Cmt(Cp() * C(R("az", "AZ", "__")^1) * P":", function(_, _, start, name)
  error({ position = start,
          message = ("unknown field '%s' (known: %s)"):format(name, table.concat(query.FIELDS, ", ")) }, 0)
end)

local function keep_group(_, pos, groups, start, built)
  groups[start] = built
  return pos
end
local function fold(operator)
  return function(list)
    local result = list[1]
    for i = 2, #list do result = operator(result, list[i]) end
    return result
  end
end

-- What a term starts with. Checking it before a term, rather than trying the
-- term and reporting when it fails, leaves no choice on LPeg's backtrack
-- stack for each level of parentheses: once it holds, a term either matches
-- or raises its own error.
local term_start = S'("' + word
local function needs_term(what) return #term_start + expected(what) end

local term = lpeg.V"group" + field + text_term(quoted + C(word), filter.text)
-- -term and NOT term as often as given: only their parity matters, and a loop
-- keeps "- - - ..." off the stack.
local signs = C((P"-" + keyword"NOT" * space)^1) * needs_term("a term to negate") + Cc("")
local function negate(given, f)
  local _, dashes = given:gsub("%-", "")
  local _, nots = given:gsub("NOT", "")
  if (dashes + nots) % 2 == 1 then return -f end
  return f
end
local unary = (signs * term) / negate
local and_expr = Ct(unary * (space * -keyword"OR" * (keyword"AND" * space * needs_term("a term after AND"))^-1
  * unary)^0) / fold(function(a, b) return a * b end)
local or_expr = Ct(and_expr * (space * keyword"OR" * space * needs_term("a term after OR") * and_expr)^0)
  / fold(function(a, b) return a + b end)

local grammar = P {
  "query",
  query = space * needs_term("a search term") * or_expr * space
    * (-P(1) + expected("an operator or the end of the query")),
  -- A group's filter is built when its ')' is read (a match-time capture),
  -- since captures nested as deep as the parentheses would overflow LPeg's
  -- capture stack long before limits.query_depth; it is kept in the parse's
  -- table by its position, as values of match-time captures left side by side
  -- overflow at 32767 groups.
  group = (Carg(1) * Cp() * Cmt(Carg(1) * Cp() * P"(" * space * needs_term("a term") * or_expr * space
    * (P")" + expected("')'")), keep_group)) / function(groups, start) return groups[start] end,
}

-- Deep nesting would exhaust LPeg's stack: refuse it first, with a column.
-- Parentheses inside a quoted phrase are words, not nesting.
local function check_depth(text, max_depth)
  local depth, in_quotes = 0, false
  for i = 1, #text do
    local c = text:sub(i, i)
    if c == '"' then
      in_quotes = not in_quotes
    elseif c == "(" and not in_quotes then
      depth = depth + 1
      if depth > max_depth then
        return { position = i, message = ("parentheses nested deeper than %d"):format(max_depth) }
      end
    elseif c == ")" and not in_quotes then
      depth = depth - 1
    end
  end
end

--- Parses a query: the filter, or nil, a message ("column 14: expected ')'")
-- and the column (in characters). bounds: the limits to obey (an archive
-- context's), broadsheet.limits by default.
function query.parse(text, bounds)
  if type(text) ~= "string" then error("bad argument #1 to 'query' (string expected, got " .. type(text) .. ")", 2) end
  bounds = bounds or limits
  local problem = #text > bounds.query_bytes
    and { position = bounds.query_bytes + 1, message = ("query longer than %d bytes"):format(bounds.query_bytes) }
    or check_depth(text, bounds.query_depth)
  local ok, result
  if not problem then
    ok, result = pcall(lpeg.match, grammar, text, 1, {})
    if not ok then
      problem = type(result) == "table" and result or { position = 1, message = tostring(result) }
    elseif not result then
      problem = { position = 1, message = "expected a search term" }
    end
  end
  if not problem then return result end
  local column = (utf8.len(text:sub(1, problem.position - 1)) or problem.position - 1) + 1
  return nil, ("column %d: %s"):format(column, problem.message), column
end

--- Compiles a query to a filter, or raises "query: column N: ...": the
-- raising twin of query.parse, as cjson.decode is of cjson.safe's.
function query.compile(text, bounds)
  local compiled, message = query.parse(text, bounds)
  if not compiled then error("query: " .. message, 2) end
  return compiled
end

--- What filters are built against in an archive context (see
-- broadsheet.filter): its tagger, and query strings compiled within its limits.
function query.env(ctx)
  return {
    tagger = ctx.tagger,
    query = function(text) return query.compile(text, ctx.limits) end,
  }
end

--- The query and a caret under the column (in characters), for error
-- messages: padded by the columns a terminal gives the characters before
-- it, so that it sits right under wide CJK characters too.
function query.caret(text, column)
  local before = utf8.offset(text, column)
  local pad = before and core.width(text:sub(1, before - 1)) or column - 1
  return text .. "\n" .. string.rep(" ", pad) .. "^"
end

return query
