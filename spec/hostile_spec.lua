-- Hostile input at every entry point, through the Lua API and the command:
-- a clear error or a warning and a record, never a crash, a hang, or
-- unbounded memory, and an exit status that says which.
local broadsheet = require "broadsheet"
local formats = require "broadsheet.formats"
local support = require "spec.support"

local COMMAND = "lua5.4 bin/broadsheet"

local function random_bytes(n, seed)
  local bytes = {}
  for i = 1, n do
    seed = (seed * 1103515245 + 12345) % 2147483648
    bytes[i] = string.char(seed >> 16 & 255)
  end
  return table.concat(bytes)
end

local INPUTS = {
  ["empty"] = "",
  ["only whitespace"] = " \t\r\n\n   \n\t",
  ["100 MB without a newline"] = string.rep("x", 100 * 1024 * 1024),
  ["a million blank lines"] = "Headline\n" .. string.rep("\n", 1000000) .. "Body.",
  ["100,000 tags on one line"] = (function()
    local t = {}
    for i = 1, 100000 do t[i] = "tag" .. i end
    return "Headline\n\nBody.\n\n\n" .. table.concat(t, " ")
  end)(),
  ["an ELF header"] = "\127ELF\2\1\1\0" .. string.rep("\0", 8) .. "\2\0\62\0" .. random_bytes(4000, 7),
  ["a PNG header"] = "\137PNG\r\n\26\n\0\0\0\rIHDR" .. random_bytes(2000, 11),
  ["random bytes"] = random_bytes(100000, 3),
  ["UTF-16 with a byte order mark"] = "\255\254H\0e\0a\0d\0\n\0\n\0B\0o\0d\0y\0.\0",
  ["overlong UTF-8 and surrogates"] = "Head\192\175line\n\n\237\160\128 body \224\128\175 text\n",
  ["NUL in every field"] = "Site\0\n\nTitle\0\n\n14 June\0 2016\n\nBy Jane\0 Doe\n\nBody\0 text.\n\n\n"
    .. "Tag\0 Other\nSend us\0 a news tip",
}

