-- A real WARC producer: Debian's wget crawls pages served from 127.0.0.1
-- (../shared/suites/readability/*/source.html) and the WARC it writes is
-- parsed: one record per page, the same record as the page file gives,
-- with the URL as source.
local broadsheet = require "broadsheet"
local support = require "spec.support"
local crawl = dofile("tools/crawl.lua")

local PAGES = 30

local function have(command)
  return os.execute("command -v " .. command .. " > /dev/null 2>&1")
end

describe("a WARC crawled with wget #external", function()
  it("gives one record per HTML page, equal to parsing the page file", function()
    local root = support.shared("suites/readability")
    if not root then return pending("../shared/suites/readability is absent") end
    if not (have("wget") and have("python3")) then return pending("wget or python3 is not installed") end
    local names = {}
    local listing = io.popen("cd '" .. root .. "' && ls -d */ | sort")
    for name in listing:lines() do
      name = name:gsub("/$", "")
      if #names < PAGES and support.exists(root .. "/" .. name .. "/source.html") then names[#names + 1] = name end
    end
    listing:close()
    local work = support.temp_dir()
    local server = crawl.serve(root, work)
    local urls, page_of = {}, {}
    for i, name in ipairs(names) do
      urls[i] = server.url .. name .. "/source.html"
      page_of[urls[i]] = root .. "/" .. name .. "/source.html"
    end
    local ok, warc = pcall(crawl.warc, urls, work .. "/crawl", work)
    server.stop()
    assert(ok, warc)
    local errors = {}
    local records = broadsheet.open(warc, { on_error = function(w, m) errors[#errors + 1] = w .. ": " .. m end })
      :collect()
    os.execute("rm -rf '" .. work .. "'")
    assert.same({}, errors)
    assert.equal(#names, #records)
    for i, record in ipairs(records) do
      assert.equal(urls[i], record.source)
      assert.equal(urls[i], record.url)
      assert.truthy(record.fetched:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%dZ$"))
      local expected = assert(broadsheet.parse_file(page_of[record.source]))
      for _, key in ipairs { "source", "url", "fetched" } do record[key], expected[key] = nil, nil end
      assert.same(expected, record)
    end
  end)
end)
