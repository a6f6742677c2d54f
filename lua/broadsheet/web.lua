--- broadsheet.web: the archive browser, request -> response, over an
-- archive database (broadsheet.database). web.respond knows nothing of the
-- server; web.magnet answers a lighttpd mod_magnet request with it.
--   /                 a search form, the archive's counts, the latest articles
--   /search?q=&page=  results (400 with the message and a caret for a bad query)
--   /article/ID       one article (404 when unknown)
--   /tag/SLUG         the articles with a tag
--   /feed.atom?q=     the articles a query matches, as an Atom feed
-- Plain HTML and CSS, no JavaScript; everything shown is escaped.
local core = require "broadsheet.core"
local database = require "broadsheet.database"
local escape = require "broadsheet.formats.escape"
local formats = require "broadsheet.formats"
local query = require "broadsheet.query"
local sql = require "broadsheet.sql"
local page = require "broadsheet.web.page"

local web = {}

web.PAGE_SIZE = 20
web.FEED_SIZE = 50
local LATEST = 10

local h = escape.xml

-- Databases stay open between requests: mod_magnet keeps package.loaded,
-- and so this module's upvalues, for the life of the server.
local open_databases = {}
local function database_at(path)
  local db = open_databases[path]
  if not db then
    db = database.open(path)
    open_databases[path] = db
  end
  return db
end