describe("hostile input through broadsheet.parse", function()
  for name, text in pairs(INPUTS) do
    it("survives " .. name, function()
      local record = broadsheet.parse(text)
      assert.is_table(record)
      for _, key in ipairs { "site", "title", "date_text", "byline", "caption", "footer" } do
        if record[key] then assert.truthy(utf8.len(record[key]), key .. " is valid UTF-8") end
      end
      for _, para in ipairs(record.body or {}) do
        assert.truthy(utf8.len(para))
        assert.is_nil(para:find("%z"))
      end
      assert.truthy(record.warnings or record.title, "a record says what it found or what went wrong")
    end)
  end

  it("keeps NUL out of every field and says so", function()
    local record = broadsheet.parse(INPUTS["NUL in every field"])
    assert.equal("Title", record.title)
    assert.equal("2016-06-14", record.date)
    assert.equal("Jane Doe", record.byline)
    assert.same({ "tag", "other" }, record.tags)
    assert.matches("NUL bytes dropped", table.concat(record.warnings, ";"))
  end)

  it("keeps 50,000 of 100,000 tags and warns", function()
    local record = broadsheet.parse(INPUTS["100,000 tags on one line"])
    assert.equal(broadsheet.limits.tags, #record.tags)
    assert.matches("dropped", table.concat(record.warnings, ";"))
  end)
end)

describe("hostile queries", function()
  it("refuses 10,000 nested parentheses with a column", function()
    local text = string.rep("(", 10000) .. "x" .. string.rep(")", 10000)
    local filter, message = require("broadsheet.query").parse(text)
    assert.is_nil(filter)
    assert.matches("^column 101: parentheses nested deeper than 100", message)
  end)

  it("handles a 1 MB query: a clear error past the limit, an answer below it", function()
    local query = require "broadsheet.query"
    local _, message = query.parse(string.rep("word ", 210000))
    assert.matches("query longer than", message)
    assert.truthy(query.parse(string.rep("w ", 200000)))
  end)
end)

describe("hostile templates and formats", function()
  it("reports a template with an unclosed section", function()
    assert.error_matches(function() formats.template { article = "{{#body}}<p>{{.}}</p>", name = "t.html" } end,
      "unclosed section")
  end)

  it("leaves no file behind when a custom format errors, and the old file as it was", function()
    local dir = support.temp_dir()
    local path = dir .. "/out.txt"
    support.write(path, "old contents")
    local failing = { name = "failing", article = function(out, _, ctx)
      out:write("partial")
      if ctx.index == 2 then error("writer broke") end
    end }
    assert.error_matches(function()
      broadsheet.open("examples/archive"):export(failing, path)
    end, "writer broke")
    assert.equal("old contents", support.read(path))
    assert.equal("out.txt\n", (support.run('ls "' .. dir .. '"')))
    os.execute('rm -rf "' .. dir .. '"')
  end)

  it("does not let a custom format that yields confuse the export", function()
    local yielding = { name = "yielding", article = function(out, record)
      coroutine.yield("surprise")
      out:write(record.title)
    end }
    local co = coroutine.wrap(function()
      return broadsheet.open("examples/archive"):limit(1):export(yielding, { write = function() end })
    end)
    assert.equal("surprise", co())
    assert.equal(1, co())
  end)
end)

describe("hostile input through the command", function()
  local dir
  setup(function()
    dir = support.temp_dir()
    for name, text in pairs(INPUTS) do support.write(dir .. "/" .. name:gsub("[^%w]", "_") .. ".txt", text) end
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("parses every hostile file, reporting what it repaired, with exit status 1 from check", function()
    local out, err, status = support.run(COMMAND .. ' parse --no-learn "' .. dir .. '"')
    assert.equal(0, status, err)
    local _, lines = out:gsub("\n", "")
    local count = 0
    for _ in pairs(INPUTS) do count = count + 1 end
    assert.equal(count, lines)
    local _, _, check_status = support.run(COMMAND .. ' check --no-learn "' .. dir .. '"')
    assert.equal(1, check_status)
  end)

  it("reports a directory given as a file, a FIFO and a vanished path, and goes on", function()
    assert(os.execute(('mkfifo "%s/fifo.txt"'):format(dir)))
    -- The writer waits in the background for the command to open the FIFO.
    os.execute(('sh -c \'printf "Piped headline\\n\\nPiped body.\\n" > "%s/fifo.txt"\' >/dev/null 2>&1 &')
      :format(dir))
    local out, err, status = support.run(('%s parse "%s/fifo.txt" "%s/gone.txt" "%s/empty.txt"')
      :format(COMMAND, dir, dir, dir))
    assert.equal(1, status)
    assert.matches("Piped headline", out, 1, true)
    assert.matches("gone.txt: No such file or directory", err, 1, true)
    os.remove(dir .. "/fifo.txt")
  end)

  it("reports a JSON Lines line that is not JSON with its line number", function()
    support.write(dir .. "/bad.jsonl", '{"title":"fine"}\n{"title": oops}\n')
    local out, err, status = support.run(COMMAND .. ' parse "' .. dir .. '/bad.jsonl"')
    assert.equal(1, status)
    assert.matches('"title":"fine"', out, 1, true)
    assert.matches("bad.jsonl:2: not a JSON record", err, 1, true)
  end)

  it("refuses a deeply nested query as bad usage", function()
    local _, err, status = support.run(COMMAND .. " query '" .. string.rep("(", 500) .. "' " .. dir)
    assert.equal(2, status)
    assert.matches("nested deeper than", err)
  end)

  it("reports an unreadable file", function()
    local path = dir .. "/secret.txt"
    support.write(path, "Headline\n\nBody.")
    assert(os.execute(('chmod 000 "%s"'):format(path)))
    -- Root reads anything: run the command as nobody then, if nobody can run it from here.
    local as = ""
    local probe = io.open(path, "rb")
    if probe then
      probe:close()
      as = "runuser -u nobody -- "
      local _, _, status = support.run(as .. "test -r bin/broadsheet -a -r build/broadsheet/core.so")
      if status ~= 0 then
        pending("running as root in a folder the user nobody cannot read: no unreadable file to test")
        return
      end
    end
    local _, err, status = support.run(as .. COMMAND .. ' parse "' .. path .. '" examples/archive')
    assert.equal(1, status)
    assert.matches("secret.txt: Permission denied", err, 1, true)
    os.remove(path)
  end)
end)

describe("JSON Lines records of the wrong shape", function()
  local dir, path
  local LINES = {
    '{"title":"First","body":["one"],"tags":["a"],"words":1,"id":"aaaa"}',
    '{"title":123,"body":["x",5,{"k":1}],"tags":"solo","words":1e400,"id":"bbbb","date":2016}',
    '{"title":null,"body":"just a string","tag_labels":[null],"words":"7","url":7,"lang":["en"]}',
    "null",
    '{"title":"Last","body":["end"],"words":2,"id":"cccc"}',
  }
  setup(function()
    dir = support.temp_dir()
    path = dir .. "/records.jsonl"
    support.write(path, table.concat(LINES, "\n") .. "\n")
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("are made to fit the record format, with a warning naming path:line, and the stream goes on", function()
    local archive = broadsheet.open(path)
    local list = archive:collect()
    assert.equal(4, #list)
    assert.equal("123", list[2].title)
    assert.same({ "x", "5" }, list[2].body)
    assert.same({ "solo" }, list[2].tags)
    assert.is_nil(list[2].words)
    assert.equal("2016", list[2].date)
    assert.is_nil(list[3].title)
    assert.same({ "just a string" }, list[3].body)
    assert.equal(7, list[3].words)
    assert.equal("7", list[3].url)
    assert.is_nil(list[3].lang)
    assert.equal("Last", list[4].title)
    local messages = {}
    for _, e in ipairs(archive.errors) do messages[#messages + 1] = e.where .. ": " .. e.message end
    local all = table.concat(messages, "\n")
    assert.matches(path .. ":2: title: a number, converted to a string", all, 1, true)
    assert.matches(path .. ":2: words: a number, dropped", all, 1, true)
    assert.matches(path .. ":3: title: null, dropped (a string expected)", all, 1, true)
    assert.matches(path .. ":4: not a JSON record: null", all, 1, true)
    assert.is_nil(all:find("userdata", 1, true))
  end)

  it("export in every format", function()
    for _, format in ipairs(formats.list()) do
      local archive = broadsheet.open(path)
      local out = support.sink()
      assert.equal(4, archive:export(format.name, out), format.name)
      assert.matches("Last", out.text(), 1, true)
    end
  end)

  it("pass through the command's filters and exports with exit status 1", function()
    for _, command in ipairs { "parse", "stats", "query 'last OR first'", "export -f html", "export -f csv",
                               "export -f rss", "export -f markdown", "query 'words:>0'" } do
      local out, err, status = support.run(COMMAND .. " " .. command .. ' "' .. path .. '"')
      assert.equal(1, status, command)
      assert.truthy(out:find("Last", 1, true) or out:find("articles", 1, true), command)
      assert.matches(":2: title: a number, converted to a string", err, 1, true)
      assert.is_nil(err:find("%.lua:%d"), command .. ": " .. err)
    end
  end)
end)

describe("hostile templates", function()
  it("reports an unclosed tag after 1 MB of one line with its line and column", function()
    local source = string.rep("x", 1024 * 1024) .. "{{"
    assert.error_matches(function() require("broadsheet.template").compile(source) end,
      "line 1, column 1048577: unclosed tag", 1, true)
  end)

  it("refuses sections nested past limits.template_depth", function()
    local source = string.rep("{{#body}}", 250) .. string.rep("{{/body}}", 250)
    assert.error_matches(function() formats.template { article = source } end,
      "sections nested deeper than 100 (limits.template_depth)", 1, true)
  end)

  it("stops a render past limits.template_bytes, even one that writes nothing", function()
    local template = require "broadsheet.template"
    local view = { body = { "a", "b", "c", "d" } }
    local writing = template.compile(string.rep("{{#body}}", 40) .. "{{.}}" .. string.rep("{{/body}}", 40),
      { limits = { template_bytes = 1000000 } })
    assert.error_matches(function() writing:render(view) end, "output larger than 1000000 bytes", 1, true)
    local silent = template.compile(string.rep("{{#body}}", 40) .. string.rep("{{/body}}", 40),
      { limits = { template_bytes = 1000000 } })
    assert.error_matches(function() silent:render(view) end, "output larger than 1000000 bytes", 1, true)
    assert.equal("abcd", template.compile("{{#body}}{{.}}{{/body}}"):render(view))
  end)
end)

describe("hostile cells, encodings and messages", function()
  it("neutralizes formulas after leading white space in CSV and TSV", function()
    for _, name in ipairs { "csv", "tsv" } do
      local text = support.export_text(name, { { title = " =1+1", byline = "\n=HYPERLINK(1)", site = "\t+2",
                                                 caption = "plain - text" } })
      assert.matches("' =1+1", text, 1, true)
      assert.matches("'\n=HYPERLINK(1)", text, 1, true)
      assert.matches("'\t+2", text, 1, true)
      assert.is_nil(text:find("'plain", 1, true))
    end
  end)

  it("decodes UTF-16 without a byte order mark, LE and BE, and warns", function()
    local text = "中国经济\n\n14 June 2016\n\n中国的经济增长放缓了。这是一个段落。\n\n第二段。\n"
    for _, big_endian in ipairs { false, true } do
      local units = {}
      for _, cp in utf8.codes(text) do
        units[#units + 1] = big_endian and string.char(cp >> 8, cp & 255) or string.char(cp & 255, cp >> 8)
      end
      local record = broadsheet.parse(table.concat(units))
      assert.equal("中国经济", record.title)
      assert.equal("2016-06-14", record.date)
      assert.same({ "第二段。" }, record.body) -- the one-sentence paragraph before it reads as a caption
      assert.same({ "UTF-16 without a byte order mark decoded" }, record.warnings)
    end
    local nul = broadsheet.parse(INPUTS["NUL in every field"])
    assert.is_nil(table.concat(nul.warnings, ";"):find("UTF-16", 1, true))
  end)

  it("says a format raised a table instead of printing its address", function()
    local dir = support.temp_dir()
    support.write(dir .. "/bad.lua", 'return { name = "bad", article = function() error({}) end }')
    local _, err, status = support.run(COMMAND .. ' export --format "' .. dir .. '/bad.lua" examples/archive')
    assert.equal(1, status)
    assert.matches("^broadsheet: export: failed with an error that is a table", err)
    assert.is_nil(err:find("0x", 1, true))
    os.execute('rm -rf "' .. dir .. '"')
  end)

  it("reports words:5..2 as an error, as date:2017..2016 is", function()
    local query = require "broadsheet.query"
    local filter, message = query.parse("words:5..2")
    assert.is_nil(filter)
    assert.equal("column 7: word range ends before it starts: 5..2", message)
    local _, err, status = support.run(COMMAND .. " query 'words:5..2' examples/archive")
    assert.equal(2, status)
    assert.matches("^broadsheet: query: column 7: word range ends before it starts", err)
  end)
end)

describe("hostile web pages", function()
  local PARAGRAPH = "The cranes were lifting containers again on Tuesday, the port authority said, after repairs. "

  -- Every string of the record is valid UTF-8 without NUL.
  local function assert_clean(record)
    for key, value in pairs(record) do
      for _, text in ipairs(type(value) == "table" and value or { value }) do
        if type(text) == "string" then
          assert.is_truthy(utf8.len(text), key .. " is not valid UTF-8")
          assert.is_nil(text:find("\0", 1, true), key .. " holds NUL")
        end
      end
    end
  end

  it("reads unclosed tags", function()
    local record = broadsheet.parse_html("<html><body><article><p>" .. PARAGRAPH .. "<p><b><i>" .. PARAGRAPH
      .. "<div><span>" .. PARAGRAPH)
    assert.equal(3, #record.body)
    assert_clean(record)
  end)

  it("reads 100,000 nested elements without running out of stack", function()
    local record = broadsheet.parse_html(string.rep("<div>", 100000) .. "<p>" .. PARAGRAPH .. "</p>"
      .. string.rep("<span>", 100000) .. "x")
    assert.equal(PARAGRAPH:sub(1, -2), record.body[1])
  end)

  it("reads a 100 MB page", function()
    local para = "<p>" .. PARAGRAPH:rep(10) .. "</p>\n"
    local page = "<html><body><article>" .. para:rep(math.ceil(100 * 1024 * 1024 / #para)) .. "</article></body></html>"
    local record = broadsheet.parse_html(page)
    page = nil -- luacheck: ignore 311
    assert.equal(math.ceil(100 * 1024 * 1024 / #para), #record.body)
    assert.equal(#record.body * 140, record.words)
  end)

  it("gives binary data named .html a record with warnings, not a crash", function()
    local dir = support.temp_dir()
    support.write(dir .. "/photo.html", random_bytes(65536, 7))
    local archive = broadsheet.open(dir)
    local records = archive:collect()
    assert.equal(1, #records + #archive.errors)
    if records[1] then
      assert_clean(records[1])
      assert.is_truthy(records[1].warnings)
    end
    os.execute('rm -rf "' .. dir .. '"')
  end)

  it("reads a page whose declared charset is wrong", function()
    -- declared UTF-8, written in Windows-1252
    local record = broadsheet.parse_html('<meta charset="utf-8"><title>Caf\233</title><p>' .. PARAGRAPH .. "</p>")
    assert.equal("Café", record.title)
    assert.same({ "invalid UTF-8 decoded as Windows-1252 (1)" }, record.warnings)
    -- declared Shift_JIS, written in UTF-8
    record = broadsheet.parse_html('<meta charset="shift_jis"><title>Café ☺</title><p>' .. PARAGRAPH .. "</p>")
    assert.equal("Café ☺", record.title)
    assert_clean(record)
  end)

  it("never lets an entity decode to NUL, a surrogate or past U+10FFFF", function()
    local record = broadsheet.parse_html("<title>a&#0;b&#x0;c&#xD800;d&#xDFFF;e&#x110000;f&#99999999999;g</title><p>"
      .. PARAGRAPH .. "&#0;&#xD83D;&#xDE00;</p>")
    assert_clean(record)
    assert.matches("^a.*g$", record.title)
  end)
end)
