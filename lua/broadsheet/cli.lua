--- The broadsheet command: parse, tags, query, stats, check.
-- Errors are one line, "broadsheet: WHERE: WHAT"; exit status 1 for bad
-- data, 2 for bad usage.
local argparse = require "argparse"
local cjson = require "cjson"
local broadsheet = require "broadsheet"
local formats = require "broadsheet.formats"
local parallel = require "broadsheet.parallel"
local progress = require "broadsheet.progress"
local query = require "broadsheet.query"
local tags = require "broadsheet.tags"
local lfs = require "lfs"

local cli = {}

-- Options every command that reads articles takes.
local function add_input_options(command)
  command:argument("paths", "Files, directories (recursively), JSON Lines, or - for standard input."):args("+")
  command:option("--pattern", "File names to read inside directories.", "*.txt")
  command:option("--vocabulary", "Known tags (a Lua or JSON file, e.g. from tags --learn).")
  command:option("--aliases", "Tag aliases (a Lua or JSON file).")
  command:flag("--no-learn", "Do not learn the masthead and footers of a directory first.")
  command:option("--profile", "Load the masthead and footers from FILE, or learn and save them there.")
  command:option("--shard", "Read only share K of N of the files (e.g. 2/4), chosen by a stable hash of each path.")
    :convert(function(text)
      local k, n = text:match("^(%d+)/(%d+)$")
      k, n = tonumber(k), tonumber(n)
      if not k or k < 1 or k > n then return nil, "shard must be K/N with 1 <= K <= N, got " .. text end
      return { k = k, n = n }
    end)
  command:option("-j --jobs", "Read with N processes (default: one per core when the output is a file or a pipe).")
    :convert(function(text)
      local n = math.tointeger(tonumber(text))
      if not n or n < 1 then return nil, "jobs must be a whole number of at least 1, got " .. text end
      return n
    end)
  return command
end

-- Options of the commands that print a selection of the articles.
local function add_selection_options(command, what)
  command:option("--sort", "Sort by a field (date, title, words, ...).")
  command:flag("--reverse", "Sort in descending order.")
  command:option("--limit", what):convert(tonumber)
  return command
end

local function build_parser()
  local parser = argparse("broadsheet", "Parse, filter and export archived news articles.")
    :add_help_command()
  parser:command_target("command")
  parser:option("-o --output", "Write to FILE instead of standard output.")
  add_input_options(parser:command("parse", "Print one JSON record per article, one per line."))
    :flag("--framed", "Frame each file's records with its place in the walk, for merge (with --shard).")
  parser:command("merge", "Merge the outputs of parse --framed --shard K/N into the output of one process.")
    :argument("files", "Framed outputs of the shards, in any order."):args("+")
  local tag_command = add_input_options(parser:command("tags", "Count tags: count, slug, label."))
  tag_command:option("--top", "Show the N most frequent tags only."):convert(tonumber)
  tag_command:flag("--json", "Print a JSON array instead of columns.")
  tag_command:flag("--learn", "Print a vocabulary (Lua) learned from the articles.")
  local query_command = parser:command("query", "Print the articles a query matches: date, id, title.")
  query_command:argument("query", 'A query, e.g. \'tag:china date:2016 -tag:us "trade secrets"\'.')
  add_input_options(query_command)
  query_command:flag("--json", "Print JSON records, one per line, instead of a table.")
  add_selection_options(query_command, "Print at most N articles.")
  local stats_command = add_input_options(parser:command("stats", "Count articles, dates, words, tags, sites."))
  stats_command:flag("--json", "Print the counts as JSON.")
  add_input_options(parser:command("check", "Parse everything; report warnings and files that are not articles."))
  local export = add_input_options(parser:command("export", "Write the articles in a format."))
  export:option("-f --format", "A format name (see `broadsheet formats`) or a Lua file returning a format.", "jsonl")
  export:option("--template", "A Mustache template for each article (a format of its own).")
  export:option("--header-template", "A Mustache template written before the articles.")
  export:option("--footer-template", "A Mustache template written after the articles.")
  export:option("-q --query", "Only the articles this query matches.")
  add_selection_options(export, "Write at most N articles.")
  export:flag("--split", "One file per article in the directory given by -o.")
  export:flag("--force", "Overwrite existing files of a --split export.")
  export:flag("--pretty", "Indent JSON.")
  export:flag("--formulas", "Leave CSV cells that look like spreadsheet formulas as they are.")
  export:option("--title", "The title of a feed or page.")
  parser:command("formats", "List the export formats.")
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
  local opened, out, commit = pcall(formats.open_atomic, path)
  if not opened then return nil, out end
  return out, function(ok) return pcall(commit, ok) end
end

-- A --profile file is JSON: { "site": ..., "footers": [...] }.
local function load_profile(path)
  local file = io.open(path, "rb")
  if not file then return nil end
  local text = file:read("a")
  file:close()
  local ok, profile = pcall(cjson.decode, text)
  if not ok or type(profile) ~= "table" then error(path .. ": not a profile (JSON expected)", 0) end
  return profile
