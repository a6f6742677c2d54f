-- broadsheet.parse_html on hand-written pages, one per rule of csrc/html.c,
-- csrc/html_meta.c, csrc/html_input.c and broadsheet.html.
local broadsheet = require "broadsheet"
local support = require "spec.support"

local PARAGRAPHS = {
  "The harbour's three cranes, idle since the winter storms, were lifting containers again on Tuesday, "
    .. "the port authority said, after engineers replaced their worn cables.",
  "Dock workers, who had been moved to the rail yard for six weeks, returned to their shifts in the morning, "
    .. "and the first ship, a feeder from Rotterdam, left at noon.",
  "The authority expects the backlog of about 4,000 containers to clear by the end of the month, "
    .. "provided the weather holds and the rail yard keeps pace.",
}

-- A page: head holds the given metadata, the body an article of the given parts.
local function page(parts)
  local head = parts.head or "<title>Harbour cranes return | Port Gazette</title>"
  local body = {}
  for _, text in ipairs(parts.paragraphs or PARAGRAPHS) do body[#body + 1] = "<p>" .. text .. "</p>" end
  return ([[<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8">%s</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>%s<h1>Harbour cranes return</h1>%s<div class="story-body">%s</div></article>
%s
<footer><p>Copyright 2023 Port Gazette. All rights reserved. Last modified 2025-01-01.</p></footer>
</body></html>]]):format(parts.lang or "en", head, parts.before_h1 or "", parts.header or "",
    table.concat(body, "\n"), parts.after or "")
end

local function parse(html, opts)
  return broadsheet.parse_html(html, opts)
end

describe("parse_html", function()
  it("reads the article's paragraphs in order, without navigation or footer", function()
    local record = parse(page {})
    assert.same(PARAGRAPHS, record.body)
    assert.equal("Harbour cranes return", record.title)
    assert.equal("en", record.lang)
    assert.is_nil(record.warnings)
    local words = 0
    for _, text in ipairs(PARAGRAPHS) do words = words + select(2, text:gsub("%S+", "")) end
    assert.equal(words, record.words)
    assert.matches("^%x+$", record.id)
  end)

  it("reads JSON-LD with @graph: headline, date with zone, several authors, publisher, keywords", function()
    local record = parse(page { head = [[<title>Cranes | PG</title><script type="application/ld+json">
      {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"PG site","headline":"Not this"},
       {"@type":"NewsArticle","headline":"Harbour cranes return","datePublished":"2024-03-05T09:30:00+01:00",
        "dateModified":"2024-04-01T00:00:00Z","publisher":{"@type":"Organization","name":"Port Gazette"},
        "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Ma"}],
        "keywords":["Ports","Shipping"]}]}</script>]] })
    assert.equal("Harbour cranes return", record.title)
    assert.equal("2024-03-05T09:30:00+01:00", record.date)
    assert.equal("Ann Lee, Bo Ma", record.byline)
    assert.equal("Port Gazette", record.site)
    assert.same({ "ports", "shipping" }, record.tags)
    assert.same({ "Ports", "Shipping" }, record.tag_labels)
  end)

  it("takes a JSON-LD array and a script wrapped in CDATA", function()
    local record = parse(page { head = [=[<script type="application/ld+json">//<![CDATA[
      [{"@type":"BreadcrumbList"},{"@type":"Article","headline":"Harbour cranes return","datePublished":"2024-03-05"}]
      //]]></script>]=] })
    assert.equal("2024-03-05", record.date)
  end)

  -- html_input.c cuts scripts' and styles' content out before parsing: what stays must read as libxml2 reads it.
  it("reads around scripts and styles as the parser does: in comments, self-closed, holding markup", function()
    local html = [[<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">
<html><head><title>Cranes</title><style>p::after { content: "</p><p>styled" }</style>
<!--[if lt IE 9]><script src="html5shiv.js"></script><![endif]-->
<script>var s = "</div><p>Scripted text that no reader sees, however long it runs on.</p>";</script>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-05"}</script></head>
<body><article><script src="a.js"/><p>]] .. PARAGRAPHS[1] .. [[</p><!-- <script> --><p>]] .. PARAGRAPHS[2] .. [[</p>
<SCRIPT>document.write("<p>Written text that no reader sees, however long it runs on.</p>")</script >
<p>]] .. PARAGRAPHS[3] .. [[</p></article></body></html>]]
    local record = parse(html)
    assert.same(PARAGRAPHS, record.body)
    assert.equal("2024-03-05", record.date)
    assert.equal("Cranes", record.title)
  end)

  -- ... and the attributes nothing reads, whole, wherever their values hold markup or no quotes.
  it("reads a page with attributes cut before parsing as the same page without them", function()
    local function article(noise)
      return ([[<html><head><title>Cranes</title>
<link %s href="https://port.example/cranes" rel="canonical"></head>
<body><nav %s class="menu"><a %s>Home</a></nav>
<article><h1 %s>Harbour cranes return</h1>
<div %s class="byline" %s><a rel="author">Ann Lee</a></div>
<div class="story-body"><img %s><p>%s</p>
<div style="display:none" %s><p>Hidden text that no reader sees, however long it runs on.</p></div>
<p %s class=lead>%s</p><p>%s</p></div></article></body></html>]]):format(noise[1], noise[2], noise[3],
        noise[4], noise[5], noise[6], noise[7], PARAGRAPHS[1], noise[8], noise[9], PARAGRAPHS[2], PARAGRAPHS[3])
    end
    local noisy = parse(article { 'data-x="1"', [[onclick='go("</nav><p>")']], "href=/ title=Home/",
      'data-title="<h1>Other</h1>"', 'title="a > b"', 'aria-label="</div><p>Share</p>" tabindex=3',
      'src="crane.jpg" alt="</article>" width=600', 'data-hidden="no" xml:lang=fr', 'ONCLICK="x"' })
    local plain = parse(article { "", "", "", "", "", "", "", "", "" })
    assert.same(plain, noisy)
    assert.equal("Harbour cranes return", noisy.body[1])
    assert.same(PARAGRAPHS, { table.unpack(noisy.body, 2) })
    assert.equal("Ann Lee", noisy.byline)
    assert.equal("https://port.example/cranes", noisy.url)
  end)

  it("reads a page indented by long runs of blanks as the same page", function()
    local indent = "\n" .. ("\t "):rep(200)
    local record = parse(page { header = ('<div class="byline">%s<a rel="author">%sAnn%sLee</a>%s</div>')
      :format(indent, indent, indent, indent), paragraphs = { PARAGRAPHS[1] .. indent, indent .. PARAGRAPHS[2] } })
    assert.equal("Ann Lee", record.byline)
    assert.same({ PARAGRAPHS[1], PARAGRAPHS[2] }, record.body)
  end)

  it("skips JSON-LD it cannot decode and keeps reading the page", function()
    local record = parse(page { head = [[<script type="application/ld+json">{"headline": </script>
      <meta property="article:published_time" content="2024-03-05T08:00:00Z">]] })
    assert.equal("2024-03-05T08:00:00Z", record.date)
    assert.equal("Harbour cranes return", record.title)
  end)

  it("reads a byline that shares its line with the date, without By or the date", function()
    local record = parse(page { head = "<title>Harbour cranes return</title>",
      header = '<p class="byline">By Ann Lee | March 5, 2024</p><time datetime="2024-03-05T09:30">March 5</time>' })
    assert.equal("Ann Lee", record.byline)
    assert.equal("2024-03-05T09:30:00", record.date)
    assert.equal("March 5", record.date_text)
    assert.same(PARAGRAPHS, record.body)
  end)

  it("keeps a byline in other scripts whole, and cuts it at a separator that is not ASCII", function()
    local function byline(name)
      return parse(page { head = '<title>Harbour cranes return</title><meta name="author" content="' .. name .. '">' })
        .byline
    end
    assert.equal("個人", byline("個人"))
    assert.equal("BBC News ဗမာ", byline("BBC News ဗမာ"))
    assert.equal("Ann Lee", byline("Ann Lee • Port Gazette"))
    assert.equal("Анна Ли", byline("Анна Ли · 5 марта"))
  end)

  it("never takes a date or author from comments, related links or the footer", function()
    local record = parse(page { head = "<title>Harbour cranes return</title>", after = [[
      <section class="comments"><div class="author">Troll Person</div><time datetime="2024-09-09">later</time>
      <p>I have been saying this for years and nobody listens to me, but here we are again, folks.</p></section>
      <aside class="related"><time datetime="2023-01-01">old</time><a href="/a">Cranes fail again</a></aside>]] })
    assert.is_nil(record.date)
    assert.is_nil(record.byline)
    assert.same(PARAGRAPHS, record.body)
  end)

  it("chooses the article over a second candidate body (a long comment thread)", function()
    local comments = {}
    for i = 1, 12 do
      comments[#comments + 1] = ('<div class="comment"><p>Comment %d: I read this with interest, and I have to say, '
        .. 'as someone who worked the docks, that the cranes were never the problem, the rota was.</p></div>'):format(i)
    end
    local record = parse(page { after = '<div id="comments">' .. table.concat(comments) .. "</div>" })
    assert.same(PARAGRAPHS, record.body)
  end)

  it("takes a comment thread whose class also says post for comments, not the article", function()
    local comments = {}
    for i = 1, 12 do
      comments[#comments + 1] = ('<ul class="single-post"><li class="post-text">Comment %d: I read this with '
        .. 'interest, and as someone who worked the docks, the cranes were never the problem, the rota was.</li>'
        .. '</ul>'):format(i)
    end
    local record = parse(page { after = '<div id="comment-box" class="user-post-box">' .. table.concat(comments)
      .. "</div>" })
    assert.same(PARAGRAPHS, record.body)
  end)

  it("reads the story on both sides of a 'Read more' button that unfolds its second half", function()
    local p = {}
    for i, text in ipairs(PARAGRAPHS) do p[i] = "<p>" .. text .. "</p>" end
    local record = parse(([[<!DOCTYPE html><html><head><title>Harbour cranes return</title></head><body>
<div class="main-col"><h1>Harbour cranes return</h1>%s%s<div id="read-more"><a href="#">Read more</a>
<div id="read-more-content">%s%s%s%s</div></div></div></body></html>]]):format(p[1], p[2], p[3], p[1], p[2], p[3]))
    assert.same({ PARAGRAPHS[1], PARAGRAPHS[2], "Read more", PARAGRAPHS[3], PARAGRAPHS[1], PARAGRAPHS[2],
                  PARAGRAPHS[3] }, record.body)
  end)

  it("reads a post written as a bulleted list over the short comments beside it", function()
    local items = {}
    for _, text in ipairs(PARAGRAPHS) do items[#items + 1] = "<li>" .. text .. "</li>" end
    local record = parse(([[<!DOCTYPE html><html><head><title>Port notes</title></head><body>
<main><article class="post"><h2>This week at the port</h2><div class="entry-content"><h3>Highlights</h3><ul>%s</ul>
<ul>%s</ul></div></article></main>
<section class="responses"><p>Lovely notes, and I would add that the cranes look very fine again this week.</p>
<p>Thank you, the rail yard thanks you too.</p></section></body></html>]]):format(table.concat(items),
      table.concat(items)))
    assert.same({ "This week at the port", "Highlights", PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3],
                  PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3] }, record.body)
  end)

  it("keeps a list of prose items that each cite a link, and drops a list of links", function()
    local first = "The first crane was repaired in March by the port engineers, "
    local second = "The second crane was repaired in April by the same engineers, "
    local record = parse(page { paragraphs = { PARAGRAPHS[1] .. "</p><div><ul>"
      .. "<li>" .. first .. '<a href="/bug/1">after its cable snapped again</a></li>'
      .. "<li>" .. second .. '<a href="/bug/2">with new motors from Bremen</a></li>'
      .. '</ul></div><div><ul><li><a href="/a">Rail yard keeps pace with the port</a></li>'
      .. '<li><a href="/b">Ferry timetable for the winter months</a></li></ul></div><p>' .. PARAGRAPHS[2],
      PARAGRAPHS[3] } })
    assert.same({ PARAGRAPHS[1], first .. "after its cable snapped again", second .. "with new motors from Bremen",
                  PARAGRAPHS[2], PARAGRAPHS[3] }, record.body)
  end)

  it("reads headings, list items, quotes and captions as paragraphs of their own", function()
    local record = parse(page { paragraphs = { PARAGRAPHS[1] .. "</p><h2>What comes next</h2><p>" .. PARAGRAPHS[2]
      .. "</p><ul><li>Crane one, repaired in March</li><li>Crane two, repaired in April</li></ul>"
      .. "<blockquote>We are back, said the harbour master.</blockquote>"
      .. "<figure><img src='c.jpg'><figcaption>The cranes at dawn.</figcaption></figure><p>" .. PARAGRAPHS[3] } })
    assert.same({ PARAGRAPHS[1], "What comes next", PARAGRAPHS[2], "Crane one, repaired in March",
                  "Crane two, repaired in April", "We are back, said the harbour master.", "The cranes at dawn.",
                  PARAGRAPHS[3] }, record.body)
  end)

  it("leaves out share bars, newsletter boxes, cookie notices and ads inside the article", function()
    local record = parse(page { paragraphs = { PARAGRAPHS[1] .. '</p><div class="share-bar"><a href="#">Share</a>'
      .. '<a href="#">Tweet</a></div><div class="newsletter-signup">Get our newsletter every morning</div>'
      .. '<div id="cookie-consent">We use cookies to improve your experience on our site.</div>'
      .. '<div class="ad-slot">Advertisement</div><p>' .. PARAGRAPHS[2], PARAGRAPHS[3] } })
    assert.same(PARAGRAPHS, record.body)
  end)

  it("keeps a block that is mostly a bulleted list inside the article", function()
    local record = parse(page { paragraphs = { PARAGRAPHS[1] .. "</p><blockquote><div><ul>"
      .. "<li>Crane one was repaired in March, after its cable snapped</li>"
      .. "<li>Crane two was repaired in April, with new motors</li></ul></div></blockquote><p>" .. PARAGRAPHS[2],
      PARAGRAPHS[3] } })
    assert.same({ PARAGRAPHS[1], "Crane one was repaired in March, after its cable snapped",
                  "Crane two was repaired in April, with new motors", PARAGRAPHS[2], PARAGRAPHS[3] }, record.body)
  end)

  it("reads a section whose id is its heading's words as part of the article, whatever the words", function()
    local shared = "The rail yard, which lent its workers to the quay, shares its sidings with the port again, "
      .. "and the night trains, delayed for weeks, run on time."
    local html = ([[<html><head><title>Cranes</title></head><body><div class="body">
      <div class="section" id="the-cranes-return"><h1>The cranes return</h1><p>%s</p><p>%s</p><p>%s</p>
      <div class="section" id="sharing-the-rail-yard-again"><h2>Sharing the rail yard again</h2><p>%s</p>
      </div></div></div></body></html>]]):format(PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3], shared)
    assert.same({ "The cranes return", PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3], "Sharing the rail yard again",
                  shared }, parse(html).body)
  end)

  it("reads paragraphs whatever their class says (a metered paywall's)", function()
    local metered = "Engineers say the new cables, ordered from a mill in Sheffield, should last a decade, "
      .. "twice as long as the old ones, which had been fitted in 1998."
    local record = parse(page { paragraphs = { PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3] .. '</p><p class="paywall">'
      .. metered } })
    assert.same({ PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3], metered }, record.body)
  end)

  it("reads an article in parts: siblings of its class between figures", function()
    local function deep(paragraphs)
      return '<div class="chunk"><div><div><div><div><div><p>' .. table.concat(paragraphs, "</p><p>")
        .. "</p></div></div></div></div></div></div>"
    end
    local parts = ([[<html><head><title>Cranes</title></head><body><div id="story">%s
      <figure><img src='a.jpg'><figcaption>The quay.</figcaption></figure>%s</div></body></html>]])
      :format(deep { PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[2], PARAGRAPHS[3] }, deep { PARAGRAPHS[1] })
    assert.same({ PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[1] }, parse(parts).body)
  end)

  it("takes the element marked itemprop=articleBody", function()
    local gallery = {}
    for i = 1, 20 do
      gallery[#gallery + 1] = ("<div class='slide'><p>Slide %d: a crane, photographed from the quay at sunset, "
        .. "with gulls, ships, stacks of containers and the old lighthouse.</p></div>"):format(i)
    end
    local html = ([[<html><body><div class="gallery">%s</div>
      <div itemprop="articleBody"><p>%s</p><p>%s</p></div></body></html>]]):format(table.concat(gallery),
      PARAGRAPHS[1], PARAGRAPHS[2])
    assert.same({ PARAGRAPHS[1], PARAGRAPHS[2] }, parse(html).body)
  end)

  it("gives a paywalled stub its teaser, title and date", function()
    local record = parse(page { paragraphs = { PARAGRAPHS[1] },
      head = '<title>Harbour cranes return</title><meta property="article:published_time" content="2024-03-05">',
      after = '<div class="paywall"><p>Subscribe to continue reading.</p><a href="/subscribe">Subscribe</a></div>' })
    assert.same({ PARAGRAPHS[1] }, record.body)
    assert.equal("2024-03-05", record.date)
    assert.is_nil(record.warnings)
  end)

  it("says 'no article found' for an index page of links", function()
    local links = {}
    for i = 1, 30 do
      links[#links + 1] = ('<li><a href="/story/%d">Story number %d about the harbour and its cranes</a></li>')
        :format(i, i)
    end
    local record = parse("<html><head><title>Harbour news | Port Gazette</title></head><body><h1>Harbour</h1><ul>"
      .. table.concat(links) .. "</ul></body></html>")
    assert.is_nil(record.body)
    assert.same({ "no article found" }, record.warnings)
    assert.truthy(record.title)
  end)

  it("removes the site's suffix from <title> and prefers og:title", function()
    local suffixed = page { head = "<title>Cranes are back at work - Port Gazette</title>" }
    assert.equal("Cranes are back at work", parse(suffixed).title)
    assert.equal("Cranes return", parse(page { head = [[<title>Cranes return | Port Gazette</title>
      <meta property="og:title" content="Cranes return"><meta property="og:site_name" content="Port Gazette">]] })
      .title)
  end)

  it("takes the first declared title when <title> confirms none: Dublin Core's before og:title", function()
    local record = parse(page { head = [[<title>Port Gazette</title>
      <meta property="og:title twitter:title" content="Cranes back">
      <meta property="x:title dc:title" content="Harbour cranes return, the port says">]] })
    assert.equal("Harbour cranes return, the port says", record.title)
    -- each name of a space-separated property counts
    assert.equal("Cranes back at work", parse(page { head = [[<title>Port Gazette</title>
      <meta property="og:title twitter:title" content="Cranes back at work">]] }).title)
  end)

  it("takes the title <title> confirms, quote styles and white space aside", function()
    local record = parse(page { head = [[<title>The ‘harbour’ cranes  return | PG</title>
      <meta property="og:title" content="The 'harbour' cranes return">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Cranes: what to know"}</script>]] })
    assert.equal("The 'harbour' cranes return", record.title)
  end)

  it("never takes a logo's <h1> naming the site, nor a heading's permalink mark", function()
    local record = parse(page { head = "<title>Cranes are back at work — Port Gazette</title>",
      before_h1 = "<h1>Port Gazette</h1><h1>Cranes are back at work <a class='headerlink' href='#c'>¶</a></h1>" })
    assert.equal("Cranes are back at work", record.title)
  end)

  it("reads a byline in a body whose class names a sidebar, not from a complementary block", function()
    local html = ([[<html><head><title>Harbour cranes return</title></head>
      <body class="single sidebar-primary"><div role="complementary"><div class="author-name">Other Writer</div></div>
      <article><h1>Harbour cranes return</h1><div class="article__author">By Ann Lee</div>
      <p>%s</p><p>%s</p></article></body></html>]]):format(PARAGRAPHS[1], PARAGRAPHS[2])
    assert.equal("Ann Lee", parse(html).byline)
  end)

  it("takes the name from a byline block that holds the writer's role too", function()
    local record = parse(page { head = "<title>Harbour cranes return</title>",
      header = '<div class="author"><a class="author-link" href="/ann">Ann Lee</a>'
        .. '<div class="author-title">Ports Editor</div></div>' })
    assert.equal("Ann Lee", record.byline)
  end)

  it("takes Dublin Core's creator before a generic author meta", function()
    local record = parse(page { head = [[<title>Harbour cranes return</title>
      <meta name="author" content="Port Gazette staff"><meta property="dc:creator" content="Ann Lee">]] })
    assert.equal("Ann Lee", record.byline)
  end)

  it("reads url, description, site, tags and lang from metas; opts.url when the page names none", function()
    local record = parse(page { lang = "en-GB", head = [[<title>Cranes return</title>
      <link rel="canonical" href="https://port.example/cranes"><meta name="description" content="The cranes are back.">
      <meta property="og:site_name" content="Port Gazette"><meta property="article:tag" content="Ports">
      <meta property="article:tag" content="Rail freight"><meta name="keywords" content="ignored, when tags exist">]] })
    assert.equal("https://port.example/cranes", record.url)
    assert.equal("The cranes are back.", record.description)
    assert.equal("Port Gazette", record.site)
    assert.equal("en-GB", record.lang)
    assert.same({ "ports", "rail-freight" }, record.tags)
    assert.equal("https://given.example/", parse(page {}, { url = "https://given.example/" }).url)
  end)

  it("passes tags through the tagger given", function()
    local tagger = broadsheet.tags.new { aliases = { ["rail freight"] = "railways" } }
    local keywords = page { head = '<meta name="news_keywords" content="Rail freight, Ports">' }
    local record = parse(keywords, { tagger = tagger })
    assert.same({ "railways", "ports" }, record.tags)
  end)

  it("reads another meta whose name says publication, never the publisher's", function()
    local record = parse(page { head = [[<title>Cranes</title><meta property="article:publisher" content="2020-01-01">
      <meta name="cXenseParse:recs:publishtime" content="2024-03-05T09:30:00.000Z">]] })
    assert.equal("2024-03-05T09:30:00Z", record.date)
  end)

  it("reads a date from the URL's path last", function()
    local record = parse(page {
      head = '<title>Cranes</title><link rel="canonical" href="https://p.example/2024/03/05/cranes">' })
    assert.equal("2024-03-05", record.date)
  end)

  it("stores opts.source", function()
    assert.equal("mirror/a.html", parse(page {}, { source = "mirror/a.html" }).source)
  end)

  it("rejects what is not a string", function()
    assert.has_error(function() broadsheet.parse_html(42) end,
      "bad argument #1 to 'parse_html' (string expected, got number)")
    assert.has_error(function() broadsheet.parse_html("<p>x</p>", 5) end,
      "bad argument #2 to 'parse_html' (table expected, got number)")
  end)
end)

describe("parse_html encodings", function()
  local latin = "<html><head><title>Caf\233 cr\232me</title></head><body><article><p>" .. PARAGRAPHS[1]
    .. " Caf\233 cr\232me \128 na\239ve.</p></article></body></html>"

  it("reads a <meta charset> declaration (Latin-1 as Windows-1252)", function()
    local record = parse((latin:gsub("<head>", '<head><meta charset="iso-8859-1">')))
    assert.equal("Café crème", record.title)
    assert.matches("Café crème € naïve%.$", record.body[1])
    assert.is_nil(record.warnings)
  end)

  it("reads the http-equiv declaration and the caller's charset", function()
    local declared = latin:gsub("<head>",
      '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    assert.equal("Café crème", parse(declared).title)
    assert.equal("Café crème", parse(latin, { charset = "ISO-8859-1" }).title)
  end)

  it("repairs undeclared invalid UTF-8 as Windows-1252, with a warning", function()
    local record = parse(latin)
    assert.equal("Café crème", record.title)
    assert.same({ "invalid UTF-8 decoded as Windows-1252 (6)" }, record.warnings)
  end)

  it("overrules a declared charset when the page is valid UTF-8", function()
    local record = parse('<meta charset="iso-8859-1"><title>Café</title><p>' .. PARAGRAPHS[1] .. "</p>")
    assert.equal("Café", record.title)
    assert.same({ "declared charset windows-1252 ignored: the page is valid UTF-8" }, record.warnings)
  end)

  it("reads other charsets through libxml2, and warns of unknown ones", function()
    local record = parse("<meta charset=\"koi8-r\"><title>\203\207\212</title><p>" .. PARAGRAPHS[1] .. "</p>")
    assert.equal("кот", record.title)
    record = parse('<meta charset="no-such-charset"><title>Cranes</title><p>' .. PARAGRAPHS[1] .. "</p>")
    assert.same({ "unknown charset no-such-charset: read as UTF-8" }, record.warnings)
  end)

  it("decodes UTF-16 with a byte order mark", function()
    local text = "<title>Cranes é</title><p>" .. PARAGRAPHS[1] .. "</p>"
    local utf16 = { "\255\254" }
    for _, code in utf8.codes(text) do utf16[#utf16 + 1] = string.pack("<I2", code) end
    local record = parse(table.concat(utf16))
    assert.equal("Cranes é", record.title)
    assert.same({ "UTF-16 decoded" }, record.warnings)
  end)

  it("decodes entities; NUL and surrogate references never reach the record", function()
    local record = parse("<title>A &amp; B &eacute; &#x263A; &#0; &#xD800;</title><p>" .. PARAGRAPHS[1]
      .. " &lt;tag&gt; &#128512;</p>")
    assert.is_true(utf8.len(record.title) ~= nil)
    assert.matches("^A & B é ☺", record.title)
    assert.is_nil(record.title:find("\0", 1, true))
    assert.matches("<tag> 😀$", record.body[1])
  end)
end)

describe("HTML in the pipeline", function()
  it("parse sees a web page by its content", function()
    assert.equal("Harbour cranes return", broadsheet.parse(page {}).title)
    assert.equal("Harbour cranes return", broadsheet.parse("\n  " .. page {}).title)
    assert.is_nil(broadsheet.parse("Harbour cranes return\n\nThe cranes are back.").url)
  end)

  it("parse takes a fragment opening with <div> for a page (a page dump opening so: spec/dump_spec.lua)", function()
    local fragment = "<div class=\"story\">\n<h1>Harbour cranes return</h1>\n<p>" .. PARAGRAPHS[1] .. "</p>\n<p>"
      .. PARAGRAPHS[2] .. "</p>\n</div>\n"
    assert.same({ PARAGRAPHS[1], PARAGRAPHS[2] }, broadsheet.parse(fragment).body)
  end)

  it("open reads .html, .htm and .xhtml beside .txt, and filters work on them", function()
    local dir = support.temp_dir()
    support.write(dir .. "/a.html", page {})
    support.write(dir .. "/b.htm", page { head = "<title>Rail yard reopens</title>" })
    support.write(dir .. "/c.xhtml", page { head = "<title>Ferry strike ends</title>" })
    support.write(dir .. "/d.txt",
      "Chip makers race\n\nThree manufacturers said on Monday that they would open plants.\n")
    support.write(dir .. "/e.css", "body { color: red }")
    local titles = {}
    for record in broadsheet.open(dir):filter(broadsheet.filter.text("cranes")):each() do
      titles[#titles + 1] = record.title
    end
    assert.same({ "Harbour cranes return", "Rail yard reopens", "Ferry strike ends" }, titles)
    assert.equal(4, broadsheet.open(dir):count())
    os.execute('rm -rf "' .. dir .. '"')
  end)

  it("exports url, lang and description where formats have a place for them", function()
    local record = parse(page { head = [[<title>Cranes return</title>
      <link rel="canonical" href="https://port.example/c">
      <meta name="description" content="The cranes are back.">]] })
    local formats = require "broadsheet.formats"
    local function export(name, split)
      local dir = support.temp_dir()
      local path = split and dir .. "/pages" or dir .. "/out"
      local done = false
      assert(formats.export(name, function()
        if done then return nil end
        done = true
        return record
      end, path, { split = split }))
      local text = split and support.read(path .. "/" .. io.popen('ls "' .. path .. '"'):read("l"))
        or support.read(path)
      os.execute('rm -rf "' .. dir .. '"')
      return text
    end
    assert.equal("https://port.example/c", require("cjson").decode(export("jsonl")).url)
    assert.matches('"url":.*"lang":.*"description":.*"body":', export("jsonl"))
    assert.matches('<link rel="alternate" href="https://port.example/c"/>', export("atom"), 1, true)
    assert.matches("<summary>The cranes are back.</summary>", export("atom"), 1, true)
    assert.matches("<link>https://port.example/c</link>", export("rss"), 1, true)
    assert.matches('url: "https://port.example/c"\nlang: "en"\ndescription: "The cranes are back."\n',
      export("markdown", true), 1, true)
  end)

  it("broadsheet check lists pages with no article", function()
    local dir = support.temp_dir()
    support.write(dir .. "/article.html", page {})
    support.write(dir .. "/index.html", '<html><head><title>Index</title></head><body><ul>'
      .. '<li><a href="/1">One story</a>'
      .. '</li><li><a href="/2">Another story</a></li></ul></body></html>')
    local out, _, status = support.run('lua5.4 bin/broadsheet check "' .. dir .. '"')
    assert.is_not_true(status == 0)
    assert.matches("index%.html: not an article: no article found", out)
    assert.is_nil(out:find("article.html:", 1, true))
    out = support.run('lua5.4 bin/broadsheet parse "' .. dir .. '/article.html"')
    local record = require("cjson").decode(out)
    assert.equal("Harbour cranes return", record.title)
    assert.equal("en", record.lang)
    os.execute('rm -rf "' .. dir .. '"')
  end)
end)
