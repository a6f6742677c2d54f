--- broadsheet.database: an archive's records in a SQLite file (through
-- LuaDBI, Debian's lua-dbi-sqlite3), with an FTS5 index for the query
-- language's text terms (broadsheet.sql compiles queries to it). Every value
-- reaches SQLite as a bound parameter of a prepared statement.
--
-- The schema (version 2, in PRAGMA user_version) is written down in the
-- README: articles holds every record key; tags (slug, label) and
-- article_tags the tags; search, an FTS5 table with a row per article (its
-- rowid the article's key), the words of its title, site, byline and body
-- as core.words folds them, so that a phrase matches there exactly when the
-- query's filters would find it in the record, and its tags, so that a
-- query of tags and words is one MATCH. Between paragraphs stands
-- PARAGRAPH_BREAK, a token core.words never makes, so that no phrase runs
-- from one paragraph into the next.
local DBI = require "DBI"
local cjson = require "cjson"
local core = require "broadsheet.core"

local database = {}

database.VERSION = 2

-- U+E000, a private use character: core.words keeps letters and digits
-- only, so no query's words hold it; FTS5's ascii tokenizer takes it, like
-- any non-ASCII character, as a word.
local PARAGRAPH_BREAK = " \u{E000} "

-- Record keys kept in columns of their own, in the JSON format's order;
-- anything else a record holds goes, as JSON, into `extra`.
local COLUMNS = { "site", "title", "date", "date_text", "byline", "caption", "url", "lang", "description",
                  "fetched", "footer", "source", "words" }
local LIST_KEYS = { body = true, tags = true, tag_labels = true, warnings = true }
local KNOWN = { body = true, tags = true, tag_labels = true, warnings = true, id = true }
for _, column in ipairs(COLUMNS) do KNOWN[column] = true end

-- The search table's columns and tokenizer, for the schema and the upgrade.
local SEARCH_TABLE = "USING fts5 (title, body, site, byline, tags, tokenize = 'ascii')"

local SCHEMA = {
  [[CREATE TABLE articles (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    site TEXT, title TEXT, date TEXT, date_text TEXT, byline TEXT, caption TEXT,
    url TEXT, lang TEXT, description TEXT, fetched TEXT, footer TEXT, source TEXT,
    words INTEGER,
    body TEXT,
    warnings TEXT,
    extra TEXT)]],
  "CREATE INDEX articles_date ON articles (date)",
  "CREATE INDEX articles_position ON articles (position)",
  "CREATE TABLE tags (slug TEXT PRIMARY KEY, label TEXT NOT NULL)",
  [[CREATE TABLE article_tags (
    article INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    slug TEXT NOT NULL REFERENCES tags (slug),
    label TEXT,
    PRIMARY KEY (article, position))]],
  "CREATE INDEX article_tags_slug ON article_tags (slug, article)",
  "CREATE VIRTUAL TABLE search " .. SEARCH_TABLE,
  "PRAGMA user_version = " .. database.VERSION,
}

-- Version 1 had no tags in the search table: an export into such a file
-- adds them from article_tags, in the export's transaction, each token
-- made in SQL as database.tag_token makes it.
local UPGRADE_FROM_1 = {
  "CREATE VIRTUAL TABLE search_2 " .. SEARCH_TABLE,
  [[INSERT INTO search_2 (rowid, title, body, site, byline, tags)
    SELECT s.rowid, s.title, s.body, s.site, s.byline,
      (SELECT group_concat(lower(hex(slug)), ' ') FROM article_tags WHERE article = s.rowid)
    FROM search s]],
  "DROP TABLE search",
  "ALTER TABLE search_2 RENAME TO search",
  "PRAGMA user_version = " .. database.VERSION,
}

--- A tag as the search table's tags column holds it: the slug's bytes in
-- hexadecimal, one token for FTS5's ascii tokenizer whatever the slug holds.
function database.tag_token(slug)
  return (slug:gsub(".", function(c) return ("%02x"):format(c:byte()) end))
end

local Database = {}
Database.__index = Database

-- A prepared statement per SQL text, prepared once for the connection.
function Database:statement(sql)
  local statement = self.statements[sql]
  if statement then return statement end
  local err
  statement, err = self.connection:prepare(sql)
  if not statement then error(("%s: %s"):format(self.path, err), 0) end
  self.statements[sql] = statement
  return statement
end

--- Runs a statement with its parameters; returns the statement, for fetching.
function Database:run(sql, ...)
  local statement = self:statement(sql)
  local ok, err = statement:execute(...)
  if not ok then error(("%s: %s"):format(self.path, err), 0) end
  return statement
end

--- The first column of the first row of a query, or nil.
function Database:value(sql, ...)
  local row = self:run(sql, ...):fetch(false)
  return row and row[1]
end

--- Every row of a query, as tables keyed by column name.
function Database:rows(sql, ...)
  local list = {}
  for row in self:run(sql, ...):rows(true) do list[#list + 1] = row end
  return list
end

function Database:close()
  for _, statement in pairs(self.statements) do statement:close() end
  self.statements = {}
  self.connection:close()
end

-- The schema version of an archive database, or nil for a file without one.
local function version_of(self)
  local version = self:value("PRAGMA user_version")
  if version == 0 and not self:value("SELECT 1 FROM sqlite_master WHERE name = 'articles'") then
    return nil
  end
  return version
end

local function check_version(self, upgradable)
  local version = version_of(self)
  if version == nil or version == database.VERSION or (upgradable and version == 1) then return version end
  local upgrade = version == 1 and "; an export into it (broadsheet export -f sqlite -o FILE) upgrades it" or ""
  error(("%s: an archive database of schema version %s, this broadsheet reads version %d%s")
    :format(self.path, tostring(version), database.VERSION, upgrade), 0)
end

--- Opens a database: opts.create makes the schema in a new or empty file;
-- otherwise the file must be an archive database of this schema version.
function database.open(path, opts)
  opts = opts or {}
  if not opts.create then
    local file, err = io.open(path, "rb")
    if not file then error(err, 0) end
    file:close()
  end
  local connection, err = DBI.Connect("SQLite3", path)
  if not connection then error(("%s: %s"):format(path, err), 0) end
  -- Transactions are ours (BEGIN ... COMMIT), not LuaDBI's implicit ones.
  connection:autocommit(true)
  local self = setmetatable({ path = path, connection = connection, statements = {} }, Database)
  local ok, version = pcall(check_version, self, opts.create)
  if not ok then
    self:close()
    error(version, 0)
  end
  if version == nil and not opts.create then
    self:close()
    error(path .. ": not an archive database (no articles table)", 0)
  end
  if version ~= database.VERSION then
    self:transaction(function()
      for _, statement in ipairs(version == 1 and UPGRADE_FROM_1 or SCHEMA) do self:run(statement) end
    end)
  end
  return self
end

--- Runs fn inside a transaction: committed when it returns, rolled back
-- (the database as it was) when it raises, the error raised again.
function Database:transaction(fn)
  self:run("BEGIN IMMEDIATE")
  local ok, err = pcall(fn)
  if ok then
    self:run("COMMIT")
    return
  end
  pcall(self.run, self, "ROLLBACK")
  error(err, 0)
end

local function json_or_nil(value)
  if value == nil then return nil end
  return cjson.encode(value)
end

local function extra_keys(record)
  local extra
  for key, value in pairs(record) do
    if type(key) == "string" and not KNOWN[key] then
      extra = extra or {}
      extra[key] = value
    end
  end
  return extra
end

local UPSERT = ("INSERT INTO articles (id, position, %s, body, warnings, extra) VALUES (?, ?%s, ?, ?, ?)"
  .. " ON CONFLICT (id) DO UPDATE SET %s, body = excluded.body,"
  .. " warnings = excluded.warnings, extra = excluded.extra RETURNING key")
  :format(table.concat(COLUMNS, ", "), (", ?"):rep(#COLUMNS),
    (function()
      local sets = {}
      for i, column in ipairs(COLUMNS) do sets[i] = ("%s = excluded.%s"):format(column, column) end
      return table.concat(sets, ", ")
    end)())

local function column_values(record)
  local values = {}
  for i, column in ipairs(COLUMNS) do
    local value = record[column]
    -- JSON Lines give numbers as floats: 138.0 is the count 138.
    if column == "words" and type(value) == "number" then value = math.tointeger(value) or value end
    local fits = value == nil or (column == "words" and math.type(value) == "integer")
      or (column ~= "words" and type(value) == "string")
    if not fits then
      error(("record %s: %s must be a %s, got %s"):format(tostring(record.id), column,
        column == "words" and "whole number" or "string", type(value)), 0)
    end
    values[i] = value
  end
  return values
end

local function words_or_nil(text)
  if type(text) ~= "string" then return nil end
  return core.words(text)
end

-- An article's tags, replacing the old ones; returns their search tokens.
local function index_tags(self, key, record)
  self:run("DELETE FROM article_tags WHERE article = ?", key)
  local labels, tokens = record.tag_labels or {}, {}
  for i, slug in ipairs(record.tags or {}) do
    if type(slug) ~= "string" then error(("record %s: tags must be strings"):format(record.id), 0) end
    local label = type(labels[i]) == "string" and labels[i] or nil
    self:run("INSERT INTO tags (slug, label) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING", slug, label or slug)
    self:run("INSERT INTO article_tags (article, position, slug, label) VALUES (?, ?, ?, ?)", key, i, slug, label)
    tokens[i] = database.tag_token(slug)
  end
  return tokens
end

-- An article's search row, the old one replaced.
local function index_text(self, key, record, existed, tag_tokens)
  if existed then self:run("DELETE FROM search WHERE rowid = ?", key) end
  local words = {}
  for i, paragraph in ipairs(record.body or {}) do
    if type(paragraph) ~= "string" then error(("record %s: body must hold strings"):format(record.id), 0) end
    words[i] = core.words(paragraph)
  end
  self:run("INSERT INTO search (rowid, title, body, site, byline, tags) VALUES (?, ?, ?, ?, ?, ?)", key,
    words_or_nil(record.title), table.concat(words, PARAGRAPH_BREAK), words_or_nil(record.site),
    words_or_nil(record.byline), table.concat(tag_tokens, " "))
end

-- LuaDBI reads text back only up to a NUL byte: such bytes are dropped on
-- the way in, and the record says so, as the parser does for its input.
local function without_nul(record)
  local dropped = 0
  local function clean(value)
    if type(value) ~= "string" or not value:find("\0", 1, true) then return value end
    local cleaned, n = value:gsub("%z", "")
    dropped = dropped + n
    return cleaned
  end
  local copy = {}
  for key, value in pairs(record) do
    -- Other keys go in as JSON, where a NUL is the escape \u0000.
    if type(value) == "table" and LIST_KEYS[key] then
      local list = {}
      for i, item in ipairs(value) do list[i] = clean(item) end
      copy[key] = list
    else
      copy[key] = KNOWN[key] and clean(value) or value
    end
  end
  if dropped == 0 then return record end
  copy.warnings = copy.warnings or {}
  copy.warnings[#copy.warnings + 1] = ("NUL bytes dropped (%d)"):format(dropped)
  return copy
end

--- The position after the last article's, for an export that adds articles.
function Database:next_position()
  return (self:value("SELECT max(position) FROM articles") or 0) + 1
end

--- Writes a record: a new id is added at position (the order articles are
-- listed in), a known one replaced where it was.
function Database:put(record, position)
  if record.id == nil then
    -- As one-file-per-article exports name such a record: by its text.
    local body = type(record.body) == "table" and table.concat(record.body, "\n") or ""
    local copy = {}
    for key, value in pairs(record) do copy[key] = value end
    copy.id = core.hash(tostring(record.title or "") .. "\n" .. body)
    record = copy
  end
  if type(record.id) ~= "string" or record.id == "" then
    error(("%s: an article's id must be a string"):format(tostring(record.source or "record")), 0)
  end
  record = without_nul(record)
  if record.body ~= nil and type(record.body) ~= "table" then
    error(("record %s: body must be a list of paragraphs"):format(record.id), 0)
  end
  local values = column_values(record)
  local body = record.body and table.concat(record.body, "\n\n")
  local n = #COLUMNS
  values[n + 1], values[n + 2], values[n + 3] = body, json_or_nil(record.warnings), json_or_nil(extra_keys(record))
  local existed = self:value("SELECT 1 FROM articles WHERE id = ?", record.id) ~= nil
  local key = self:value(UPSERT, record.id, position, table.unpack(values, 1, n + 3))
  index_text(self, key, record, existed, index_tags(self, key, record))
end

-- An article's tags, as JSON arrays in their order: slugs, and labels.
local TAG_SLUGS = "(SELECT json_group_array(slug) FROM (SELECT slug FROM article_tags t WHERE t.article = a.key"
  .. " ORDER BY t.position)) AS tag_slugs"
local TAG_LABELS = "(SELECT json_group_array(label) FROM (SELECT label FROM article_tags t"
  .. " WHERE t.article = a.key ORDER BY t.position)) AS tag_label_list"

-- The columns a record is rebuilt from, the tags as JSON arrays.
database.RECORD_COLUMNS = "a.key, a.id, a." .. table.concat(COLUMNS, ", a.") .. ", a.body, a.warnings, a.extra, "
  .. TAG_SLUGS .. ", " .. TAG_LABELS

-- The columns holding each record key; the others are in `extra`.
local COLUMNS_OF = { id = { "a.id" }, body = { "a.body" }, warnings = { "a.warnings" }, tags = { TAG_SLUGS },
                     tag_labels = { TAG_SLUGS, TAG_LABELS } }
for _, column in ipairs(COLUMNS) do COLUMNS_OF[column] = { "a." .. column } end

--- The columns that rebuild at least the record keys listed (all of a
-- record without a list): a listing of ids and titles need not read bodies;
-- and whether they hold the bodies.
function database.columns(keys)
  if not keys then return database.RECORD_COLUMNS, true end
  local list, seen = { "a.key" }, {}
  for _, key in ipairs(keys) do
    for _, column in ipairs(COLUMNS_OF[key] or { "a.extra" }) do
      if not seen[column] then
        seen[column] = true
        list[#list + 1] = column
      end
    end
  end
  return table.concat(list, ", "), seen["a.body"] == true
end

-- The paragraphs between blank lines, found as plain text: a pattern's
-- lazy "(.-)\n\n" tries every byte of a body, which made splitting
-- bodies most of the cost of reading records back.
local function paragraphs(body)
  local list, start = {}, 1
  if body == "" then return list end
  while true do
    local blank = body:find("\n\n", start, true)
    if not blank then
      list[#list + 1] = body:sub(start)
      return list
    end
    list[#list + 1] = body:sub(start, blank - 1)
    start = blank + 2
  end
end

--- The record a row of RECORD_COLUMNS holds, as the archive gave it.
function database.record(row)
  local record = {}
  if row.extra then
    for key, value in pairs(cjson.decode(row.extra)) do record[key] = value end
  end
  for _, column in ipairs(COLUMNS) do record[column] = row[column] end
  record.id = row.id
  if row.body then record.body = paragraphs(row.body) end
  if row.warnings then record.warnings = cjson.decode(row.warnings) end
  local slugs = cjson.decode(row.tag_slugs or "[]")
  if #slugs > 0 then record.tags = slugs end
  -- Labels were stored as given: none (null) when the record had none.
  local labels, any = cjson.decode(row.tag_label_list or "[]"), false
  for i, label in ipairs(labels) do
    if label == cjson.null then labels[i] = slugs[i] else any = true end
  end
  if any then record.tag_labels = labels end
  return record
end

--- The records matching a WHERE clause over `articles a` (from
-- broadsheet.sql) with its parameters, in opts.order (default: the archive's
-- order), opts.limit and opts.offset.
function Database:select(where, params, opts)
  opts = opts or {}
  local sql = ("SELECT %s FROM articles a WHERE %s ORDER BY %s LIMIT ? OFFSET ?"):format(database.RECORD_COLUMNS,
    where, opts.order or "a.position, a.key")
  local args = table.move(params, 1, #params, 1, {})
  args[#args + 1], args[#args + 2] = opts.limit or -1, opts.offset or 0
  local records = {}
  for _, row in ipairs(self:rows(sql, table.unpack(args))) do records[#records + 1] = database.record(row) end
  return records
end

-- How many records each() fetches at a time.
local BATCH = 256

-- Rows without bodies, sorted whole by SQLite, one at a time.
local function each_narrow(self, where, params, columns)
  local statement, err = self.connection:prepare(("SELECT %s FROM articles a WHERE %s ORDER BY a.position, a.key")
    :format(columns, where))
  if not statement then error(("%s: %s"):format(self.path, err), 0) end
  local ok, failure = statement:execute(table.unpack(params))
  if not ok then error(("%s: %s"):format(self.path, failure), 0) end
  local next_row = statement:rows(true)
  return function()
    local row = next_row()
    if row then return database.record(row) end
    statement:close()
  end
end

--- The same records one at a time, for a generic for, in the archive's
-- order; with a list of record keys, records holding at least those
-- (database.columns). Rows without bodies are sorted as they are; with
-- bodies, the keys of the matches are sorted first and the records fetched
-- by key, BATCH at a time: sorting the whole rows cost more than the query.
function Database:each(where, params, keys)
  local columns, with_bodies = database.columns(keys)
  if not with_bodies then return each_narrow(self, where, params, columns) end
  local matches = {}
  for row in self:run(("SELECT a.key FROM articles a WHERE %s ORDER BY a.position, a.key"):format(where),
    table.unpack(params)):rows(false) do
    matches[#matches + 1] = row[1]
  end
  local batch, i = {}, 0
  return function()
    i = i + 1
    local in_batch = (i - 1) % BATCH + 1
    if in_batch == 1 and matches[i] then
      batch = self:records(table.move(matches, i, math.min(i + BATCH - 1, #matches), 1, {}), columns)
    end
    return matches[i] and batch[in_batch]
  end
end

--- Newest first, undated last (SQLite sorts NULL first), then by key: the
-- date index (articles_date: date and key) read backwards.
database.NEWEST_FIRST = "a.date DESC, a.key DESC"

--- How far newest() counts a clause's articles: it says MOST_COUNTED + 1
-- for a clause that selects more.
database.MOST_COUNTED = 2000

-- A clause that selects no more than MOST_COUNTED articles is read through
-- its own indexes (the full-text rows, a tag's articles), which find them
-- all, then sorted by date, which fetches each from the articles table; one
-- that selects more, through the date index read backwards (it holds date
-- and key), each article tested there as it comes, which stops after a page:
-- a common word costs a page, not a fetch and sort of all its articles.
local BY_OWN_INDEXES, BY_DATE_INDEX = "articles a", "articles a INDEXED BY articles_date"

-- How many articles a clause selects, up to MOST_COUNTED + 1.
local function count_at_most(self, where, params)
  local args = table.move(params, 1, #params, 1, {})
  args[#args + 1] = database.MOST_COUNTED + 1
  return self:value(("SELECT count(*) FROM (SELECT 1 FROM articles a WHERE %s LIMIT ?)"):format(where),
    table.unpack(args))
end

local function newest_keys(self, count, where, params, limit, offset)
  local source = count <= database.MOST_COUNTED and BY_OWN_INDEXES or BY_DATE_INDEX
  local args = table.move(params, 1, #params, 1, {})
  args[#args + 1], args[#args + 2] = limit, offset
  local keys = {}
  for row in self:run(("SELECT a.key FROM %s WHERE %s ORDER BY %s LIMIT ? OFFSET ?")
    :format(source, where, database.NEWEST_FIRST), table.unpack(args)):rows(true) do
    keys[#keys + 1] = row.key
  end
  return keys
end

--- The keys of `limit` articles a WHERE clause selects, from `offset`,
-- newest first, and how many it selects up to MOST_COUNTED + 1 (count,
-- that number from an earlier call, is not counted again).
function Database:newest(where, params, limit, offset, count)
  count = count or count_at_most(self, where, params)
  return newest_keys(self, count, where, params, limit, offset), count
end

--- The keys of the newest MOST_COUNTED + 1 articles a WHERE clause selects
-- (all of them when it selects no more), newest first: every page a reader
-- can count through, and the count. A clause that reads indexes only
-- (indexed, as sql.indexed says) is one walk down the date index, which
-- tests each article against the clause's lists of tag and full-text rows
-- without fetching it: counting first built those lists once more. Other
-- clauses fetch an article per test, and are counted first, as by newest().
function Database:newest_list(where, params, indexed)
  local count = not indexed and count_at_most(self, where, params) or database.MOST_COUNTED + 1
  return newest_keys(self, count, where, params, database.MOST_COUNTED + 1, 0)
end

--- The records of the newest `limit` articles a WHERE clause selects.
function Database:first(where, params, limit)
  return self:records((self:newest(where, params, limit, 0)))
end

--- The records of a list of keys, in that order (with columns, made of
-- those: database.columns). The keys go in as one JSON array, so that any
-- number of them is one prepared statement.
function Database:records(keys, columns)
  if #keys == 0 then return {} end
  local places = {}
  for i, key in ipairs(keys) do places[key] = i end
  local records = {}
  local by_key = ("SELECT %s FROM articles a WHERE a.key IN (SELECT value FROM json_each(?))")
    :format(columns or database.RECORD_COLUMNS)
  for row in self:run(by_key, cjson.encode(keys)):rows(true) do records[places[row.key]] = database.record(row) end
  return records
end

--- How many articles match a WHERE clause.
function Database:count(where, params)
  return self:value("SELECT count(*) FROM articles a WHERE " .. where, table.unpack(params))
end

return database
