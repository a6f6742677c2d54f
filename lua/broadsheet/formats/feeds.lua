--- atom (RFC 4287) and rss (RSS 2.0): well-formed XML, characters XML 1.0
-- forbids removed, ids that stay the same from one export to the next and
-- are unique within a feed even when an article comes twice.
--
-- An undated article: RSS leaves the item without pubDate, which RSS 2.0
-- allows; Atom needs an updated time for every entry, so it takes the
-- modification time of the file the article came from (the feed's own
-- updated when there is no such file), and leaves out published, which is
-- the article's own date only.
local core = require "broadsheet.core"
local escape = require "broadsheet.formats.escape"
local lfs = require "lfs"
local names = require "broadsheet.formats.names"

local feeds = {}
local e = escape.xml

local MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" }
local WEEKDAYS = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" }

-- Atom wants RFC 3339 date-times: a bare date is midnight UTC, a time without
-- zone UTC. A date that is none of these (a record built by hand) gives nil.
local function rfc3339(date)
  if type(date) ~= "string" then return nil end
  if date:match("^%d%d%d%d%-%d%d%-%d%d$") then return date .. "T00:00:00Z" end
  local stamp = date:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d")
  if not stamp then return nil end
  local rest = date:sub(#stamp + 1):gsub("^%.%d+", "")
  if rest == "" then return date .. "Z" end
  if rest == "Z" or rest:match("^[+-]%d%d:%d%d$") then return date end
  return nil
end

-- Days since 1970-01-01 of a Gregorian date (Howard Hinnant's days_from_civil).
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * (m > 2 and m - 3 or m + 9) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
end

-- Seconds since the epoch of an RFC 3339 date-time, so that dates in
-- different zones compare by the instant they name.
local function instant(stamp)
  local y, m, d, hh, mm, ss, zone = stamp:match("^(%d+)%-(%d+)%-(%d+)T(%d+):(%d+):(%d+)[%.%d]*(.*)$")
  local offset = 0
  local sign, zh, zm = zone:match("^([+-])(%d%d):(%d%d)$")
  if sign then offset = (sign == "+" and 1 or -1) * (tonumber(zh) * 3600 + tonumber(zm) * 60) end
  return days_from_civil(tonumber(y), tonumber(m), tonumber(d)) * 86400 + tonumber(hh) * 3600
    + tonumber(mm) * 60 + tonumber(ss) - offset
end

-- Sakamoto's method: the weekday of a Gregorian date, 1 = Sunday.
local function weekday(y, m, d)
  local t = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }
  if m < 3 then y = y - 1 end
  return (y + y // 4 - y // 100 + y // 400 + t[m] + d) % 7 + 1
end

-- RSS wants RFC 822 dates: "Tue, 14 Jun 2016 09:30:00 +0000"; nil for no date.
local function rfc822(date)
  local stamp = rfc3339(date)
  if not stamp then return nil end
  local y, m, d, time, zone = stamp:match("^(%d+)%-(%d+)%-(%d+)T(%d%d:%d%d:%d%d)[%.%d]*(.*)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not MONTHS[m] then return nil end
  zone = zone == "Z" and "+0000" or zone:gsub(":", "")
  return ("%s, %02d %s %d %s %s"):format(WEEKDAYS[weekday(y, m, d)], d, MONTHS[m], y, time, zone)
end

-- Ids go into urn: IRIs: anything but unreserved characters is percent-encoded
-- (parsed records have hex ids, which stay as they are).
local function urn_part(text)
  return (text:gsub("[^%w%-._~]", function(c) return ("%%%02X"):format(c:byte()) end))
end

local function html_content(record)
  local parts = {}
  for _, para in ipairs(record.body or {}) do parts[#parts + 1] = "<p>" .. e(para) .. "</p>" end
  return table.concat(parts)
end

local function feed_title(ctx)
  return ctx.opts.title or "broadsheet export"
end

-- The entry's id within the feed: the article's id, "-2" and on for the
-- same article again.
local function entry_id(record, ctx)
  ctx.ids = ctx.ids or {}
  return "urn:broadsheet:article:" .. names.unique(ctx.ids, urn_part(record.id or core.hash(html_content(record))))
end

local function now()
  return os.date("!%Y-%m-%dT%H:%M:%SZ")
end

-- When the file an undated record came from was last changed: its source
-- as a path, or a path:line of a file of several articles.
local function file_time(source)
  if type(source) ~= "string" then return nil end
  local modified = lfs.attributes(source, "modification")
    or lfs.attributes(source:match("^(.*):%d+$") or "", "modification")
  return modified and os.date("!%Y-%m-%dT%H:%M:%SZ", modified)
end

local function atom_entry(record, id, updated)
  local parts = { "<entry>\n<title>", e(record.title or "(no title)"), "</title>\n",
    "<id>", e(id), "</id>\n",
    "<updated>", e(updated), "</updated>\n" }
  local function add(...) for _, text in ipairs { ... } do parts[#parts + 1] = text end end
  if rfc3339(record.date) then add("<published>", e(updated), "</published>\n") end
  if record.url then add('<link rel="alternate" href="', e(record.url), '"/>\n') end
  if record.byline then add("<author><name>", e(record.byline), "</name></author>\n") end
  if record.description then add("<summary>", e(record.description), "</summary>\n") end
  for i, slug in ipairs(record.tags or {}) do
    local label = (record.tag_labels or {})[i] or slug
    add('<category term="', e(slug), '" label="', e(label), '"/>\n')
  end
  add('<content type="html">', e(html_content(record)), "</content>\n</entry>\n")
  return table.concat(parts)
end

local function atom_updated(out, updated)
  out:write("<updated>", e(updated), "</updated>\n")
end

feeds.atom = {
  name = "atom",
  extension = "atom",
  mime = "application/atom+xml",
  description = "an Atom feed (RFC 4287), one entry per article",
  header = function(out, ctx)
    local title = feed_title(ctx)
    out:write('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
      "<title>", e(title), "</title>\n",
      "<id>", e(ctx.opts.id or ("urn:broadsheet:feed:" .. core.hash(title))), "</id>\n",
      "<author><name>", e(ctx.opts.author or "broadsheet"), "</name></author>\n",
      '<generator>broadsheet</generator>\n')
    -- RFC 4287 puts the feed's metadata before its entries, and the feed's
    -- updated is the newest entry's unless opts.updated says: without it,
    -- the entries are kept (as text) until the footer knows the newest.
    ctx.feed_updated = rfc3339(ctx.opts.updated)
    if ctx.feed_updated then atom_updated(out, ctx.feed_updated) else ctx.entries = {} end
  end,
  article = function(out, record, ctx)
    local id = entry_id(record, ctx)
    local updated = rfc3339(record.date) or file_time(record.source) or ctx.feed_updated
    if not ctx.entries then
      out:write(atom_entry(record, id, updated))
      return
    end
    if not updated then
      -- Written with the feed's updated, once the footer knows it.
      ctx.entries[#ctx.entries + 1] = function(feed_updated) return atom_entry(record, id, feed_updated) end
      return
    end
    ctx.entries[#ctx.entries + 1] = atom_entry(record, id, updated)
    local seconds = instant(updated)
    if not ctx.newest or seconds > ctx.newest then ctx.newest, ctx.updated = seconds, updated end
  end,
  footer = function(out, ctx)
    if ctx.entries then
      -- No dated entries and no opts.updated: the feed was made now.
      local updated = ctx.updated or now()
      atom_updated(out, updated)
      for _, entry in ipairs(ctx.entries) do
        out:write(type(entry) == "function" and entry(updated) or entry)
      end
    end
    out:write("</feed>\n")
  end,
}

feeds.rss = {
  name = "rss",
  extension = "rss",
  mime = "application/rss+xml",
  description = "an RSS 2.0 feed, one item per article",
  header = function(out, ctx)
    out:write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">\n<channel>\n',
      "<title>", e(feed_title(ctx)), "</title>\n",
      "<link>", e(ctx.opts.link or "https://example.invalid/"), "</link>\n",
      "<description>", e(ctx.opts.description or feed_title(ctx)), "</description>\n",
      "<generator>broadsheet</generator>\n")
  end,
  article = function(out, record, ctx)
    out:write("<item>\n<title>", e(record.title or "(no title)"), "</title>\n")
    if record.url then out:write("<link>", e(record.url), "</link>\n") end
    out:write('<guid isPermaLink="false">', e(entry_id(record, ctx)), "</guid>\n")
    local date = rfc822(record.date)
    if date then out:write("<pubDate>", date, "</pubDate>\n") end
    for _, label in ipairs(record.tag_labels or {}) do out:write("<category>", e(label), "</category>\n") end
    out:write("<description>", e(html_content(record)), "</description>\n</item>\n")
  end,
  footer = function(out) out:write("</channel>\n</rss>\n") end,
}

return feeds
