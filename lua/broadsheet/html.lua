--- broadsheet.html: the record of one web page. The C core (csrc/html.c)
-- finds the article's paragraphs and hands up every metadata candidate by
-- name; this module decodes the JSON-LD and picks each field from the
-- strongest evidence present, in this order:
--   title:       JSON-LD headline, Dublin Core title, og:title, twitter:title,
--                parsely-title, the page's <h1>s: the first of them that the
--                <title> confirms, else the first declared one, else <title>
--                less the site's suffix (see pick_title)
--   site:        og:site_name, JSON-LD publisher name
--   date:        JSON-LD datePublished, article:published_time, <time datetime>,
--                itemprop=datePublished, date/pubdate/DC.date metas, another meta
--                whose name says publication, a date-classed element, a date in
--                the URL's path
--   byline:      JSON-LD author names, Dublin Core creator, meta author,
--                rel=author, itemprop=author, a byline- or author-classed
--                element ("By", roles and dates taken off)
--   tags:        article:tag, news_keywords, keywords, JSON-LD keywords, rel=tag links
--   url:         canonical link, og:url, opts.url
--   lang:        <html lang>, og:locale, JSON-LD inLanguage
--   description: meta description, og:description, twitter:description, JSON-LD description
-- Last-modified dates are never read, and the C side reads no element in
-- comments, related links, navigation, asides or footers.
local cjson = require "cjson.safe"
local core = require "broadsheet.core"

local html = {}

local function first(meta, ...)
  for i = 1, select("#", ...) do
    local values = meta[select(i, ...)]
    if values and values[1] and values[1] ~= "" then return values[1] end
  end
end

-- ---- JSON-LD ----

local ARTICLE_TYPES = {
  Article = true, NewsArticle = true, BlogPosting = true, Report = true, ReportageNewsArticle = true,
  AnalysisNewsArticle = true, OpinionNewsArticle = true, ScholarlyArticle = true, TechArticle = true,
  LiveBlogPosting = true, SocialMediaPosting = true, WebPage = false,
}

local function has_type(object, types)
  local t = object["@type"]
  if type(t) == "string" then return types[t] end
  if type(t) == "table" then
    for _, each in ipairs(t) do if types[each] then return true end end
  end
  return false
end

