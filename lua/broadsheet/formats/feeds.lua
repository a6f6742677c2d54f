--- atom (RFC 4287) and rss (RSS 2.0): well-formed XML, characters XML 1.0
-- forbids removed, ids that stay the same from one export to the next.
local core = require "broadsheet.core"
local escape = require "broadsheet.formats.escape"

local feeds = {}
local e = escape.xml

local MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" }
local WEEKDAYS = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" }

-- Atom wants RFC 3339 date-times: a bare date is midnight UTC, a time without zone UTC.
local function rfc3339(date)
  if not date then return nil end
  if #date == 10 then return date .. "T00:00:00Z" end
  if date:match("T%d%d:%d%d:%d%d$") then return date .. "Z" end
  return date
end

-- Sakamoto's method: the weekday of a Gregorian date, 1 = Sunday.
local function weekday(y, m, d)
  local t = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }
  if m < 3 then y = y - 1 end
  return (y + y // 4 - y // 100 + y // 400 + t[m] + d) % 7 + 1
end

-- RSS wants RFC 822 dates: "Tue, 14 Jun 2016 09:30:00 +0000".
local function rfc822(date)
  local y, m, d, time, zone = rfc3339(date):match("^(%d+)%-(%d+)%-(%d+)T(%d%d:%d%d:%d%d)(.*)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  zone = zone == "Z" and "+0000" or zone:gsub(":", "")
  return ("%s, %02d %s %d %s %s"):format(WEEKDAYS[weekday(y, m, d)], d, MONTHS[m], y, time, zone)
end

local function html_content(record)
  local parts = {}
  for _, para in ipairs(record.body or {}) do parts[#parts + 1] = "<p>" .. e(para) .. "</p>" end
  return table.concat(parts)
end

local function feed_title(ctx)
  return ctx.opts.title or "broadsheet export"
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
  end,
  article = function(out, record, ctx)
    local updated = rfc3339(record.date) or ctx.opts.updated or "1970-01-01T00:00:00Z"
    if not ctx.updated or updated > ctx.updated then ctx.updated = updated end
    out:write("<entry>\n<title>", e(record.title or "(no title)"), "</title>\n",
      "<id>urn:broadsheet:article:", e(record.id or core.hash(html_content(record))), "</id>\n",
      "<updated>", e(updated), "</updated>\n")
    if record.date then out:write("<published>", e(updated), "</published>\n") end
    if record.byline then out:write("<author><name>", e(record.byline), "</name></author>\n") end
    for i, slug in ipairs(record.tags or {}) do
      local label = (record.tag_labels or {})[i] or slug
      out:write('<category term="', e(slug), '" label="', e(label), '"/>\n')
    end
    out:write('<content type="html">', e(html_content(record)), "</content>\n</entry>\n")
  end,
  -- Atom lets the feed's elements come in any order: updated, the newest
  -- entry's date, is only known at the end.
  footer = function(out, ctx)
    out:write("<updated>", e(ctx.updated or ctx.opts.updated or os.date("!%Y-%m-%dT%H:%M:%SZ")), "</updated>\n",
      "</feed>\n")
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
  article = function(out, record)
    out:write("<item>\n<title>", e(record.title or "(no title)"), "</title>\n",
      '<guid isPermaLink="false">urn:broadsheet:article:', e(record.id or core.hash(html_content(record))),
      "</guid>\n")
    if record.date then out:write("<pubDate>", rfc822(record.date), "</pubDate>\n") end
    for _, label in ipairs(record.tag_labels or {}) do out:write("<category>", e(label), "</category>\n") end
    out:write("<description>", e(html_content(record)), "</description>\n</item>\n")
  end,
  footer = function(out) out:write("</channel>\n</rss>\n") end,
}

return feeds
