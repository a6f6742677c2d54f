--- broadsheet.query: a small query language, parsed with LPeg, that compiles
-- to broadsheet.filter values:
--   tag:china date:2016-06..2016-12 -tag:us "trade secrets" (site:stack OR words:>500)
-- Terms side by side must all match; OR between them, either; -term or NOT
-- term, not; parentheses group. A syntax error names the column and what was
-- expected there.
local lpeg = require "lpeg"
local filter = require "broadsheet.filter"

local P, R, S, C, Cc, Ct, Cmt, Cp = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Ct, lpeg.Cmt, lpeg.Cp

local query = {}

query.MAX_DEPTH = 100
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
  local inner = filter.title(text).test
  return filter.where(function(r) return r.byline ~= nil and inner { title = r.byline } end)
end

local function id_filter(id)
  -- ids are exact, not words
  return filter.where(function(r) return r.id == id end)
end

local space = S" \t\r\n"^0
local boundary = -(R("az", "AZ", "09") + S"_-:")
local function keyword(word) return P(word) * boundary end
local bare = (1 - S" \t\r\n()\"")^1
local quoted = P'"' * C((1 - P'"')^0) * (P'"' + expected("a closing '\"'"))
local text_value = quoted + C(bare) + expected("a value after ':'")

local digit = R"09"
-- A date at year, month or day precision; months and days must exist.
local function valid_date(_, pos, text)
  local month, day = text:match("^%d%d%d%d%-(%d%d)%-?(%d*)$")
  month, day = tonumber(month), tonumber(day)
  if (month and (month < 1 or month > 12)) or (day and (day < 1 or day > 31)) then
    error({ position = pos - #text, message = "impossible date " .. text }, 0)
  end
  return pos, text
end
local date = Cmt(C(digit * digit * digit * digit * (P"-" * digit * digit * (P"-" * digit * digit)^-1)^-1)
  * boundary, valid_date)
local a_date = date + expected("a date (YYYY, YYYY-MM or YYYY-MM-DD)")
local comparison = C(P">=" + P"<=" + S"<>") + Cc("=")
local date_value = (date * P".." * a_date) / filter.between
  + (comparison * a_date) / date_filter
local number = (digit^1 / tonumber) * boundary
local a_number = number + expected("a number")
local words_value = (number * P".." * a_number) / filter.words
  + (comparison * a_number) / words_filter

local fields = {
  tag = text_value / filter.tag,
  site = text_value / filter.site,
  title = text_value / filter.title,
  text = text_value / filter.text,
  byline = text_value / byline_filter,
  id = text_value / id_filter,
  date = date_value,
  words = words_value,
}

local field_name = C(R("az", "AZ", "__")^1) * P":"
local function fold(operator)
  return function(list)
    local result = list[1]
    for i = 2, #list do result = operator(result, list[i]) end
    return result
  end
end

local grammar = P {
  "query",
  query = space * (lpeg.V"or_expr" + expected("a search term")) * space
    * (-P(1) + expected("an operator or the end of the query")),
  or_expr = Ct(lpeg.V"and_expr" * (space * keyword"OR" * space
      * (lpeg.V"and_expr" + expected("a term after OR")))^0)
    / fold(function(a, b) return a + b end),
  and_expr = Ct(lpeg.V"unary" * (space * -keyword"OR" * (keyword"AND" * space)^-1 * lpeg.V"unary")^0)
    / fold(function(a, b) return a * b end),
  unary = (P"-" + keyword"NOT" * space) * (lpeg.V"unary" + expected("a term to negate")) / function(f) return -f end
    + lpeg.V"primary",
  primary = P"(" * space * (lpeg.V"or_expr" + expected("a term")) * space * (P")" + expected("')'"))
    + lpeg.V"field"
    + quoted / filter.text
    + C(bare - keyword"OR" - keyword"AND") / filter.text,
  field = Cmt(Cp() * field_name, function(subject, pos, start, name)
    local parse = fields[name:lower()]
    if not parse then
      error({ position = start,
              message = ("unknown field '%s' (known: %s)"):format(name, table.concat(query.FIELDS, ", ")) }, 0)
    end
    local value, after = lpeg.match(parse * Cp(), subject, pos)
    if not value then error({ position = pos, message = "expected a value for " .. name:lower() .. ":" }, 0) end
    return after, value
  end),
}

-- Deep nesting would exhaust LPeg's stack: refuse it first, with a column.
local function check_depth(text)
  local depth = 0
  for i = 1, #text do
    local c = text:sub(i, i)
    if c == "(" then
      depth = depth + 1
      if depth > query.MAX_DEPTH then
        return { position = i, message = ("parentheses nested deeper than %d"):format(query.MAX_DEPTH) }
      end
    elseif c == ")" then
      depth = depth - 1
    end
  end
end

--- Parses a query: the filter, or nil, a message ("column 14: expected ')'")
-- and the column (in characters).
function query.parse(text)
  if type(text) ~= "string" then error("bad argument #1 to 'query' (string expected, got " .. type(text) .. ")", 2) end
  local problem = check_depth(text)
  local ok, result
  if not problem then
    ok, result = pcall(lpeg.match, grammar, text)
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

--- Compiles a query to a filter, or raises "query: column N: ...".
function query.compile(text)
  local compiled, message = query.parse(text)
  if not compiled then error("query: " .. message, 2) end
  return compiled
end

--- The query and a caret under the column, for error messages.
function query.caret(text, column)
  return text .. "\n" .. string.rep(" ", column - 1) .. "^"
end

return query