-- Every object of a JSON-LD text: top-level arrays and @graph members.
local function each_object(value, list)
  if type(value) ~= "table" then return list end
  if #value > 0 then
    for _, item in ipairs(value) do each_object(item, list) end
  else
    list[#list + 1] = value
    each_object(value["@graph"], list)
  end
  return list
end

-- The page's JSON-LD as one object: each field from the first article
-- object that has it, else from the first object of any type that has it.
local function jsonld_article(texts)
  local objects = {}
  for _, text in ipairs(texts or {}) do
    -- XHTML pages wrap the script in <![CDATA[ ... ]]>, old ones in comments
    local bare = text:gsub("^[%s/*]*<!%-%-", ""):gsub("^[%s/*]*<!%[CDATA%[", ""):gsub("%-%->[%s/*]*$", "")
      :gsub("[%s/*]*%]%]>[%s/*]*$", "")
    local value = cjson.decode(bare)
    if value then each_object(value, objects) end
  end
  local articles = {}
  for _, object in ipairs(objects) do
    if has_type(object, ARTICLE_TYPES) then articles[#articles + 1] = object end
  end
  -- a headline belongs to the article: other objects' are labels of the site's
  local lists = { articles, objects }
  return setmetatable({}, { __index = function(_, key)
    for i = 1, key == "headline" and 1 or 2 do
      local list = lists[i]
      for _, object in ipairs(list) do
        if object[key] ~= nil and object[key] ~= cjson.null then return object[key] end
      end
    end
  end })
end

local function name_of(value)
  if type(value) == "string" then return value end
  if type(value) == "table" then
    if type(value.name) == "string" then return value.name end
    if #value > 0 then
      local names = {}
      for _, each in ipairs(value) do names[#names + 1] = name_of(each) end
      return #names > 0 and table.concat(names, ", ") or nil
    end
  end
end

local function string_of(value)
  if type(value) == "string" and value:find("%S") then return value end
end

-- ---- fields ----

local function squeeze(s)
  return s and (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- "<title>" less a site suffix (" | Site", " - Site", " — Site") when what stays is long enough.
local function strip_suffix(title, site)
  if not title then return nil end
  for _, separator in ipairs { " | ", " - ", " – ", " — ", " :: ", " · " } do
    local at = title:find(separator, 1, true)
    if at then
      local last = at
      while true do
        local nxt = title:find(separator, last + 1, true)
        if not nxt then break end
        last = nxt
      end
      local head = title:sub(1, last - 1)
      local tail = title:sub(last + #separator)
      if site and title:sub(1, #site) == site and at then
        return title:sub(at + #separator)
      end
      local words = select(2, head:gsub("%S+", ""))
      if words >= 2 or (site and tail == site) then return head end
    end
  end
  return title
end

-- A headline less a " | Site" suffix naming the site (og:site_name).
local function strip_site(text, site)
  if not site then return text end
  for _, separator in ipairs { " | ", " - ", " – ", " — " } do
    local suffix = separator .. site
    if #text > #suffix and text:sub(-#suffix) == suffix then return text:sub(1, #text - #suffix) end
  end
  return text
end

-- Comparable text: case, white space and quote styles aside.
local function folded(text)
  return (text:lower():gsub("’", "'"):gsub("‘", "'"):gsub("“", '"'):gsub("”", '"'):gsub("%s+", ""))
end

-- What follows the <title>'s last separator: the site's part.
local function site_part(title)
  local tail
  for _, separator in ipairs { " | ", " - ", " – ", " — ", " :: ", " · " } do
    local at = title:find(separator, 1, true)
    while at do
      tail = title:sub(at + #separator)
      at = title:find(separator, at + 1, true)
    end
    if tail then return tail end
  end
end

-- The title rules:
--   candidates: declared ones first (JSON-LD headline, Dublin Core's title,
--     property form first, og:title, twitter:title, parsely-title), then the
--     page's <h1>s; each less a " | Site" suffix naming the site, a heading
--     less the pilcrow of its permalink, none that is the site's name;
--   agreement: the first candidate the page's <title> confirms (holds it,
--     case, white space and quote styles aside, and it is at least half of
--     the title less its suffix) wins: a JSON-LD headline or og:title
--     written for search engines or social cards can differ from the
--     headline the page shows; a heading that is the <title>'s site part
--     (a logo's <h1>) confirms nothing;
--   declared: else the first declared candidate;
--   else the <title> less its site's suffix, else the first <h1>.
local function pick_title(meta, article, site)
  local page = first(meta, "title")
  local declared = { string_of(article.headline) or false }
  for _, key in ipairs { "meta:dc:title", "meta:dc.title", "meta:dcterms.title", "meta:og:title",
                         "meta:twitter:title", "meta:parsely-title" } do
    declared[#declared + 1] = first(meta, key) or false
  end
  local candidates = {}
  local function add(value)
    value = value and strip_site(squeeze(value), site)
    if value and value ~= "" and value ~= site then candidates[#candidates + 1] = value end
  end
  for i = 1, #declared do add(declared[i]) end
  local declared_count = #candidates
  for _, h1 in ipairs(meta.h1 or {}) do add((h1:gsub("%s*¶$", ""))) end
  if page then
    local whole, shown, tail = folded(page), strip_suffix(page, site), site_part(page)
    tail = tail and folded(tail)
    for _, candidate in ipairs(candidates) do
      local key = folded(candidate)
      if whole:find(key, 1, true) and #candidate * 2 >= #shown and key ~= tail then return candidate end
    end
  end
  if declared_count > 0 then return candidates[1] end
  return strip_suffix(page, site) or candidates[1]
end

-- ISO 8601 as the record writes it, from an ISO text; nil for anything else.
local function iso(text)
  if type(text) ~= "string" then return nil end
  local y, m, d, rest = text:match("^%s*(%d%d%d%d)%-(%d%d)%-(%d%d)(.*)$")
  if not y then return nil end
  local date = ("%s-%s-%s"):format(y, m, d)
  local hh, mm, ss, zone = rest:match("^[T ](%d%d):(%d%d):?(%d*)[%.,]?%d*%s*(.-)%s*$")
  if not hh then return date end
  date = ("%sT%s:%s:%s"):format(date, hh, mm, ss ~= "" and ss or "00")
  if zone == "Z" or zone == "z" or zone == "+00:00" or zone == "+0000" then return date .. "Z" end
  local sign, zh, zm = zone:match("^([+-])(%d%d):?(%d%d)$")
  if sign then return ("%s%s%s:%s"):format(date, sign, zh, zm) end
  return date
end

local function read_date(text)
  if type(text) ~= "string" then return nil end
  local date = iso(text)
  if date then return date end
  local parsed = core.parse_date(text:sub(1, 200))
  return parsed
end

-- Any other meta whose name says publication ("article:publicationdate",
-- "cxenseparse:recs:publishtime", "published_at"), in name order; never the
-- publisher's.
local function publication_meta(meta)
  local names = {}
  for name in pairs(meta) do
    if name:find("^meta:.*publi[cs]") and not name:find("publisher", 1, true) then names[#names + 1] = name end
  end
  table.sort(names)
  for _, name in ipairs(names) do
    if read_date(meta[name][1]) then return meta[name][1] end
  end
end

-- The publication date and the text it was read from.
local function pick_date(meta, article, url)
  local candidates = table.pack(
    article.datePublished, article.dateCreated, first(meta, "meta:article:published_time"),
    first(meta, "meta:og:published_time"), first(meta, "time"), first(meta, "date_published"),
    first(meta, "meta:datepublished"), first(meta, "meta:date"), first(meta, "meta:pubdate"),
    first(meta, "meta:publishdate"), first(meta, "meta:publish-date"), first(meta, "meta:dc.date"),
    first(meta, "meta:dc.date.issued"), first(meta, "meta:dcterms.created"), first(meta, "meta:sailthru.date"),
    first(meta, "meta:parsely-pub-date"), first(meta, "meta:article.published"), publication_meta(meta),
    first(meta, "date_element"))
  for i = 1, candidates.n do
    local text = candidates[i]
    if text then
      local date = read_date(text)
      if date then return date, squeeze(first(meta, "time_text") or text) end
    end
  end
  local y, m, d = (url or ""):match("/(%d%d%d%d)/(%d%d)/(%d%d)/")
  if y then return ("%s-%s-%s"):format(y, m, d), nil end
end

-- What separates a byline from what shares its line, as whole strings: a
-- pattern's [...] would match each byte of "•" alone, and so cut names
-- written in other scripts inside a character.
local SEPARATORS = { "|", "•", "·" }

local function before_separator(text)
  local cut
  for _, separator in ipairs(SEPARATORS) do
    local at = text:find(separator, 1, true)
    if at and (not cut or at < cut) then cut = at end
  end
  return cut and (text:sub(1, cut - 1):gsub("%s+$", "")) or text
end

-- A byline as printed: "By" and a trailing date or "|" part taken off.
local function clean_byline(text)
  if type(text) ~= "string" then return nil end
  text = squeeze(text)
  if text:find("^https?://") then return nil end
  text = text:gsub("^[Bb][Yy]:?%s+", ""):gsub("^[Vv]on%s+", "")
  text = before_separator(text)
  text = text:gsub(",?%s+[Uu]pdated.*$", ""):gsub(",?%s+[Pp]ublished.*$", "")
  local before = text:match("^(.-),?%s+%a+%.?%s+%d%d?,%s+%d%d%d%d.*$")
  if before and before ~= "" then text = before end
  before = text:match("^(.-),?%s+%d%d?%s+%a+%s+%d%d%d%d.*$")
  if before and before ~= "" then text = before end
  if text == "" or #text > 100 then return nil end
  return text
end

-- The first byline-classed element's text; when the next one begins it, the
-- first is a block holding the name in its own element, then a role or a
-- date ("Ben Silverman Games Editor"): the name.
local function byline_element(meta)
  local outer, inner = table.unpack(meta.byline or {})
  if outer and inner and #inner < #outer and outer:sub(1, #inner) == inner then return inner end
  return outer
end

local function pick_byline(meta, article)
  local candidates = table.pack(
    name_of(article.author), first(meta, "meta:dc:creator"), first(meta, "meta:dc.creator"), first(meta, "meta:author"),
    first(meta, "meta:sailthru.author"), first(meta, "meta:parsely-author"), first(meta, "meta:byl"),
    first(meta, "meta:article:author"), first(meta, "meta:og:article:author"), first(meta, "rel_author"),
    first(meta, "itemprop_author"), byline_element(meta))
  for i = 1, candidates.n do
    local byline = clean_byline(candidates[i])
    if byline then return byline end
  end
end

local function split_labels(text, labels)
  for label in text:gmatch("[^,;]+") do
    label = squeeze(label)
    if label ~= "" then labels[#labels + 1] = label end
  end
  return labels
end

local function pick_tags(meta, article)
  if meta["meta:article:tag"] then
    local labels = {}
    for _, value in ipairs(meta["meta:article:tag"]) do split_labels(value, labels) end
    return labels
  end
  local listed = first(meta, "meta:news_keywords", "meta:keywords")
  if listed then return split_labels(listed, {}) end
  local keywords = article.keywords
  if type(keywords) == "string" then return split_labels(keywords, {}) end
  if type(keywords) == "table" and #keywords > 0 then
    local labels = {}
    for _, value in ipairs(keywords) do
      if type(value) == "string" then split_labels(value, labels) end
    end
    return labels
  end
  return meta.rel_tag
end

local function pick_lang(meta, article)
  local lang = first(meta, "lang", "meta:og:locale") or string_of(article.inLanguage)
  return lang and (lang:gsub("_", "-"))
end

-- ---- the record ----

--- The record of one web page (see the module's head for the fields' order).
-- opts: url, source, charset (the HTTP header's). `tag_labels` holds the
-- page's tags as printed; `tags` is the caller's to make.
function html.parse(page, opts)
  opts = opts or {}
  local body, words, meta, warnings = core.parse_html(page, opts.charset)
  local article = jsonld_article(meta.jsonld)
  local record = { words = words, source = opts.source }
  local publisher = type(article.publisher) == "table" and article.publisher or {}
  record.site = first(meta, "meta:og:site_name") or string_of(publisher.name)
  record.title = pick_title(meta, article, record.site)
  record.url = first(meta, "canonical", "meta:og:url") or opts.url
  record.date, record.date_text = pick_date(meta, article, record.url or opts.url)
  record.byline = pick_byline(meta, article)
  record.lang = pick_lang(meta, article)
  record.description = squeeze(first(meta, "meta:description", "meta:og:description", "meta:twitter:description")
    or string_of(article.description))
  if body[1] and record.title and body[1] == record.title then
    record.words = words - select(2, table.remove(body, 1):gsub("%S+", ""))
  end
  if #body > 0 then record.body = body end
  local labels = pick_tags(meta, article)
  -- As printed: the archive's context turns them into tags (broadsheet.context).
  if labels and #labels > 0 then record.tag_labels = labels end
  if not record.title then warnings[#warnings + 1] = "no title found" end
  if #warnings > 0 then record.warnings = warnings end
  record.id = core.hash(table.concat({ record.title or "", record.date or "", table.concat(body, "\n") }, "\n"))
  return record
end

return html
