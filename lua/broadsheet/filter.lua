--- broadsheet.filter: predicates over records that compose with the
-- operators LPeg users know: a * b (and), a + b (or), -a (not), a - b (and
-- not). A filter is called with a record and says whether it matches.
--
-- A filter is a recipe, built into a test function against an archive's
-- context when the archive filters (filter.compile(f, env)): filter.tag
-- then compares by the slugs of the archive's tagger, and a query string
-- given to an operator is compiled by the archive's query compiler, with
-- its limits. Called directly, a filter builds against the default tagger,
-- and a query string in it needs broadsheet.query instead (this module
-- cannot compile queries: the query compiler is built on it).
local core = require "broadsheet.core"
local context = require "broadsheet.context"
local lpeg = require "lpeg"

local filter = {}

local Filter = {}
Filter.__index = Filter

-- build(env) returns the test function; env.tagger canonicalizes tags and
-- env.query (when there is one) compiles a query string to a filter.
local function new(build)
  return setmetatable({ build = build }, Filter)
end

-- A filter whose test does not depend on the context.
local function constant(test)
  return new(function() return test end)
end

function filter.is_filter(value)
  return getmetatable(value) == Filter
end

local function query_string(text)
  return new(function(env)
    if not env.query then
      error("a query string inside a filter is compiled by an archive's :filter; "
        .. "called directly, use broadsheet.query(" .. ("%q"):format(text) .. ")", 0)
    end
    return env.query(text).build(env)
  end)
end

--- A filter from a filter, a function(record) or a query string.
function filter.of(value)
  if filter.is_filter(value) then return value end
  if type(value) == "function" then return constant(value) end
  if type(value) == "string" then return query_string(value) end
  error("filter expected (a filter, a function or a query string), got " .. type(value), 3)
end

-- What a filter called directly builds against.
local function default_env()
  return { tagger = context.default().tagger }
end

--- The test function of a filter, function or query string, built against
-- env ({ tagger = ..., query = function(text) -> filter }), by default the
-- default tagger and no query compiler.
function filter.compile(value, env)
  if type(value) == "function" then return value end
  return filter.of(value).build(env or default_env())
end

Filter.__call = function(self, record)
  local test = rawget(self, "direct_test")
  if not test then
    test = self.build(default_env())
    self.direct_test = test
  end
  return test(record) and true or false
end

local function binary(a, b, combine)
  local fa, fb = filter.of(a), filter.of(b)
  return new(function(env) return combine(fa.build(env), fb.build(env)) end)
end

Filter.__mul = function(a, b)
  return binary(a, b, function(ta, tb) return function(record) return ta(record) and tb(record) end end)
end

Filter.__add = function(a, b)
  return binary(a, b, function(ta, tb) return function(record) return ta(record) or tb(record) end end)
end

Filter.__sub = function(a, b)
  return binary(a, b, function(ta, tb) return function(record) return ta(record) and not tb(record) end end)
end

Filter.__unm = function(a)
  return new(function(env)
    local ta = a.build(env)
    return function(record) return not ta(record) end
  end)
end

-- Tags ---------------------------------------------------------------------

-- The labels, checked when the filter is made; their slugs come from the
-- tagger of the context it is built against.
local function check_labels(labels)
  for _, label in ipairs(labels) do
    if type(label) ~= "string" then error("tag names must be strings, got " .. type(label), 3) end
  end
  if #labels == 0 then error("at least one tag expected", 3) end
  return labels
end

local function slugs_of(labels, tagger)
  local set, n = {}, 0
  for _, label in ipairs(labels) do
    local slug = tagger:canonical(label)
    -- "us" and "USA" are one tag: all_tags counts it once.
    if not set[slug] then n = n + 1 end
    set[slug] = true
  end
  return set, n
end

