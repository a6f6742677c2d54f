--- Reuters-21578 stories as an archive of articles in the seed's layout, whose
-- tag lines are space-joined and sorted by name as WordPress prints them: the
-- specs' real data for multi-word tags in such lines.
local support = require "spec.support"

local reuters = {}

local MONTHS = { JAN = "Jan", FEB = "Feb", MAR = "Mar", APR = "Apr", MAY = "May", JUN = "Jun",
  JUL = "Jul", AUG = "Aug", SEP = "Sep", OCT = "Oct", NOV = "Nov", DEC = "Dec" }
local FIELDS = { "TOPICS", "PLACES", "PEOPLE", "ORGS" }

local function decode(text)
  return (text:gsub("&#%d+;", ""):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&amp;", "&"))
end

-- Paragraphs start on an indented line; the lines of one are rewrapped as one.
local function paragraphs(body)
  local list = {}
  body = body:gsub("%s*Reuter%s*$", "")
  for piece in (body .. "\n    "):gmatch("(.-)\n    ") do
    piece = piece:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
    if piece ~= "" then list[#list + 1] = piece end
  end
  return list
end

--- The stories of the corpus that have a title, a body and labels: { title,
-- date = "Thu 26 Feb 1987"-like, paragraphs, labels = { "west germany", ... } },
-- hyphens read as spaces ("west-germany" -> "west germany").
function reuters.stories(dir, files)
  local stories = {}
  for i = 0, (files or 22) - 1 do
    local text = support.read(("%s/reut2-%03d.sgm"):format(dir, i))
    for story in text:gmatch("<REUTERS.-</REUTERS>") do
      local labels = {}
      for _, field in ipairs(FIELDS) do
        for d in (story:match("<" .. field .. ">(.-)</" .. field .. ">") or ""):gmatch("<D>(.-)</D>") do
          labels[#labels + 1] = (d:gsub("%-", " "))
        end
      end
      local title = story:match("<TITLE>(.-)</TITLE>")
      local body = story:match("<BODY>(.-)</BODY>")
      local day, month, year = story:match("<DATE>%s*(%d+)%-(%u+)%-(%d+)")
      if #labels > 0 and title and body and day then
        local dateline = story:match("<DATELINE>%s*(.-)%s*</DATELINE>")
        local list = paragraphs(decode(body))
        if #list > 0 then
          if dateline then list[1] = decode(dateline) .. " " .. list[1] end
          table.sort(labels)
          stories[#stories + 1] = {
            title = decode(title):gsub("%s+", " "),
            date = ("%d %s %s"):format(tonumber(day), MONTHS[month], year),
            paragraphs = list,
            labels = labels,
          }
        end
      end
    end
  end
  return stories
end

--- Writes each story as DIR/NNNNN.txt: masthead, headline, date, body, then
-- the sorted labels joined by spaces and the footer.
function reuters.write(dir, stories)
  for i, story in ipairs(stories) do
    support.write(("%s/%05d.txt"):format(dir, i), table.concat({
      "Reuters Archive", "", story.title, "", story.date, "",
      table.concat(story.paragraphs, "\n\n"), "", "",
      table.concat(story.labels, " "),
      "Send us a correction about this article Send us a news tip", "",
    }, "\n"))
  end
end

return reuters
