-- parse_html scored on the public test pages in ../shared/suites (see
-- spec/html_score.lua for the measures). Each suite's scores are printed;
-- the floors sit just under what the extractor reaches, so that a change
-- which loses ground fails here.
local broadsheet = require "broadsheet"
local score = require "spec.html_score"
local support = require "spec.support"

local SUITES = {
  -- Mozilla Readability's 130 pages (expected.html, expected-metadata.json)
  readability = { f1 = 0.94, title = 0.97, byline = 0.94, date = 0.99 },
  -- newspaper4k's pages (txt/ and metadata/)
  newspaper4k = { f1 = 0.95, title = 0.86, byline = 0.95, date = 0.91 },
  -- goose3's content pages (the start of the text: recall of it)
  goose3 = { f1 = 0.98, title = 0.98, byline = 1, date = 1 },
}

-- Every string of the record, the body's and the tags' included, is valid UTF-8.
local function assert_utf8(value, key)
  if type(value) == "table" then
    for k, item in pairs(value) do assert_utf8(item, key .. "." .. tostring(k)) end
  elseif type(value) == "string" then
    assert(utf8.len(value), key .. " is not valid UTF-8: " .. value)
  end
end

local function parse(page)
  local record = broadsheet.parse_html(page)
  assert_utf8(record, "record")
  return record
end

describe("parse_html on the shared suites", function()
  for _, name in ipairs { "readability", "newspaper4k", "goose3" } do
    it("scores at least its floors on " .. name, function()
      local dir = support.shared("suites/" .. name)
      if not dir then
        pending("../shared/suites/" .. name .. " is absent: suite scores skipped")
        return
      end
      local summary = score.summary(score[name](dir, parse))
      io.stderr:write(("\n# %s: %d pages, body F1 %.3f, title %.3f, byline %.3f, date %.3f\n"):format(
        name, summary.pages, summary.f1, summary.title, summary.byline, summary.date))
      assert.is_true(summary.pages > 0)
      for key, floor in pairs(SUITES[name]) do
        assert.is_true(summary[key] >= floor,
          ("%s %s %.3f under its floor %.2f"):format(name, key, summary[key], floor))
      end
    end)
  end
end)