end

local function save_profile(path, profile)
  local file, err = io.open(path, "wb")
  if not file then error(err, 0) end
  file:write(cjson.encode(profile), "\n")
  file:close()
end

local function has_directory(paths)
  for _, path in ipairs(paths) do
    if path ~= "-" and lfs.attributes(path, "mode") == "directory" then return true end
  end
  return false
end

-- The options of the archive the arguments ask for, its profile learned;
-- failures are reported and remembered. Only `tags` shows display labels,
-- so only it has the tagger count spellings: other commands keep flat
-- memory whatever the labels.
local function archive_options(args, state, spellings)
  local made, tagger = pcall(tags.new, {
    aliases = args.aliases,
    vocabulary = not args.learn and args.vocabulary or nil,
    spellings = spellings or false,
  })
  if not made then error({ usage = tagger }, 0) end
  local opts = {
    pattern = args.pattern,
    shard = args.shard,
    tagger = tagger,
    on_error = function(where, message)
      report(where, message)
      state.failed = true
    end,
  }
  local archive = broadsheet.open(args.paths, opts)
  if args.profile then
    local loaded, profile = pcall(load_profile, args.profile)
    if not loaded then error({ usage = profile }, 0) end
    opts.profile = profile
    if not opts.profile then
      opts.profile = archive:profile()
      save_profile(args.profile, opts.profile)
    end
  elseif not args.no_learn and has_directory(args.paths) then
    opts.profile = archive:profile()
  end
  return opts, tagger
end