local function decode(text)
  return (text:gsub("+", " "):gsub("%%(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end))
end

--- The parameters of a query string: { q = "...", page = "2" } (the first of each).
function web.parameters(query_string)
  local params = {}
  for pair in (query_string or ""):gmatch("[^&]+") do
    local key, value = pair:match("^([^=]*)=?(.*)$")
    key = decode(key)
    if params[key] == nil then params[key] = decode(value) end
  end
  return params
end

local function encode(text)
  return (text:gsub("[^%w%-._~]", function(c) return ("%%%02X"):format(c:byte()) end))
end

local function html(status, title, body, opts)
  return status, { ["Content-Type"] = "text/html; charset=utf-8" }, page.render(title, body, opts)
end

local function not_found(what)
  return html(404, "Not found", "<h1>Not found</h1>\n<p>" .. h(what) .. "</p>\n")
end

-- The tags of a record as links.
local function tag_links(record)
  local links = {}
  for i, slug in ipairs(record.tags or {}) do
    links[i] = ('<a class="tag" href="/tag/%s">%s</a>'):format(encode(slug), h(record.tag_labels[i] or slug))
  end
  if #links == 0 then return "" end
  return '<span class="tags">' .. table.concat(links, " ") .. "</span>"
end

-- The first paragraph holding one of the phrases (the first paragraph
-- without any), cut at a word near 240 bytes.
local function snippet(record, phrases)
  local body = record.body or {}
  local chosen = body[1]
  for _, paragraph in ipairs(body) do
    local found = false
    for _, phrase in ipairs(phrases) do
      if core.has_words(paragraph, phrase[1], phrase[2]) then found = true break end
    end
    if found then chosen = paragraph break end
  end
  if not chosen then return "" end
  if #chosen > 240 then
    local cut = chosen:sub(1, 240):match("^(.*)%s")
    -- No space (CJK text): cut between characters, never inside one.
    chosen = (cut or chosen:sub(1, (utf8.offset(chosen, 80) or 240) - 1)) .. " …"
  end
  return h(chosen)
end

local function result_list(records, phrases)
  if #records == 0 then return "<p>No articles.</p>\n" end
  local items = {}
  for i, record in ipairs(records) do
    items[i] = ('<li><a class="title" href="/article/%s">%s</a>\n<div class="meta">%s %s</div>\n<p>%s</p></li>')
      :format(encode(record.id), h(record.title or "(no title)"), h(record.date or "undated"), tag_links(record),
        snippet(record, phrases))
  end
  return '<ol class="results">\n' .. table.concat(items, "\n") .. "\n</ol>\n"
end

local function page_number(params)
  local n = math.tointeger(tonumber(params.page or "1"))
  if not n or n < 1 then return 1 end
  return n
end

-- Does a count of database:newest's stand for more than it counted?
local function uncounted(total)
  return total > database.MOST_COUNTED
end

-- How many results: "12 results", or "more than 2000 results" past what is counted.
local function results(total)
  if uncounted(total) then return ("more than %d results"):format(database.MOST_COUNTED) end
  return ("%d result%s"):format(total, total == 1 and "" or "s")
end

-- Links to the pages before and after page number of `shown` records;
-- past what is counted, there is an older page as long as this one is full.
local function pager(base, number, total, shown)
  local pages = math.max(1, (total + web.PAGE_SIZE - 1) // web.PAGE_SIZE)
  local older = number < pages
  local where = ("page %d of %d"):format(math.min(number, pages), pages)
  if uncounted(total) then
    older, where = shown == web.PAGE_SIZE, ("page %d"):format(number)
  end
  local links = {}
  if number > 1 then links[#links + 1] = ('<a rel="prev" href="%spage=%d">← newer</a>'):format(base, number - 1) end
  links[#links + 1] = where
  if older then links[#links + 1] = ('<a rel="next" href="%spage=%d">older →</a>'):format(base, number + 1) end
  return '<nav class="pager">' .. table.concat(links, " ") .. "</nav>\n"
end

-- What changes when another connection (an export) has written the file.
local function version_of(db)
  return db:value("PRAGMA data_version")
end

-- The newest keys and pages of recent queries, so that paging through
-- results, or many readers asking the same, costs a page's records rather
-- than the whole query: CACHED of them (a query's newest MOST_COUNTED + 1
-- keys, or a page's keys past those), dropped oldest first, and all when
-- the database changes.
local CACHED = 256
local cache = { entries = {}, order = {}, changed = nil }

local function cached(db, id)
  local changed = version_of(db)
  if cache.changed ~= changed or cache.path ~= db.path then
    cache = { entries = {}, order = {}, changed = changed, path = db.path }
  end
  return cache.entries[id]
end

local function remember(id, value)
  if cache.entries[id] == nil then cache.order[#cache.order + 1] = id end
  cache.entries[id] = value
  if #cache.order > CACHED then cache.entries[table.remove(cache.order, 1)] = nil end
end

-- A page of the records a WHERE clause selects, newest first, and how many
-- it selects; indexed says the clause reads indexes only (sql.indexed).
local function paged(db, where, params, number, indexed)
  local query_id = where .. "\0" .. table.concat(params, "\0")
  local newest = cached(db, query_id)
  if not newest then
    newest = db:newest_list(where, params, indexed)
    remember(query_id, newest)
  end
  local total, offset = #newest, (number - 1) * web.PAGE_SIZE
  if offset + web.PAGE_SIZE <= total or not uncounted(total) then
    return db:records(table.move(newest, offset + 1, math.min(offset + web.PAGE_SIZE, total), 1, {})), total
  end
  local page_id = query_id .. "\0page " .. number
  local keys = cached(db, page_id)
  if not keys then
    keys = db:newest(where, params, web.PAGE_SIZE, offset, total)
    remember(page_id, keys)
  end
  return db:records(keys), total
end

local function bad_query(text, message, column)
  local body = ('<h1>Malformed query</h1>\n<p class="error">%s</p>\n<pre class="caret">%s</pre>\n'):format(
    h(message), h(query.caret(text, column)))
  return html(400, "Malformed query", body, { q = text })
end

local routes = {}

-- The archive's counts read every row: kept until the file changes.
local counted = {}
local function counts_of(db)
  local changed = version_of(db)
  local kept = counted[db.path]
  if kept and kept.changed == changed then return kept end
  kept = db:rows("SELECT count(*) AS articles, sum(words) AS words, min(date) AS first,"
    .. " max(date) AS last, (SELECT count(*) FROM tags) AS tags FROM articles")[1]
  kept.changed = changed
  counted[db.path] = kept
  return kept
end

function routes.home(db)
  local counts = counts_of(db)
  local latest = db:first("1", {}, LATEST)
  local body = ('<p class="counts">%d articles, %d words, %d tags; %s to %s</p>\n<h2>Latest</h2>\n%s'):format(
    counts.articles, counts.words or 0, counts.tags, h(counts.first or "-"), h(counts.last or "-"),
    result_list(latest, {}))
  return html(200, "Archive", body)
end

function routes.search(db, params)
  local text = params.q or ""
  if text:match("^%s*$") then return routes.home(db) end
  local tree, message, column = query.tree(text)
  if not tree then return bad_query(text, message, column) end
  local where, args = sql.where(tree)
  local number = page_number(params)
  local records, total = paged(db, where, args, number, sql.indexed(tree))
  local body = ('<h1>%s for <q>%s</q></h1>\n%s%s<p><a href="/feed.atom?q=%s">Atom feed</a></p>\n')
    :format(results(total), h(text), result_list(records, sql.phrases(tree)),
      pager("/search?q=" .. encode(text) .. "&amp;", number, total, #records), encode(text))
  return html(200, text .. " - search", body, { q = text })
end

function routes.article(db, _, id)
  local record = db:select("a.id = ?", { id }, { limit = 1 })[1]
  if not record then return not_found("No article with the id " .. id .. ".") end
  local parts = { ("<article>\n<h1>%s</h1>\n"):format(h(record.title or "(no title)")) }
  local meta = {}
  for _, key in ipairs { "date_text", "byline", "caption", "site" } do
    if record[key] then meta[#meta + 1] = ('<span class="%s">%s</span>'):format(key, h(record[key])) end
  end
  parts[#parts + 1] = '<div class="meta">' .. table.concat(meta, " · ") .. "</div>\n"
  for _, paragraph in ipairs(record.body or {}) do parts[#parts + 1] = "<p>" .. h(paragraph) .. "</p>\n" end
  parts[#parts + 1] = tag_links(record) .. "\n"
  -- Only web addresses become links: a javascript: URL from an archive never does.
  if record.url and record.url:match("^https?://") then
    parts[#parts + 1] = ('<p><a href="%s">original</a></p>\n'):format(h(record.url))
  end
  parts[#parts + 1] = "</article>\n"
  return html(200, record.title or id, table.concat(parts))
end

function routes.tag(db, params, slug)
  local label = db:value("SELECT label FROM tags WHERE slug = ?", slug)
  if not label then return not_found("No tag " .. slug .. ".") end
  local number = page_number(params)
  local records, total = paged(db, "a.key IN (SELECT article FROM article_tags WHERE slug = ?)", { slug }, number, true)
  local body = ("<h1>%s</h1>\n%s%s"):format(h(label), result_list(records, {}),
    pager("/tag/" .. encode(slug) .. "?", number, total, #records))
  return html(200, label, body)
end

function routes.feed(db, params)
  local text = params.q or ""
  local where, args = "1", {}
  if not text:match("^%s*$") then
    local tree, message, column = query.tree(text)
    if not tree then
      return 400, { ["Content-Type"] = "text/plain; charset=utf-8" },
        ("query: %s\n%s\n"):format(message, query.caret(text, column))
    end
    where, args = sql.where(tree)
  end
  local records = db:first(where, args, web.FEED_SIZE)
  local parts = {}
  local out = { write = function(self, ...) for _, s in ipairs { ... } do parts[#parts + 1] = s end return self end }
  local i = 0
  formats.export("atom", function() i = i + 1 return records[i] end, out,
    { title = text ~= "" and ("broadsheet: " .. text) or "broadsheet" })
  return 200, { ["Content-Type"] = "application/atom+xml; charset=utf-8" }, table.concat(parts)
end

--- The response to a request: status, headers and body. db_path names the
-- archive database; path is the decoded URL path, query_string the raw query.
function web.respond(db_path, method, path, query_string)
  if method ~= "GET" and method ~= "HEAD" then
    return 405, { ["Content-Type"] = "text/plain; charset=utf-8", Allow = "GET, HEAD" }, "GET or HEAD only\n"
  end
  local db = database_at(db_path)
  local params = web.parameters(query_string)
  if path == "/" then return routes.home(db) end
  if path == "/search" then return routes.search(db, params) end
  if path == "/feed.atom" then return routes.feed(db, params) end
  local id = path:match("^/article/([^/]+)$")
  if id then return routes.article(db, params, id) end
  local slug = path:match("^/tag/([^/]+)$")
  if slug then return routes.tag(db, params, slug) end
  return not_found("No page at " .. path .. ".")
end

--- Answers the mod_magnet request in progress (the `lighty` table of
-- lighttpd 1.4.60 and later) from the database at db_path; returns the
-- status for the script to return.
function web.magnet(lighty, db_path)
  local r = lighty.r
  local ok, status, headers, body = pcall(web.respond, db_path, r.req_attr["request.method"],
    r.req_attr["uri.path"], r.req_attr["uri.query"])
  if not ok then
    -- Logged for the operator; the visitor gets no internals.
    io.stderr:write("broadsheet.web: ", tostring(status), "\n")
    status, headers, body = 500, { ["Content-Type"] = "text/plain; charset=utf-8" }, "internal error\n"
  end
  for name, value in pairs(headers) do r.resp_header[name] = value end
  r.resp_body:set({ body })
  return status
end

return web
