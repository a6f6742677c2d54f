--- broadsheet.sql: compiles a query's tree (broadsheet.query) to a WHERE
-- clause over an archive database's `articles a` (broadsheet.database) and
-- its parameters, matching the records the same query's filter matches:
-- text and tag terms become FTS5 MATCH on the folded words and the tag
-- tokens, dates the indexed column. Every value is a parameter, never part
-- of the SQL text.
local context = require "broadsheet.context"
local database = require "broadsheet.database"
local filter = require "broadsheet.filter"

local sql = {}

-- Where each text field's words are in the search table.
local COLUMNS = { text = "{title body}", title = "title", site = "site", byline = "byline" }

-- A byte above any a date holds: date:sub(1, #d) <= d is date < d .. TOP.
local TOP = "\255"

local MATCH = "a.key IN (SELECT rowid FROM search WHERE search MATCH ?)"

-- What the search table answers: tags and text terms.
local function is_term(node)
  return node.op == "tag" or COLUMNS[node.op] ~= nil
end

-- A term as FTS5 reads it: a tag's token (broadsheet.database), or a phrase
-- of core.words' words (letters and digits only, so nothing in them needs
-- quoting), its last word a prefix when asked.
local function term(node, opts)
  if node.op == "tag" then
    return ('tags : "%s"'):format(database.tag_token((opts.tagger or context.default().tagger):canonical(node.text)))
  end
  local needle, is_prefix = filter.phrase(node.text)
  return ('%s : "%s"%s'):format(COLUMNS[node.op], needle, is_prefix and " *" or "")
end

local function term_clause(node, params, opts)
  params[#params + 1] = term(node, opts)
  return MATCH
end

-- Date comparisons at the precision given, as the filters make them: the
-- date's first #d characters against d are the whole date against d, or
-- against d .. TOP for "at most". A missing date is false, never NULL, so
-- that NOT keeps it.
local function date_range(params, first, last)
  params[#params + 1], params[#params + 2] = first, last .. TOP
  return "(a.date IS NOT NULL AND a.date >= ? AND a.date < ?)"
end

local function date_clause(node, params)
  if node.first then return date_range(params, node.first, node.last) end
  local cmp, day = node.cmp, node.date
  if cmp == "<=" then return date_range(params, "0000", day) end
  if cmp == "=" then return date_range(params, day, day) end
  local operators = { [">="] = ">=", ["<"] = "<", [">"] = ">=" }
  params[#params + 1] = cmp == ">" and day .. TOP or day
  return ("(a.date IS NOT NULL AND a.date %s ?)"):format(operators[cmp])
end

local COMPILERS

local function compile(node, params, opts)
  return COMPILERS[node.op](node, params, opts)
end

-- A list as a balanced tree of parentheses, since SQLite limits how deep an
-- expression may nest (1000) and a query may hold thousands of terms.
local function join(list, params, opts, operator, first, last)
  if first == last then return compile(list[first], params, opts) end
  local middle = (first + last) // 2
  return ("(%s %s %s)"):format(join(list, params, opts, operator, first, middle), operator,
    join(list, params, opts, operator, middle + 1, last))
end

-- A list's terms go to the search table as one MATCH, which FTS5 answers
-- by reading their rows side by side, skipping ahead where it can: apart,
-- each would list all of its articles first ('tag:us the' would list every
-- article holding "the"). Its other clauses are SQL around that MATCH.
local function list_clause(node, params, opts, operator)
  local terms, others = {}, {}
  for _, child in ipairs(node) do
    if is_term(child) then terms[#terms + 1] = term(child, opts) else others[#others + 1] = child end
  end
  if #terms > 0 then
    others[#others + 1] = { op = "match", expression = table.concat(terms, " " .. operator .. " ") }
  end
  return join(others, params, opts, operator, 1, #others)
end

COMPILERS = {
  ["and"] = function(node, params, opts) return list_clause(node, params, opts, "AND") end,
  ["or"] = function(node, params, opts) return list_clause(node, params, opts, "OR") end,
  ["not"] = function(node, params, opts) return "NOT " .. compile(node[1], params, opts) end,
  match = function(node, params)
    params[#params + 1] = node.expression
    return MATCH
  end,
  tag = term_clause,
  text = term_clause,
  title = term_clause,
  site = term_clause,
  byline = term_clause,
  id = function(node, params)
    params[#params + 1] = node.id
    return "a.id = ?"
  end,
  date = date_clause,
  words = function(node, params)
    params[#params + 1] = node.min
    if not node.max then return "coalesce(a.words, 0) >= ?" end
    params[#params + 1] = node.max
    return "(coalesce(a.words, 0) >= ? AND coalesce(a.words, 0) <= ?)"
  end,
}

--- The WHERE clause and the list of its parameters for a query's tree;
-- opts.tagger makes tag slugs (default: the default context's, as filters'
-- default).
function sql.where(tree, opts)
  local params = {}
  local clause = compile(tree, params, opts or {})
  return clause, params
end

-- Clause kinds that an archive database answers from its indexes alone
-- (broadsheet.database): a tag's articles, the full-text rows, the dates.
local INDEXED = { tag = true, text = true, title = true, site = true, byline = true, date = true }

--- Whether every clause of a tree is answered from the database's indexes,
-- without reading the articles' rows.
function sql.indexed(tree)
  if tree.op == "and" or tree.op == "or" or tree.op == "not" then
    for _, node in ipairs(tree) do
      if not sql.indexed(node) then return false end
    end
    return true
  end
  return INDEXED[tree.op] == true
end

--- The text fields' phrases in a tree, for showing where a result matched:
-- { { needle, is_prefix }, ... }, leaving out the negated ones.
function sql.phrases(tree, list)
  list = list or {}
  if tree.op == "and" or tree.op == "or" then
    for _, node in ipairs(tree) do sql.phrases(node, list) end
  elseif tree.op == "text" then
    local needle, is_prefix = filter.phrase(tree.text)
    list[#list + 1] = { needle, is_prefix }
  end
  return list
end

return sql
