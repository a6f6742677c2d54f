--- Helpers shared by the specs.
local support = {}

--- The path of a file under ../shared, or nil when that folder is absent
-- (specs then call pending() with a message saying so).
function support.shared(rel)
  local path = "../shared/" .. rel
  if support.exists(path) then return path end
  return os.execute('test -d "' .. path .. '"') and path or nil
end

--- Whether a file can be opened for reading (and closed again at once: a
-- spec run opens thousands of files, and one left open stays open until the
-- collector happens to reach it).
function support.exists(path)
  local file = io.open(path, "rb")
  if file then file:close() end
  return file ~= nil
end

function support.read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("a")
  file:close()
  return text
end

--- Makes a new empty directory and returns its path.
function support.temp_dir()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute('mkdir -p "' .. dir .. '"'))
  return dir
end

function support.write(path, text)
  local file = assert(io.open(path, "wb"))
  file:write(text)
  file:close()
end

--- Runs a shell command; returns its standard output, standard error and exit status.
function support.run(command, stdin)
  local err_path = os.tmpname()
  local in_path
  if stdin then
    in_path = os.tmpname()
    local file = assert(io.open(in_path, "wb"))
    file:write(stdin)
    file:close()
    command = command .. ' < "' .. in_path .. '"'
  end
  local pipe = assert(io.popen(command .. ' 2> "' .. err_path .. '"'))
  local out = pipe:read("a")
  local _, _, status = pipe:close()
  local err = support.read(err_path)
  os.remove(err_path)
  if in_path then os.remove(in_path) end
  return out, err, status
end

--- Every word of the input a record was parsed from, in the record's fields:
-- the check that nothing is silently lost. Returns the words sorted.
function support.record_words(record)
  local words = {}
  local function add(text)
    for word in tostring(text or ""):gmatch("%S+") do words[#words + 1] = word end
  end
  for _, key in ipairs { "site", "title", "date_text", "byline", "caption", "footer" } do
    add(record[key])
  end
  for _, list in ipairs { record.body or {}, record.tag_labels or {}, record.boilerplate or {} } do
    for _, text in ipairs(list) do add(text) end
  end
  table.sort(words)
  return words
end

--- The words of an input text, less the markers the parser removes on purpose.
function support.text_words(text)
  local words = {}
  text = text:gsub("\194\160", " "):gsub("^\239\187\191", "")
  for line in text:gmatch("[^\r\n]+") do
    line = line:gsub("^%s*[Bb]y%s+(%u)", "%1")
    local labels = line:match("^%s*[Tt]ags:(.*)")
    if labels then line = labels:gsub(",", " ") end
    for word in line:gmatch("%S+") do words[#words + 1] = word end
  end
  table.sort(words)
  return words
end

--- An iterator over a list, as archives give records.
function support.each(list)
  local i = 0
  return function()
    i = i + 1
    return list[i]
  end
end

--- An in-memory destination: anything with a write method will do.
function support.sink()
  local parts = {}
  return {
    write = function(self, ...)
      for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
      return self
    end,
    text = function() return table.concat(parts) end,
  }
end

--- What a format writes for records, as a string.
function support.export_text(format, records, opts)
  local out = support.sink()
  require("broadsheet.formats").export(format, support.each(records), out, opts)
  return out.text()
end

return support
