-- broadsheet.parse on the seed article and on the layout's variations.
local broadsheet = require "broadsheet"
local support = require "spec.support"

local FOOTER = "Send us a correction about this article Send us a news tip"

-- An article in the archive's layout, assembled from parts so that each
-- test changes one thing.
local function article(parts)
  local blocks = {}
  local function add(text) if text then blocks[#blocks + 1] = text end end
  add(parts.site)
  add(parts.title or "Chip makers race to build smaller transistors")
  add(parts.date)
  add(parts.extra)
  for _, para in ipairs(parts.body or {
    "Three manufacturers said on Monday that they would open new plants next year.",
    "Analysts expect prices to fall once the plants are running.",
  }) do add(para) end
  local text = table.concat(blocks, "\n\n")
  if parts.tail then text = text .. "\n\n\n" .. parts.tail end
  return text
end

describe("the seed article", function()
  local path = support.shared("seed/000_45b1fb54bce00bc4.txt")
  if not path then
    pending("../shared/seed is absent: seed article checks skipped")
    return
  end
  local record = assert(broadsheet.parse_file(path))

  it("has the masthead, headline, date and caption", function()
    assert.equal("The Stack Archive", record.site)
    assert.equal("China, U.S. making moves to implement cybersecurity agreements", record.title)
    assert.equal("2016-06-14", record.date)
    assert.equal("Tue 14 Jun 2016", record.date_text)
    assert.equal("Jinping Obama", record.caption)
    assert.is_nil(record.byline)
  end)

  it("has the ten body paragraphs, whitespace-normalized", function()
    assert.equal(10, #record.body)
    assert.matches("^Chinese and U%.S%. government officials have revealed", record.body[1])
    assert.matches("^China denies sponsoring", record.body[10])
    assert.matches("U%.S%. findings have revealed", record.body[10]) -- the no-break space squeezed
    for _, para in ipairs(record.body) do
      assert.is_nil(para:find("%s%s"))
      assert.is_nil(para:find("^%s"))
    end
  end)

  it("has the tags as printed and as slugs, and the footer", function()
    assert.same({ "Asia", "China", "hacking", "security", "US" }, record.tag_labels)
    assert.same({ "asia", "china", "hacking", "security", "us" }, record.tags)
    assert.equal(FOOTER, record.footer)
  end)

  it("has a source, a stable id, a word count and no warnings", function()
    assert.equal(path, record.source)
    assert.matches("^%x+$", record.id)
    assert.equal(16, #record.id)
    assert.equal(record.id, broadsheet.parse(support.read(path)).id)
    assert.is_true(record.words > 300 and record.words < 360)
    assert.is_nil(record.warnings)
  end)

  it("loses no word of the input", function()
    assert.same(support.text_words(support.read(path)), support.record_words(record))
  end)
end)

describe("layout variations", function()
  local full = {
    site = "The Stack Archive", date = "Tue 14 Jun 2016", extra = "Jinping Obama",
    tail = "Asia China hacking security US\n" .. FOOTER,
  }

  it("reads the full layout", function()
    local r = broadsheet.parse(article(full))
    assert.equal("The Stack Archive", r.site)
    assert.equal("Chip makers race to build smaller transistors", r.title)
    assert.equal("2016-06-14", r.date)
    assert.equal("Jinping Obama", r.caption)
    assert.equal(2, #r.body)
    assert.same({ "asia", "china", "hacking", "security", "us" }, r.tags)
    assert.equal(FOOTER, r.footer)
  end)

  it("works without a masthead", function()
    local r = broadsheet.parse(article { date = "14 June 2016", tail = "China US" })
    assert.is_nil(r.site)
    assert.equal("Chip makers race to build smaller transistors", r.title)
    assert.equal("2016-06-14", r.date)
    assert.same({ "china", "us" }, r.tags)
  end)

  local dates = {
    ["Tue 14 Jun 2016"] = "2016-06-14",
    ["14 June 2016"] = "2016-06-14",
    ["June 14, 2016"] = "2016-06-14",
    ["Tuesday, June 14, 2016"] = "2016-06-14",
    ["Jun 14, 2016 08:45 AM"] = "2016-06-14T08:45:00",
    ["2016-06-14"] = "2016-06-14",
    ["2016-06-14T09:30:00Z"] = "2016-06-14T09:30:00Z",
    ["2016-06-14T09:30:00+02:00"] = "2016-06-14T09:30:00+02:00",
    ["Tue, 14 Jun 2016 09:30:00 +0000"] = "2016-06-14T09:30:00Z",
    ["14-JUN-2016"] = "2016-06-14",
    ["26-FEB-1987"] = "1987-02-26",
    ["Published 14 June 2016"] = "2016-06-14",
    ["Posted on June 14, 2016"] = "2016-06-14",
    ["Updated: 2016-06-14"] = "2016-06-14",
  }
  for printed, iso in pairs(dates) do
    it("reads the date line " .. printed, function()
      local r = broadsheet.parse(article { site = "The Stack Archive", date = printed })
      assert.equal(iso, r.date)
      assert.equal(printed, r.date_text)
      assert.equal("The Stack Archive", r.site)
      assert.equal(2, #r.body)
    end)
  end

  it("does not take an impossible date for a date", function()
    local r = broadsheet.parse(article { date = "31 Feb 2016" })
    assert.is_nil(r.date)
    assert.equal("31 Feb 2016", r.body[1])
  end)

  it("reads a date on the headline's last line", function()
    local r = broadsheet.parse("Chip makers race ahead\n14 June 2016\n\nThe plants open next year.\n")
    assert.equal("Chip makers race ahead", r.title)
    assert.equal("2016-06-14", r.date)
    assert.same({ "The plants open next year." }, r.body)
  end)

  it("reads a byline before or after the date", function()
    local r = broadsheet.parse(article { date = "14 June 2016", extra = "By Jane Doe" })
    assert.equal("Jane Doe", r.byline)
    assert.is_nil(r.caption)
    r = broadsheet.parse(article {
      title = "Headline here", date = "By Jane Doe and John Smith", extra = "June 14, 2016",
    })
    assert.equal("Jane Doe and John Smith", r.byline)
    assert.equal("2016-06-14", r.date)
  end)

  it("reads a masthead followed by headline, byline and date", function()
    local r = broadsheet.parse(article { site = "The Stack Archive", date = "By Jane Doe", extra = "14 June 2016" })
    assert.equal("The Stack Archive", r.site)
    assert.equal("Chip makers race to build smaller transistors", r.title)
    assert.equal("Jane Doe", r.byline)
    assert.equal("2016-06-14", r.date)
  end)

  it("reads a headline starting with 'By' after the masthead as the headline", function()
    local r = broadsheet.parse(article {
      site = "The Stack Archive", title = "By Intel's count, chip sales fell again", date = "14 June 2016",
    })
    assert.equal("The Stack Archive", r.site)
    assert.equal("By Intel's count, chip sales fell again", r.title)
    assert.is_nil(r.byline)
    -- A byline's names may hold connectives, and a title after a comma.
    r = broadsheet.parse(article {
      title = "Headline here", date = "By Jane Doe and Jean de la Tour", extra = "14 June 2016",
    })
    assert.is_nil(r.site)
    assert.equal("Headline here", r.title)
    assert.equal("Jane Doe and Jean de la Tour", r.byline)
    r = broadsheet.parse(article {
      title = "Headline here", date = "By Jane Doe, Science Editor", extra = "14 June 2016",
    })
    assert.is_nil(r.site)
    assert.equal("Jane Doe, Science Editor", r.byline)
  end)

  it("keeps a first paragraph that starts with 'By' in the body", function()
    local r = broadsheet.parse(article { date = "14 June 2016", extra = "By the end of the year, sales had doubled." })
    assert.is_nil(r.byline)
    assert.equal("By the end of the year, sales had doubled.", r.body[1])
  end)

  it("keeps a short first paragraph in the body when it is not a caption", function()
    local r = broadsheet.parse(article { date = "14 June 2016", extra = "Prices fell." })
    assert.is_nil(r.caption)
    assert.equal("Prices fell.", r.body[1])
    r = broadsheet.parse(article { date = "14 June 2016", extra = "more updates to follow" })
    assert.is_nil(r.caption)
    assert.equal(3, #r.body)
  end)

  it("reads a caption of names joined by 'and'", function()
    local r = broadsheet.parse(article {
      site = "The Stack Archive", date = "14 June 2016", extra = "Xi Jinping and Barack Obama",
    })
    assert.equal("Xi Jinping and Barack Obama", r.caption)
  end)

  it("keeps a headline that is not in title case", function()
    local r = broadsheet.parse(article { title = "why the cloud bill keeps growing", date = "14 June 2016" })
    assert.equal("why the cloud bill keeps growing", r.title)
  end)

  it("reads a 'Tags:' line with multi-word tags", function()
    local r = broadsheet.parse(article { tail = "Tags: cloud computing, data centres, Europe" })
    assert.same({ "cloud computing", "data centres", "Europe" }, r.tag_labels)
    assert.same({ "cloud-computing", "data-centres", "europe" }, r.tags)
    assert.is_nil(r.footer)
  end)

  it("reads a 'Tags:' line right under the last paragraph", function()
    local r = broadsheet.parse("Headline\n\nFirst paragraph.\n\nLast paragraph.\nTags: security, China\n")
    assert.same({ "First paragraph.", "Last paragraph." }, r.body)
    assert.same({ "security", "china" }, r.tags)
  end)

  it("de-duplicates tags by slug, keeping the first spelling", function()
    local r = broadsheet.parse(article { tail = "Tags: China, china, CHINA, US" })
    assert.same({ "China", "US" }, r.tag_labels)
    assert.same({ "china", "us" }, r.tags)
  end)

  it("has no tags when the article has none", function()
    local r = broadsheet.parse(article {})
    assert.is_nil(r.tags)
    assert.is_nil(r.tag_labels)
    assert.is_nil(r.footer)
    assert.equal(2, #r.body)
  end)

  it("keeps an unknown footer after the tag line as footer", function()
    local r = broadsheet.parse(article { tail = "Asia China\nMore from The Stack at thestack.example." })
    assert.same({ "asia", "china" }, r.tags)
    assert.equal("More from The Stack at thestack.example.", r.footer)
  end)

  it("reads boilerplate with no tags as footer", function()
    local r = broadsheet.parse(article { tail = "Copyright 2016 The Stack. All rights reserved." })
    assert.is_nil(r.tags)
    assert.equal("Copyright 2016 The Stack. All rights reserved.", r.footer)
    assert.equal(2, #r.body)
  end)

  it("keeps a last paragraph after two blank lines in the body", function()
    local r = broadsheet.parse(article { tail = "The company declined to comment." })
    assert.is_nil(r.tags)
    assert.equal(3, #r.body)
  end)

  it("uses a known masthead and footers given as options", function()
    local text = "Daily Bugle\n\nHeadline\n\nBody text here.\n\nPrinted by the Bugle Press."
    local r = broadsheet.parse(text, { site = "Daily Bugle", footers = { "Printed by the Bugle Press." } })
    assert.equal("Daily Bugle", r.site)
    assert.equal("Headline", r.title)
    assert.same({ "Body text here." }, r.body)
    assert.equal("Printed by the Bugle Press.", r.footer)
  end)

  local function same_record(a, b)
    a.source, b.source = nil, nil
    assert.same(a, b)
  end

  it("reads CRLF and CR line ends as LF", function()
    local text = article(full)
    same_record(broadsheet.parse(text), broadsheet.parse((text:gsub("\n", "\r\n"))))
    same_record(broadsheet.parse(text), broadsheet.parse((text:gsub("\n", "\r"))))
  end)

  it("drops a UTF-8 byte order mark and trailing blanks", function()
    local text = article(full)
    same_record(broadsheet.parse(text), broadsheet.parse("\239\187\191" .. text))
    same_record(broadsheet.parse(text), broadsheet.parse((text:gsub("\n", " \t \n")) .. "\n\n  \n"))
  end)

  it("joins the lines of a hard-wrapped paragraph", function()
    local r = broadsheet.parse("Headline\n\nThe first line\nand the second line\n   and a third.\n")
    assert.same({ "The first line and the second line and a third." }, r.body)
  end)

  it("counts the words of the body", function()
    local r = broadsheet.parse("Headline words\n\none two three\n\nfour five\n")
    assert.equal(5, r.words)
  end)

  it("gives the same id to the same article, another to another", function()
    local a = broadsheet.parse(article(full))
    assert.equal(a.id, broadsheet.parse(article(full)).id)
    assert.equal(a.id, broadsheet.parse((article(full):gsub("\n", "\r\n"))).id)
    assert.not_equal(a.id, broadsheet.parse(article { title = "Another headline" }).id)
  end)

  it("loses no word of any variation", function()
    for _, parts in ipairs {
      full, {}, { date = "14 June 2016", extra = "By Jane Doe" },
      { tail = "Tags: cloud computing, data centres" }, { tail = "Copyright 2016 The Stack." },
    } do
      local text = article(parts)
      assert.same(support.text_words(text), support.record_words(broadsheet.parse(text)))
    end
  end)
end)
