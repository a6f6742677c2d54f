--- The broadsheet command: `broadsheet parse|tags PATH...`.
-- Errors are one line, "broadsheet: WHERE: WHAT"; exit status 1 for bad
-- data, 2 for bad usage.
local argparse = require "argparse"
local cjson = require "cjson"
local broadsheet = require "broadsheet"
local tags = require "broadsheet.tags"
local walk = require "broadsheet.walk"

local cli = {}

-- Options every command that reads articles takes.
local function add_input_options(command)
  command:argument("paths", "Files, directories (recursively) or - for standard input."):args("+")
  command:option("--pattern", "File names to read inside directories.", "*.txt")
  command:option("--vocabulary", "Known tags (a Lua or JSON file, e.g. from tags --learn).")
  command:option("--aliases", "Tag aliases (a Lua or JSON file).")
  return command
end

local function build_parser()
  local parser = argparse("broadsheet", "Parse, filter and export archived news articles.")
    :add_help_command()
  parser:command_target("command")
  parser:option("-o --output", "Write to FILE instead of standard output.")
  add_input_options(parser:command("parse", "Print one JSON record per article, one per line."))
  local tag_command = add_input_options(parser:command("tags", "Count tags: count, slug, label."))
  tag_command:option("--top", "Show the N most frequent tags only."):convert(tonumber)
  tag_command:flag("--json", "Print a JSON array instead of columns.")
  tag_command:flag("--learn", "Print a vocabulary (Lua) learned from the articles.")
  return parser
end

local function report(where, what)
  io.stderr:write("broadsheet: ", where, ": ", (tostring(what):gsub("\n", " ")), "\n")
end

--- Opens the output: standard output, or a temporary file renamed over FILE on success.
local function open_output(path)
  if not path then
    return io.stdout, function() return io.stdout:flush() end
  end
  local temp = path .. ".tmp-" .. tostring(os.time())
  local file, err = io.open(temp, "wb")
  if not file then return nil, err end
  return file, function(ok)
    file:close()
    if ok then return os.rename(temp, path) end
    os.remove(temp)
    return true
  end
end

local function read_source(path)
  if path == "-" then return io.stdin:read("a") or "" end
  return broadsheet.read_file(path)
end

-- The tagger the options ask for; a --vocabulary is not used while learning one.
local function make_tagger(args)
  return tags.new {
    aliases = args.aliases,
    vocabulary = not args.learn and args.vocabulary or nil,
  }
end

-- Calls fn(record) for each article under args.paths; returns false when some
-- path could not be read or parsed (each reported on its own line).
local function each_record(args, tagger, fn)
  local ok = true
  walk.each(args.paths, function(path, dir, err)
    if not path then
      report(dir, err)
      ok = false
      return
    end
    local text, read_err = read_source(path)
    if not text then
      report(path, (read_err:gsub("^" .. path:gsub("%p", "%%%0") .. ": ", "")))
      ok = false
      return
    end
    local parsed, record = pcall(broadsheet.parse, text, { source = path, tagger = tagger })
    if parsed then
      fn(record)
    else
      report(path, record)
      ok = false
    end
  end, args.pattern)
  return ok
end

local function run_parse(args, out, tagger)
  local json = cjson.new()
  return each_record(args, tagger, function(record)
    out:write(json.encode(record), "\n")
  end)
end

local function tag_counts(args, tagger)
  local counts = {}
  local ok = each_record(args, tagger, function(record)
    for _, slug in ipairs(record.tags or {}) do counts[slug] = (counts[slug] or 0) + 1 end
  end)
  local rows = {}
  for slug, count in pairs(counts) do
    rows[#rows + 1] = { slug = slug, label = tagger:label(slug), count = count }
  end
  table.sort(rows, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.slug < b.slug
  end)
  for i = #rows, (args.top or #rows) + 1, -1 do rows[i] = nil end
  return rows, ok
end

local function run_tags(args, out, tagger)
  if args.learn then
    local records = {}
    local ok = each_record(args, tagger, function(record) records[#records + 1] = record end)
    local vocabulary = tags.learn(records, { aliases = args.aliases })
    for _, collision in ipairs(vocabulary.collisions) do
      report("tags", ("labels %s share the slug %s"):format(table.concat(collision.labels, ", "), collision.slug))
    end
    out:write(tags.dump(vocabulary))
    return ok
  end
  local rows, ok = tag_counts(args, tagger)
  if args.json then
    out:write(cjson.encode(rows), "\n")
  else
    for _, row in ipairs(rows) do out:write(("%7d  %s  %s\n"):format(row.count, row.slug, row.label)) end
  end
  return ok
end

local COMMANDS = { parse = run_parse, tags = run_tags }

--- Runs the command with the argument list argv; returns the exit status.
function cli.main(argv)
  local parser = build_parser()
  local ok, args = parser:pparse(argv)
  if not ok then
    io.stderr:write("broadsheet: usage: ", args, "\n", parser:get_usage(), "\n")
    return 2
  end
  local made, tagger = pcall(make_tagger, args)
  if not made then
    report(args.vocabulary or args.aliases or args.command, tagger)
    return 2
  end
  local out, finish = open_output(args.output)
  if not out then
    report(args.output, finish)
    return 1
  end
  local ran, result = pcall(COMMANDS[args.command], args, out, tagger)
  if not ran then report(args.command, result) end
  local done, finish_err = finish(ran)
  if not done then
    report(args.output or "stdout", finish_err)
    return 1
  end
  return (ran and result) and 0 or 1
end

return cli