-- The frames' texts that -j workers read, in walk order, or nil when this
-- process reads the archive itself. Their exit is awaited after the command.
local function worker_texts(args, opts, state)
  local jobs = parallel.jobs(args)
  if jobs < 2 then return nil end
  local texts, finish = parallel.start(args, opts, jobs)
  state.finish[#state.finish + 1] = function()
    if not finish() then state.failed = true end
  end
  return texts
end

-- The archive of the options, read by -j workers unless serial is set (a
-- tagger counting spellings must see every label as parsed).
local function archive_with(args, opts, state, serial)
  local texts = not serial and worker_texts(args, opts, state)
  local archive
  if texts then
    archive = broadsheet.archive_of(function() return parallel.records(texts) end, opts)
  else
    archive = broadsheet.open(args.paths, opts)
  end
  if state.meter then archive = archive:map(function(record) state.meter.tick() return record end) end
  return archive
end

local function open_archive(args, state, spellings, serial)
  local opts, tagger = archive_options(args, state, spellings)
  return archive_with(args, opts, state, serial), tagger
end

local commands = {}

function commands.parse(args, out, state)
  local opts = archive_options(args, state)
  if args.framed then
    parallel.write_framed(args.paths, opts, out)
    return
  end
  local texts = worker_texts(args, opts, state)
  if not texts then
    formats.export("jsonl", archive_with(args, opts, state, true):each(), out)
    return
  end
  -- The workers' lines are this command's output as they stand.
  for text in texts do
    out:write(text)
    if state.meter then
      for _ in text:gmatch("\n") do state.meter.tick() end
    end
  end
end

function commands.merge(args, out)
  local streams = {}
  for i, path in ipairs(args.files) do
    local file, err = io.open(path, "rb")
    if not file then error(err, 0) end
    streams[i] = { stream = file, name = path }
  end
  for text in parallel.merged(streams) do out:write(text) end
  for _, s in ipairs(streams) do s.stream:close() end
end

-- The archive's tag counts (archive:stats), labelled with the tagger's most
-- frequent spelling rather than the first one seen.
local function tag_rows(archive, tagger, top)
  local rows = archive:stats(top or math.huge).top_tags
  for _, row in ipairs(rows) do row.label = tagger:label(row.slug) end
  return rows
end

function commands.tags(args, out, state)
  local archive, tagger = open_archive(args, state, not args.learn, not args.learn)
  if args.learn then
    local vocabulary = tags.learn(archive, { aliases = args.aliases })
    for _, collision in ipairs(vocabulary.collisions) do
      report("tags", ("labels %s share the slug %s"):format(table.concat(collision.labels, ", "), collision.slug))
    end
    out:write(tags.dump(vocabulary))
    return
  end
  local rows = tag_rows(archive, tagger, args.top)
  if args.json then
    out:write(cjson.encode(rows), "\n")
    return
  end
  for _, row in ipairs(rows) do out:write(("%7d  %s  %s\n"):format(row.count, row.slug, row.label)) end
end

-- The archive a query, --sort and --limit select; a query syntax error is bad usage.
local function selected(args, state, text)
  local archive = open_archive(args, state)
  if text then
    local compiled, message, column = query.parse(text)
    if not compiled then error({ usage = "query: " .. message .. "\n" .. query.caret(text, column) }, 0) end
    archive = archive:filter(compiled)
  end
  if args.sort then archive = archive:sort(args.sort, args.reverse) end
  if args.limit then archive = archive:limit(args.limit) end
  return archive
end

function commands.query(args, out, state)
  local archive = selected(args, state, args.query)
  if args.json then
    formats.export("jsonl", archive:each(), out)
    return
  end
  for record in archive:each() do
    out:write(("%-25s  %s  %s\n"):format(record.date or "-", record.id or "-", record.title or "(no title)"))
  end
end

-- A bar of width proportional to count, in eighths of a block for a smooth end.
local function bar(count, max, width)
  local eighths = math.floor(count / max * width * 8 + 0.5)
  local partial = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" }
  return string.rep("█", eighths // 8) .. partial[eighths % 8 + 1]
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

function commands.stats(args, out, state)
  local stats = open_archive(args, state):stats()
  if args.json then
    out:write(cjson.encode(stats), "\n")
    return
  end
  out:write(("articles  %d\nwords     %d\ndates     %s .. %s (%d undated)\n"):format(stats.articles, stats.words,
    stats.first_date or "-", stats.last_date or "-", stats.undated))
  for _, site in ipairs(sorted_keys(stats.sites)) do
    out:write(("site      %s (%d)\n"):format(site, stats.sites[site]))
  end
  local months, max = sorted_keys(stats.per_month), 0
  for _, month in ipairs(months) do max = math.max(max, stats.per_month[month]) end
  if #months > 0 then out:write("\nper month\n") end
  for _, month in ipairs(months) do
    local count = stats.per_month[month]
    out:write(("%s  %6d  %s\n"):format(month, count, bar(count, max, 50)))
  end
  if #stats.top_tags > 0 then out:write("\ntop tags\n") end
  for _, tag in ipairs(stats.top_tags) do out:write(("%7d  %s  %s\n"):format(tag.count, tag.slug, tag.label or "")) end
end

function commands.check(args, out, state)
  local articles, warned, not_articles = 0, 0, 0
  for record in open_archive(args, state):each() do
    articles = articles + 1
    if not record.title or not record.body then
      not_articles = not_articles + 1
      out:write(("%s: not an article: %s\n"):format(record.source,
        table.concat(record.warnings or { "no body text found" }, "; ")))
    elseif record.warnings then
      warned = warned + 1
      for _, warning in ipairs(record.warnings) do out:write(("%s: %s\n"):format(record.source, warning)) end
    end
  end
  out:write(("%d articles, %d with warnings, %d not articles\n"):format(articles, warned, not_articles))
  if warned + not_articles > 0 then state.failed = true end
end

local function template_format(args)
  local function read(path)
    local text, err = broadsheet.read_file(path)
    if not text then error({ usage = err }, 0) end
    return text
  end
  return formats.template {
    article = read(args.template),
    header = args.header_template and read(args.header_template),
    footer = args.footer_template and read(args.footer_template),
    name = args.template,
  }
end

function commands.export(args, out, state)
  local made, format = pcall(function()
    return args.template and template_format(args) or formats.resolve(args.format)
  end)
  if not made then error(type(format) == "table" and format or { usage = tostring(format) }, 0) end
  local archive = selected(args, state, args.query)
  local opts = { pretty = args.pretty, formulas = args.formulas, title = args.title, force = args.force,
                 split = args.split }
  if args.split then
    if not args.output then error({ usage = "--split needs -o DIRECTORY" }, 0) end
    archive:export(format, args.output, opts)
  else
    archive:export(format, out, opts)
  end
end

function commands.formats(_, out)
  for _, format in ipairs(formats.list()) do
    out:write(("%-10s .%-6s %s\n"):format(format.name, format.extension, format.description))
  end
end

--- Runs the command with the argument list argv; returns the exit status.
function cli.main(argv)
  local parser = build_parser()
  local ok, args = parser:pparse(argv)
  if not ok then
    io.stderr:write("broadsheet: usage: ", args, "\n", parser:get_usage(), "\n")
    return 2
  end
  local out, finish = open_output(not args.split and args.output)
  if not out then
    report(args.output, finish)
    return 1
  end
  local state = { finish = {} }
  if args.paths and not args.framed and progress.stderr_is_terminal() then state.meter = progress.meter(io.stderr) end
  local ran, err = pcall(commands[args.command], args, out, state)
  for _, finish_workers in ipairs(state.finish) do finish_workers() end
  if state.meter then state.meter.done() end
  if not ran then
    -- Options naming files that cannot be loaded are bad usage, not bad data.
    if type(err) == "table" and err.usage then
      state.usage = err.usage
    else
      report(args.command, err)
      state.failed = true
    end
  end
  local done, finish_err = finish(ran and not state.usage)
  if state.usage then
    io.stderr:write("broadsheet: ", state.usage, "\n")
    return 2
  end
  if not done then
    report(args.output or "stdout", finish_err)
    return 1
  end
  return state.failed and 1 or 0
end

return cli
