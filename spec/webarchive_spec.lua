-- Web archives (WARC, ARC, WACZ, WET) as sources: records from archived
-- pages, the rest counted by kind, damage read past with warnings naming
-- the offset. The archives here are made by the spec itself; the warcio and
-- pywb fixtures in ../shared/corpus/warc are read as they are.
local broadsheet = require "broadsheet"
local core = require "broadsheet.core"
local support = require "spec.support"

local PAGE = [[<!DOCTYPE html>
<html><head><title>Harbour bridge reopens</title></head>
<body><h1>Harbour bridge reopens</h1><p>The bridge reopened on Monday after repairs.</p></body></html>
]]

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- A WARC record; fields is a list of "Name: value" lines.
local function record(kind, uri, block, fields)
  local lines = { "WARC/1.0", "WARC-Type: " .. kind, "WARC-Date: 2026-03-04T05:06:07Z" }
  if uri then lines[#lines + 1] = "WARC-Target-URI: " .. uri end
  for _, field in ipairs(fields or {}) do lines[#lines + 1] = field end
  lines[#lines + 1] = "Content-Length: " .. #block
  return table.concat(lines, "\r\n") .. "\r\n\r\n" .. block .. "\r\n\r\n"
end

local function http(body, headers, status)
  return "HTTP/1.1 " .. (status or "200 OK") .. "\r\n" .. (headers or "Content-Type: text/html; charset=utf-8\r\n")
    .. "\r\n" .. body
end

local function response(uri, body, fields, headers, status)
  return record("response", uri, http(body, headers, status), fields)
end

-- The page with a word changed, for a second, different page.
local function variant(word)
  return (PAGE:gsub("Monday", word))
end

-- gzip -c of text (one member).
local function gzip(text, dir)
  local path = dir .. "/member"
  support.write(path, text)
  local out = io.popen("gzip -c -n " .. quote(path)):read("a")
  os.remove(path)
  return out
end

local function open_all(path, opts)
  local errors = {}
  opts = opts or {}
  opts.on_error = function(where, message) errors[#errors + 1] = where .. ": " .. message end
  local archive = broadsheet.open(path, opts)
  return archive:collect(), errors, archive.skipped
end

describe("web archives", function()
  local dir
  before_each(function() dir = support.temp_dir() end)
  after_each(function() os.execute("rm -rf " .. quote(dir)) end)

  it("recognises WARC, gzipped WARC and ARC by their first bytes, not their names", function()
    assert.equal("warc", core.warc_sniff("WARC/1.1\r\n"))
    assert.equal("warc", core.warc_sniff(gzip(record("warcinfo", nil, ""), dir)))
    assert.equal("arc", core.warc_sniff("filedesc://x.arc 0.0.0.0 20260102030405 text/plain 1\n"))
    assert.is_nil(core.warc_sniff("Headline\n\nBody text.\n"))
    support.write(dir .. "/crawl.dat", gzip(response("http://news.test/a", PAGE), dir))
    local records = open_all(dir .. "/crawl.dat")
    assert.equal(1, #records)
  end)

  it("makes one record per HTML page with url, source and fetched, and counts the rest by kind", function()
    local warc = record("warcinfo", nil, "software: spec\r\n")
      .. record("request", "http://news.test/a", "GET /a HTTP/1.1\r\n\r\n")
      .. response("http://news.test/a", PAGE)
      .. response("http://news.test/logo.png", "\137PNG", nil, "Content-Type: image/png\r\n")
      .. response("http://news.test/gone", variant("never"), nil, "Content-Type: text/html\r\n", "404 Not Found")
      .. record("metadata", "http://news.test/a", "outlinks: none\r\n")
    support.write(dir .. "/a.warc", warc)
    local records, errors, skipped = open_all(dir .. "/a.warc")
    assert.same({}, errors)
    assert.equal(1, #records)
    assert.equal("http://news.test/a", records[1].source)
    assert.equal("http://news.test/a", records[1].url)
    assert.equal("2026-03-04T05:06:07Z", records[1].fetched)
    assert.same({ warcinfo = 1, request = 1, metadata = 1, ["response (not HTML)"] = 1,
                  ["response (HTTP 404)"] = 1 }, skipped)
  end)

  it("reads the page the same as the page file itself", function()
    support.write(dir .. "/page.html", PAGE)
    support.write(dir .. "/a.warc.gz", gzip(response("http://news.test/a", PAGE), dir))
    local from_warc = open_all(dir .. "/a.warc.gz")[1]
    local from_file = broadsheet.parse_file(dir .. "/page.html")
    for _, key in ipairs { "source", "url", "fetched" } do from_warc[key], from_file[key] = nil, nil end
    assert.same(from_file, from_warc)
  end)

  it("undoes chunked transfer encoding and gzip content encoding", function()
    local chunked = ("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n"):format(10, PAGE:sub(1, 10), #PAGE - 10, PAGE:sub(11))
    local warc = response("http://news.test/chunked", chunked, nil,
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n")
      .. response("http://news.test/gzip", gzip(PAGE, dir), nil,
                  "Content-Type: text/html\r\nContent-Encoding: gzip\r\n")
    support.write(dir .. "/a.warc", warc)
    local records, errors = open_all(dir .. "/a.warc")
    assert.same({}, errors)
    assert.equal(2, #records)
    local plain = broadsheet.parse(PAGE)
    assert.equal(plain.id, records[1].id)
    assert.equal(plain.id, records[2].id)
  end)

  it("resolves a revisit to the payload it points to in the same file, and counts the others", function()
    local parts = {
      response("http://news.test/a", PAGE, { "WARC-Record-ID: <urn:uuid:first>", "WARC-Payload-Digest: sha1:AAAA" }),
      record("revisit", "http://news.test/a", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
             { "WARC-Refers-To: <urn:uuid:first>", "WARC-Payload-Digest: sha1:AAAA" }),
      record("revisit", "http://news.test/b", "", { "WARC-Payload-Digest: sha1:ZZZZ" }),
    }
    local members = {}
    for i, part in ipairs(parts) do members[i] = gzip(part, dir) end
    support.write(dir .. "/plain.warc", table.concat(parts))
    support.write(dir .. "/members.warc.gz", table.concat(members))
    support.write(dir .. "/one-member.warc.gz", gzip(table.concat(parts), dir))
    for _, name in ipairs { "plain.warc", "members.warc.gz", "one-member.warc.gz" } do
      local records, errors, skipped = open_all(dir .. "/" .. name)
      assert.same({}, errors)
      assert.equal(2, #records, name)
      assert.equal("2026-03-04T05:06:07Z", records[2].fetched)
      assert.equal(records[1].id, records[2].id)
      assert.same({ ["revisit (original not in this file)"] = 1 }, skipped)
    end
  end)

  it("keeps the same page captured twice, and unique() drops the second", function()
    support.write(dir .. "/a.warc", response("http://news.test/a", PAGE) .. response("http://news.test/a", PAGE))
    local archive = broadsheet.open(dir .. "/a.warc")
    assert.equal(2, archive:count())
    assert.equal(1, archive:unique():count())
  end)

  it("reads WET conversion records through the text parser", function()
    local text = "Harbour bridge reopens\n\nThe bridge reopened on Monday after repairs.\n"
    support.write(dir .. "/a.warc.wet.gz",
      gzip(record("warcinfo", nil, "") .. record("conversion", "http://news.test/a", text), dir))
    local records, errors = open_all(dir .. "/a.warc.wet.gz")
    assert.same({}, errors)
    assert.equal(1, #records)
    assert.equal("Harbour bridge reopens", records[1].title)
    assert.equal("http://news.test/a", records[1].source)
  end)

  it("reads ARC files, with the 14-digit date as ISO 8601", function()
    local body = http(PAGE)
    local arc = "filedesc://a.arc 0.0.0.0 20260102030405 text/plain 9\nversion 1\n\n"
      .. "http://news.test/a 10.0.0.1 20260102030405 text/html " .. #body .. "\n" .. body .. "\n"
    support.write(dir .. "/a.arc.gz", gzip(arc, dir))
    local records, errors = open_all(dir .. "/a.arc.gz")
    assert.same({}, errors)
    assert.equal(1, #records)
    assert.equal("2026-01-02T03:04:05Z", records[1].fetched)
  end)

  it("reads on past damage, with a warning naming the offset", function()
    local a, b = response("http://news.test/a", PAGE), response("http://news.test/b", variant("Friday"))
    local member_a, member_b = gzip(a, dir), gzip(b, dir)
    local cases = {
      ["truncated member"] = member_a:sub(1, #member_a // 2) .. member_b,
      ["garbage between members"] = member_a .. "not gzip at all" .. member_b,
      ["garbage between records"] = a .. "stray bytes\r\n" .. b,
      ["Content-Length too short"] = a:gsub("Content%-Length: %d+", "Content-Length: 40", 1) .. b,
      ["Content-Length too long"] = a:gsub("Content%-Length: (%d+)",
        function(n) return "Content-Length: " .. n + 90 end, 1) .. b,
    }
    for name, bytes in pairs(cases) do
      support.write(dir .. "/broken", bytes)
      local records, errors = open_all(dir .. "/broken")
      assert.is_true(#errors >= 1, name)
      assert.truthy(errors[1]:match("offset %d+: "), name)
      assert.equal("http://news.test/b", (records[#records] or {}).source, name)
    end
  end)

  it("reads one gzip member around many records, and \\r\\r\\n line ends", function()
    local a, b = response("http://news.test/a", PAGE), response("http://news.test/b", variant("Friday"))
    support.write(dir .. "/one.warc.gz", gzip(a .. b, dir))
    local records, errors = open_all(dir .. "/one.warc.gz")
    assert.same({}, errors)
    assert.equal(2, #records)
    local crcrlf = (a .. b):gsub("\r\n", "\r\r\n")
    support.write(dir .. "/crcrlf.warc", crcrlf)
    records = open_all(dir .. "/crcrlf.warc")
    assert.is_true(#records >= 1)
  end)

  it("skips a record larger than limits.article_bytes with a warning, and goes on", function()
    local big = response("http://news.test/big", PAGE .. string.rep("<p>more</p>", 200))
    support.write(dir .. "/a.warc", big .. response("http://news.test/a", PAGE))
    local records, errors = open_all(dir .. "/a.warc", { limits = { article_bytes = 1000 } })
    assert.equal(1, #records)
    assert.equal("http://news.test/a", records[1].source)
    assert.truthy(errors[1]:match("offset 0: record larger than 1000 bytes, skipped"))
  end)

  it("splits a WARC between shards by record, each read exactly once", function()
    local parts = {}
    for i = 1, 12 do parts[i] = gzip(response("http://news.test/" .. i, variant("day " .. i)), dir) end
    support.write(dir .. "/many.warc.gz", table.concat(parts))
    local seen = {}
    for k = 1, 3 do
      for _, r in ipairs(open_all(dir .. "/many.warc.gz", { shard = { k = k, n = 3 } })) do
        assert.is_nil(seen[r.source])
        seen[r.source] = k
      end
    end
    local n, shards = 0, {}
    for _, k in pairs(seen) do n, shards[k] = n + 1, true end
    assert.equal(12, n)
    assert.same({ true, true, true }, shards)
  end)

  it("reads WACZ files in place, stored or deflated, using pages.jsonl", function()
    local warc = response("http://news.test/a", PAGE) .. response("http://news.test/frame", variant("Sunday"))
    support.write(dir .. "/data.warc", warc)
    support.write(dir .. "/pages.jsonl", '{"format": "json-pages-1.0"}\n{"url": "http://news.test/a"}\n')
    for method, flag in pairs { stored = "ZIP_STORED", deflated = "ZIP_DEFLATED" } do
      local zip = dir .. "/" .. method .. ".wacz"
      assert(os.execute(("python3 -c %s %s %s"):format(quote(([[
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.%s) as z:
    z.write(sys.argv[2] + "/data.warc", "archive/data.warc")
    z.write(sys.argv[2] + "/pages.jsonl", "pages/pages.jsonl")
]]):format(flag)), quote(zip), quote(dir))))
      local records, errors, skipped = open_all(zip)
      assert.same({}, errors, method)
      assert.equal(1, #records, method)
      assert.equal("http://news.test/a", records[1].url)
      assert.same({ ["response (not in pages.jsonl)"] = 1 }, skipped)
    end
  end)

  it("walks web archives in directories by default", function()
    support.write(dir .. "/a.warc.gz", gzip(response("http://news.test/a", PAGE), dir))
    support.write(dir .. "/b.txt", "Headline\n\nBody text here.\n")
    support.write(dir .. "/c.bin", "ignored")
    local records = open_all(dir)
    assert.equal(2, #records)
  end)

  it("reads standard input, and the command exits 1 naming the offset of damage", function()
    local out, err, status = support.run("./bin/broadsheet parse - < examples/web/news.warc.gz")
    assert.equal("", err)
    assert.equal(0, status)
    local urls = {}
    for line in out:gmatch("[^\n]+") do urls[#urls + 1] = require("cjson").decode(line).url end
    -- a revisit is resolved by reading its original again: not on standard input
    assert.same({ "https://news.example/bridge", "https://news.example/library" }, urls)
    local warc = response("http://news.test/a", PAGE)
    support.write(dir .. "/broken.warc", warc .. "garbage\r\n" .. warc .. record("request", "http://news.test/a", ""))
    out, err, status = support.run("./bin/broadsheet parse " .. quote(dir .. "/broken.warc"))
    assert.equal(1, status)
    assert.equal(2, select(2, out:gsub("\n", "")))
    assert.truthy(err:match("broken%.warc: offset " .. #warc .. ": bytes that are no WARC record skipped"))
    out, err, status = support.run("./bin/broadsheet stats " .. quote(dir .. "/broken.warc"))
    assert.equal(1, status, err)
    assert.truthy(out:match("skipped web archive records\n +1  request\n"))
  end)

  it("reads every warcio and pywb fixture or reports where it is broken", function()
    local root = support.shared("corpus/warc")
    if not root then return pending("../shared/corpus/warc is absent") end
    local listing = io.popen("find " .. quote(root) .. " -type f | sort")
    for path in listing:lines() do
      local ok, records, errors = pcall(open_all, path)
      assert.is_true(ok, path .. ": " .. tostring(records))
      for _, message in ipairs(errors) do
        assert.truthy(message:match("offset %d+: ") or message:match("without WARC"), message)
      end
    end
    listing:close()
    local records, errors = open_all(root .. "/warcs/iana.warc.gz")
    assert.same({}, errors)
    assert.equal(20, #records)
    for _, r in ipairs(records) do assert.truthy(r.source:match("^https?://www%.iana%.org/")) end
  end)
end)
