-- The custom formats in examples/formats/: a BibTeX citation list and a
-- one-line-per-article digest, loaded the way users load them.
local broadsheet = require "broadsheet"
local formats = require "broadsheet.formats"
local support = require "spec.support"

local COMMAND = "lua5.4 bin/broadsheet"
local DEMO = "examples/archive"
local BIBTEX = "examples/formats/bibtex.lua"
local DIGEST = "examples/formats/digest.lua"

local export_text = support.export_text

local function lines_of(text)
  local lines = {}
  for line in (text .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  if lines[#lines] == "" then lines[#lines] = nil end
  return lines
end

---------------------------------------------------------------- BibTeX

-- A small BibTeX reader, independent of the writer: entries of
-- @type{key, name = {braced} | "quoted" | bare, ...}, text outside entries
-- ignored (as BibTeX does). Raises on unbalanced braces or a malformed entry.
local function read_bibtex(text)
  local entries, pos = {}, 1
  local function skip_space() pos = text:find("[^%s]", pos) or #text + 1 end
  local function braced()
    assert(text:sub(pos, pos) == "{", "{ expected at " .. pos)
    local depth, start = 0, pos
    repeat
      local c = text:sub(pos, pos)
      assert(c ~= "", "unbalanced braces from " .. start)
      if c == "\\" then
        pos = pos + 1 -- an escaped character is never a brace of the structure
      elseif c == "{" then
        depth = depth + 1
      elseif c == "}" then
        depth = depth - 1
      end
      pos = pos + 1
    until depth == 0
    return text:sub(start + 1, pos - 2)
  end
  while true do
    local at = text:find("@", pos, true)
    if not at then break end
    local kind, after = text:match("^@(%a+)%s*{()", at)
    assert(kind, "entry type expected at " .. at)
    pos = after
    local key = text:match("^([^,%s}]+)", pos)
    assert(key, "key expected at " .. pos)
    pos = pos + #key
    local entry = { type = kind:lower(), key = key, fields = {}, order = {} }
    while true do
      skip_space()
      local c = text:sub(pos, pos)
      if c == "}" then pos = pos + 1; break end
      assert(c == ",", ", expected at " .. pos .. ": " .. text:sub(pos, pos + 20))
      pos = pos + 1
      skip_space()
      if text:sub(pos, pos) == "}" then pos = pos + 1; break end
      local name = text:match("^([%a_%-]+)%s*=%s*", pos)
      assert(name, "field name expected at " .. pos)
      pos = pos + #text:match("^[%a_%-]+%s*=%s*", pos)
      local value
      if text:sub(pos, pos) == "{" then
        value = { braced = braced() }
      else
        value = { bare = text:match("^[%w]+", pos) }
        assert(value.bare, "value expected at " .. pos)
        pos = pos + #value.bare
      end
      assert(not entry.fields[name:lower()], "field " .. name .. " twice")
      entry.fields[name:lower()] = value
      entry.order[#entry.order + 1] = name:lower()
    end
    entries[#entries + 1] = entry
  end
  return entries
end

-- TeX escapes back to the characters they print.
local function untex(text)
  return (text:gsub("\\textbackslash{}", "\\"):gsub("\\textasciitilde{}", "~"):gsub("\\textasciicircum{}", "^")
    :gsub("\\([{}%%&$#_])", "%1"))
end

describe("examples/formats/bibtex.lua", function()
  local bibtex = formats.load(BIBTEX)

  it("is a format users load by path", function()
    assert.equal("bibtex", bibtex.name)
    assert.equal("bib", bibtex.extension)
    assert.truthy(#bibtex.description > 0)
    assert.equal("bibtex", formats.resolve(BIBTEX).name)
  end)

  it("writes one @article per article of the demo archive, keyed by id", function()
    local records = broadsheet.open(DEMO):collect()
    local entries = read_bibtex(export_text(BIBTEX, records))
    assert.equal(#records, #entries)
    for i, record in ipairs(records) do
      local entry = entries[i]
      assert.equal("article", entry.type)
      assert.equal(record.id, entry.key)
      assert.equal("{" .. record.title .. "}", untex(entry.fields.title.braced))
      assert.equal(record.site, entry.fields.journal and untex(entry.fields.journal.braced))
      assert.equal(record.date:sub(1, 4), entry.fields.year.bare)
      local months = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" }
      assert.equal(months[tonumber(record.date:sub(6, 7))], entry.fields.month.bare)
      assert.equal(record.date:sub(1, 10), entry.fields.date.braced)
      if record.byline then assert.equal(record.byline, untex(entry.fields.author.braced)) end
      if record.tag_labels then
        assert.equal(table.concat(record.tag_labels, ", "), untex(entry.fields.keywords.braced))
      end
      assert.equal("Archived as " .. record.source, untex(entry.fields.note.braced))
    end
  end)

  it("escapes BibTeX's special characters { } \\ % & $ # _ ~ ^, each once", function()
    local title = [[50% of R&D costs $5 #1 user_name ~x^2 {braces} back\slash]]
    local out = export_text(BIBTEX, { { id = "1234", title = title, body = { "x" } } })
    assert.truthy(out:find([[title = {{50\% of R\&D costs \$5 \#1 user\_name \textasciitilde{}x\textasciicircum{}2 ]]
      .. [[\{braces\} back\textbackslash{}slash}},]], 1, true))
    local entry = read_bibtex(out)[1]
    assert.equal("{" .. title .. "}", untex(entry.fields.title.braced))
  end)

  it("keeps entries well-formed whatever the record holds", function()
    local records = {
      { id = "../bad key,{}", title = "}{ unbalanced \\ and\nnew\r\nlines\0\27 \255\254",
        byline = "Jane } Doe", site = "{Site", tag_labels = { "a}", "{b" }, date = "2016-13-45",
        source = "https://example.invalid/a b{c}" },
      { title = "No id, no date", body = { "Body." } },
    }
    local out = export_text(BIBTEX, records)
    assert.truthy(utf8.len(out))
    assert.falsy(out:find("[%z\1-\8\11\12\14-\31\127]"))
    local entries = read_bibtex(out)
    assert.equal(2, #entries)
    assert.equal("badkey", entries[1].key)
    assert.equal("{}{ unbalanced \\ and new lines \239\191\189\239\191\189}", untex(entries[1].fields.title.braced))
    assert.equal("Jane } Doe", untex(entries[1].fields.author.braced))
    assert.is_nil(entries[1].fields.month)
    assert.equal("https://example.invalid/a%20b%7Bc%7D", entries[1].fields.url.braced)
    assert.truthy(entries[2].key:match("^%x+$"))
    assert.is_nil(entries[2].fields.year)
  end)

  it("gives the same article twice two keys, and joins authors with and", function()
    local record = { id = "abc", title = "T", byline = "Jane Doe & John Roe", body = { "x" } }
    local entries = read_bibtex(export_text(BIBTEX, { record, record,
      { id = "def", title = "U", byline = "Ann Lee, Bo Chan, and Cy Dee", body = { "y" } } }))
    assert.same({ "abc", "abc-2", "def" }, { entries[1].key, entries[2].key, entries[3].key })
    assert.equal("Jane Doe and John Roe", entries[1].fields.author.braced)
    assert.equal("Ann Lee and Bo Chan and Cy Dee", entries[3].fields.author.braced)
  end)

  it("runs from the command line with --format, to a file", function()
    local dir = support.temp_dir()
    local path = dir .. "/news.bib"
    local _, err, status = support.run(COMMAND .. " export --format " .. BIBTEX .. " -q tag:europe -o " .. path
      .. " " .. DEMO)
    assert.equal("", err)
    assert.equal(0, status)
    local expected = broadsheet.open(DEMO):filter("tag:europe"):count()
    local text = support.read(path)
    assert.equal(expected, #read_bibtex(text))
    assert.truthy(text:find(("%% %d entries.\n$"):format(expected)))
    os.execute("rm -rf '" .. dir .. "'")
  end)
end)

---------------------------------------------------------------- digest

describe("examples/formats/digest.lua", function()
  it("is a format users load by path", function()
    local digest = formats.load(DIGEST)
    assert.equal("digest", digest.name)
    assert.equal("txt", digest.extension)
    assert.truthy(#digest.description > 0)
  end)

  it("writes a header line, one line per article, and a count", function()
    local records = broadsheet.open(DEMO):sort("date"):collect()
    local lines = lines_of(export_text(DIGEST, records, { title = "Demo digest" }))
    assert.equal("Demo digest", lines[1])
    assert.equal("", lines[2])
    assert.equal(#records + 5 - 1, #lines)
    for i, record in ipairs(records) do
      local line = lines[i + 2]
      local labels = record.tag_labels and "  (" .. table.concat(record.tag_labels, ", ") .. ")" or ""
      assert.equal(record.date:sub(1, 10) .. "  " .. record.title .. labels, line)
    end
    assert.equal("", lines[#lines - 1])
    assert.equal(#records .. " articles", lines[#lines])
  end)

  it("keeps one line per article whatever the record holds", function()
    local lines = lines_of(export_text(DIGEST, {
      { title = "Two\nlines\0 and \255 bytes", body = { "x" } },
      { title = "Timed", date = "2016-06-14T09:30:00+02:00", tag_labels = { "a\nb" } },
    }))
    assert.same({ "Digest", "", "undated     Two lines and \239\191\189 bytes", "2016-06-14  Timed  (a b)", "",
                  "2 articles" }, lines)
  end)

  it("counts one article and none in words", function()
    local one = lines_of(export_text(DIGEST, { { title = "One" } }))
    assert.same({ "Digest", "", "undated     One", "", "1 article" }, one)
    assert.same({ "Digest", "", "", "0 articles" }, lines_of(export_text(DIGEST, {})))
  end)

  it("runs from the command line with a query, sorted, titled", function()
    local out, err, status = support.run(COMMAND .. " export -f " .. DIGEST
      .. " -q 'tag:europe' --sort date --title 'Europe' " .. DEMO)
    assert.equal("", err)
    assert.equal(0, status)
    local lines = lines_of(out)
    assert.equal("Europe", lines[1])
    local dates = {}
    for i = 3, #lines - 2 do dates[#dates + 1] = lines[i]:sub(1, 10) end
    local sorted = { table.unpack(dates) }
    table.sort(sorted)
    assert.same(sorted, dates)
    assert.equal(#dates .. " articles", lines[#lines])
    assert.equal(broadsheet.open(DEMO):filter("tag:europe"):count(), #dates)
  end)
end)

describe("examples/formats/README.md", function()
  it("says how to use both formats", function()
    local text = support.read("examples/formats/README.md")
    assert.truthy(text:find("broadsheet export --format examples/formats/bibtex.lua", 1, true))
    assert.truthy(text:find("examples/formats/digest.lua", 1, true))
  end)
end)