--- Has any of the tags (compared by slug after the context's aliases).
function filter.tag(...)
  local labels = check_labels { ... }
  return new(function(env)
    local wanted = slugs_of(labels, env.tagger)
    -- Numeric loops, no `or {}`: these run once per record of an archive.
    return function(record)
      local slugs = record.tags
      if not slugs then return false end
      for i = 1, #slugs do
        if wanted[slugs[i]] then return true end
      end
      return false
    end
  end)
end

--- Has all of the tags.
function filter.all_tags(...)
  local labels = check_labels { ... }
  return new(function(env)
    local wanted, n = slugs_of(labels, env.tagger)
    return function(record)
      local slugs, found = record.tags or {}, 0
      for i = 1, #slugs do
        if wanted[slugs[i]] then found = found + 1 end
      end
      return found >= n
    end
  end)
end

-- Text: case- and accent-insensitive, on whole words ---------------------

-- Phrases are looked for in words as core.words gives them (case and
-- accents folded, anything but letters and digits a space, apostrophes too,
-- so "China's" holds the word "china"), on word boundaries. core.has_words
-- folds the text as it searches and stops at the first match.
-- "cyber*" matches words starting with cyber; anything else whole words.
local function phrase_matcher(text)
  local prefix = type(text) == "string" and text:match("^(.-)%*$")
  local needle = type(text) == "string" and core.words(prefix or text)
  -- The words, not the bytes, must be there: "中国" is a word, "!!!" none.
  if not needle or needle == "" then
    error("text to look for expected, got " .. (type(text) == "string" and ("%q"):format(text) or type(text)), 3)
  end
  local has_words, is_prefix = core.has_words, prefix ~= nil
  return function(haystack) return has_words(haystack, needle, is_prefix) end
end

-- The title, then each paragraph: a phrase does not run from one into the next.
local function text_matches(record, matches)
  if record.title and matches(record.title) then return true end
  local body = record.body
  if body then
    for i = 1, #body do
      if matches(body[i]) then return true end
    end
  end
  return false
end

--- The title holds the words (or a word starting so, with a final *), or
-- matches an LPeg pattern anywhere.
function filter.title(text)
  if lpeg.type(text) == "pattern" then
    -- The position first: a pattern whose first capture is nil still matched.
    local anywhere = lpeg.P { lpeg.Cp() * text + 1 * lpeg.V(1) }
    return constant(function(record) return record.title ~= nil and anywhere:match(record.title) ~= nil end)
  end
  local matches = phrase_matcher(text)
  return constant(function(record) return record.title ~= nil and matches(record.title) end)
end

--- The title or body holds the words or phrase.
function filter.text(text)
  local matches = phrase_matcher(text)
  return constant(function(record) return text_matches(record, matches) end)
end

--- The masthead holds the words (site("stack") matches "The Stack Archive").
function filter.site(text)
  local matches = phrase_matcher(text)
  return constant(function(record) return record.site ~= nil and matches(record.site) end)
end

-- Dates and counts -----------------------------------------------------------

local DAYS = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

-- Year, month and day of YYYY, YYYY-MM or YYYY-MM-DD as numbers, the missing
-- parts nil; nil for anything else.
local function date_parts(date)
  if type(date) ~= "string" then return nil end
  local y, m, d = date:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then y, m = date:match("^(%d%d%d%d)%-(%d%d)$") end
  if not y then y = date:match("^%d%d%d%d$") end
  return tonumber(y), tonumber(m), tonumber(d)
end

--- What is wrong with a date given as YYYY, YYYY-MM or YYYY-MM-DD, or nil:
-- the month and the day must exist ("2016-13" and "2015-02-29" do not).
function filter.date_problem(date)
  local year, month, day = date_parts(date)
  if not year then return "expected YYYY, YYYY-MM or YYYY-MM-DD" end
  if month and (month < 1 or month > 12) then return "no such month" end
  local leap = year % 4 == 0 and (year % 100 ~= 0 or year % 400 == 0)
  if day and (day < 1 or day > DAYS[month] or (month == 2 and day == 29 and not leap)) then
    return "no such day"
  end
  return nil
end

local function check_date(date)
  local problem = filter.date_problem(date)
  if problem then
    error(("bad date %s: %s"):format(type(date) == "string" and ("%q"):format(date) or type(date), problem), 3)
  end
  return date
end

-- Dates compare as text at the precision given: "2016-06" covers all of June.
function filter.since(date)
  check_date(date)
  return constant(function(record) return record.date ~= nil and record.date:sub(1, #date) >= date end)
end

function filter.before(date)
  check_date(date)
  return constant(function(record) return record.date ~= nil and record.date:sub(1, #date) < date end)
end

--- From the start of first to the end of last, both included; a range
-- that ends before it starts is an error, not a filter that matches nothing.
function filter.between(first, last)
  check_date(first)
  check_date(last)
  local common = math.min(#first, #last)
  if first:sub(1, common) > last:sub(1, common) then
    error(("date range ends before it starts: %s..%s"):format(first, last), 2)
  end
  return constant(function(record)
    local date = record.date
    return date ~= nil and date:sub(1, #first) >= first and date:sub(1, #last) <= last
  end)
end

--- At least min words, and at most max when given.
function filter.words(min, max)
  if type(min) ~= "number" or (max ~= nil and type(max) ~= "number") then
    error("words(min [, max]) expects numbers", 2)
  end
  return constant(function(record)
    local n = record.words or 0
    return n >= min and (max == nil or n <= max)
  end)
end

--- Any function(record) -> boolean.
function filter.where(fn)
  if type(fn) ~= "function" then error("where(fn) expects a function, got " .. type(fn), 2) end
  return constant(fn)
end

--- Matches every record; the neutral element of *.
filter.all = constant(function() return true end)

return filter
