--- The broadsheet command: parse, tags, query, stats, check.
-- Errors are one line, "broadsheet: WHERE: WHAT"; exit status 1 for bad
-- data, 2 for bad usage.
local argparse = require "argparse"
local cli_args = require "broadsheet.cli_args"
local cjson = require "cjson"
local broadsheet = require "broadsheet"
local context = require "broadsheet.context"
local formats = require "broadsheet.formats"
local parallel = require "broadsheet.parallel"
local interrupt = require "broadsheet.interrupt"
local output = require "broadsheet.output"
local learn = require "broadsheet.learn"
local progress = require "broadsheet.progress"
local sqlite_paths = require "broadsheet.sqlite_paths"
local walk = require "broadsheet.walk"
local lfs = require "lfs"

local cli = {}

-- Options every command that reads articles takes.
local function add_input_options(command)
  command:argument("paths", "Files, directories (recursively), JSON Lines, or - for standard input."):args("+")
  command:option("--pattern", "File names to read inside directories (globs, comma-separated).",
    walk.DEFAULT_GLOB)
  command:option("--vocabulary", "Known tags (a Lua or JSON file, e.g. from tags --learn).")
  command:option("--aliases", "Tag aliases (a Lua or JSON file).")
  command:flag("--no-learn", "Do not learn the masthead and footers of a directory first.")
  command:option("--profile", "Load the masthead and footers from FILE, or learn and save them there.")
  command:option("--shard", "Read only share K of N of the files (e.g. 2/4), chosen by a stable hash of each path;\n"
    .. "a web archive is shared by record instead.")
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

local function add_serve_command(parser)
  local command = add_input_options(parser:command("serve",
    "Browse and search an archive (or an archive database) in lighttpd, until Ctrl-C."))
  command:option("--port", "The port to listen on.", "8080"):convert(function(text)
    local port = math.tointeger(tonumber(text))
    if not port or port < 1 or port > 65535 then return nil, "port must be a number from 1 to 65535, got " .. text end
    return port
  end)
  command:option("--host", "The address to listen on.", "127.0.0.1"):convert(function(text)
    if not text:match("^[%w%.:%-]+$") then return nil, "host must be an address or a name, got " .. text end
    return text
  end)
  command:option("--workers", "lighttpd processes (default 1: one event loop, whose tail latency"
    .. " stays low when load comes from the same machine).", "1"):convert(function(text)
    local n = math.tointeger(tonumber(text))
    if not n or n < 1 then return nil, "workers must be a whole number of at least 1, got " .. text end
    return n
  end)
  command:option("--db", "Where to write the index of an archive (default: in the state folder).")
  command:option("--state", "The folder for the index, lighttpd's configuration and its log"
    .. " (default: $XDG_STATE_HOME/broadsheet/serve).")
end

-- The parser, and its commands by name (for their own usage lines).
local function build_parser()
  local parser = argparse("broadsheet", "Parse, filter and export archived news articles.")
    :add_help_command()
    :require_command(false)
  parser:command_target("command")
  parser:option("-o --output", "Write to FILE instead of standard output.")
  parser:flag("--version", "Print the version and exit.")
  local parse_command = add_input_options(parser:command("parse", "Print one JSON record per article, one per line."))
  parse_command:flag("--framed", "Frame each file's records with its place in the walk, for merge (with --shard).")
  -- -j workers learning the profile together (see broadsheet.parallel)
  parse_command:flag("--learn-together"):hidden(true)
  parse_command:flag("--blocks"):hidden(true) -- shards by blocks of the walk, not by path
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
  add_serve_command(parser)
  local commands = {}
  -- argparse keeps a parser's commands in _commands, each named by _name.
  for _, command in ipairs(parser._commands) do commands[command._name] = command end
  return parser, commands
end

-- An error in the user's terms: a position in broadsheet's own modules
-- ("broadsheet/walk.lua:21: ") means nothing to them (one in their own
-- format file does, and stays), and a table or userdata raised by a format
-- or a callback is said to be one rather than printed as "table: 0x...".
local function message_of(err)
  if type(err) == "string" then return (err:gsub("^[^:\n]*broadsheet/[%w_/]*%.lua:%d+: ", "")) end
  if type(err) == "number" then return tostring(err) end
  local mt = getmetatable(err)
  if type(mt) == "table" and mt.__tostring then return tostring(err) end
  if type(err) == "table" and type(err.message) == "string" then return err.message end
  return ("failed with an error that is a %s, not a message (a format or a callback raised it)"):format(type(err))
end

local function report(where, what)
  io.stderr:write("broadsheet: ", where, ": ", (message_of(what):gsub("\n", " ")), "\n")
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
  formats.atomic_write(path, function(out) out:write(cjson.encode(profile), "\n") end)
end

local function has_directory(paths)
  for _, path in ipairs(paths) do
    if path ~= "-" and lfs.attributes(path, "mode") == "directory" then return true end
  end
  return false
end

-- How many processes read the archive (see parallel.jobs), decided once.
local function job_count(args, state)
  state.jobs = state.jobs or parallel.jobs(args)
  return state.jobs
end

-- The options of the archive the arguments ask for, its profile learned
-- and its tagger made (with the profile's vocabulary), and the archive
-- opened with them; failures are reported and remembered. Only `tags`
-- shows display labels, so only it has the tagger count spellings: other
-- commands keep flat memory whatever the labels. Where -j workers will read
-- the archive (unless serial), they learn the profile together:
-- opts.profile is then true until they start (see worker_texts).
local function archive_options(args, state, spellings, serial)
  local opts = {
    pattern = args.pattern,
    shard = args.shard,
    aliases = args.aliases,
    vocabulary = not args.learn and args.vocabulary or nil,
    spellings = spellings or false,
    segment = not args.learn, -- tags --learn reads the tag lines as printed
    on_error = function(where, message)
      if message == interrupt.ERROR then error(message, 0) end
      if state.listing then
        state.listing(where, message)
      else
        report(where, message)
      end
      state.failed = true
    end,
    leftovers = state.listing ~= nil,
    on_file = function(path)
      state.poll()
      if state.meter then state.meter.file(path) end
    end,
  }
  if args.profile then
    local loaded, profile = pcall(load_profile, args.profile)
    if not loaded then error({ usage = profile }, 0) end
    opts.profile = profile
  end
  -- Aliases and vocabularies that do not load are bad usage.
  local opened, archive = pcall(broadsheet.open, args.paths, opts)
  if not opened then error({ usage = archive }, 0) end
  local learning = not opts.profile and (args.profile or not args.no_learn and has_directory(args.paths))
  -- The tagger made once is kept (with a loaded profile's vocabulary).
  opts.tagger = archive.context.tagger
  opts.blocks = args.blocks
  -- A worker learning with the others, or a parent whose workers will.
  if args.learn_together or learning and not serial and job_count(args, state) > 1 then
    opts.profile = true
    return opts, archive
  end
  if not learning then return opts, archive end
  -- Opened again to learn the profile (whose vocabulary goes into the
  -- tagger once) in one pass: the sample it learns from is kept, not read again.
  opts.profile = true
  archive = broadsheet.open(args.paths, opts)
  opts.profile = archive.context.profile
  if args.profile then save_profile(args.profile, opts.profile) end
  return opts, archive
end

-- The frames' texts that -j workers read, in walk order, or nil when this
-- process reads the archive itself; the web archive records they skip are
-- counted into skipped. Their exit is awaited after the command.
local function worker_texts(args, opts, state, skipped)
  local jobs = job_count(args, state)
  if jobs < 2 then return nil end
  local learning = opts.profile == true
  local texts, finish = parallel.start("broadsheet.cli", args, opts, jobs, skipped)
  state.finish[#state.finish + 1] = function()
    if not finish() then state.failed = true end
  end
  if learning and args.profile then save_profile(args.profile, opts.profile) end
  return texts
end

-- The archive of the options, read by -j workers unless serial is set (a
-- tagger counting spellings must see every label as parsed); each record
-- is a point where a signal stops the command (state.poll).
local function archive_with(args, opts, state, serial, opened)
  local skipped = {}
  local texts = not serial and worker_texts(args, opts, state, skipped)
  local archive
  if texts then
    archive = broadsheet.archive_from(function() return parallel.records(texts) end, opts)
    archive.skipped = skipped -- what the workers skip, as one process would count it
  else
    archive = opened or broadsheet.open(args.paths, opts)
  end
  return archive:map(function(record)
    state.poll()
    if state.meter then state.meter.tick() end
    return record
  end)
end

-- An archive database, its query's tags made slugs with the tagger of
-- --aliases and --vocabulary (which must be the export's for the same
-- articles as on the folder); ones that do not load are bad usage there too.
-- With a list of record keys, its records hold at least those. Each record
-- read is a point where a signal stops the command (state.poll).
local function database_archive(args, state, tree, keys)
  local made, archive_context = pcall(context.new, { aliases = args.aliases, spellings = false,
    vocabulary = not args.learn and args.vocabulary or nil })
  if not made then error({ usage = archive_context }, 0) end
  return sqlite_paths.archive(args.paths[1], tree, { tagger = archive_context.tagger }, keys):map(function(record)
    state.poll()
    return record
  end)
end

-- The archive the arguments name and its tagger; a database's records keep
-- the labels they were exported with, so it has no tagger for labels.
local function open_archive(args, state, spellings, serial)
  if sqlite_paths.is_database(args.paths) then return database_archive(args, state) end
  local opts, opened = archive_options(args, state, spellings, serial)
  local archive = archive_with(args, opts, state, serial, opened)
  return archive, archive.context.tagger
end

local commands = {}

function commands.parse(args, out, state)
  local opts, opened = archive_options(args, state)
  -- Standard output to a pipe or a file flushes every 4 KB unless told
  -- otherwise: much of the cost of passing on what workers write.
  local function buffer_output()
    if io.type(out) == "file" then out:setvbuf("full", 1 << 16) end
  end
  if args.framed then
    buffer_output()
    parallel.write_framed(args.paths, opts, out)
    return
  end
  local texts = worker_texts(args, opts, state)
  if not texts then
    formats.export("jsonl", archive_with(args, opts, state, true, opened):each(), out)
    return
  end
  -- The workers' lines are this command's output as they stand.
  buffer_output()
  for text in texts do
    state.poll()
    out:write(text)
    if state.meter then
      for _ in text:gmatch("\n") do state.meter.tick() end
    end
  end
end

function commands.merge(args, out, state)
  local streams = {}
  for i, path in ipairs(args.files) do
    local file, err = io.open(path, "rb")
    if not file then error(err, 0) end
    streams[i] = { stream = file, name = path }
  end
  for text in parallel.merged(streams) do
    state.poll()
    out:write(text)
  end
  for _, s in ipairs(streams) do s.stream:close() end
end

-- The archive's tag counts (archive:stats), labelled with the tagger's most
-- frequent spelling rather than the first one seen, when there is a tagger.
local function tag_rows(archive, tagger, top)
  local rows = archive:stats(top or math.huge).top_tags
  if tagger then
    for _, row in ipairs(rows) do row.label = tagger:label(row.slug) end
  end
  return rows
end

function commands.tags(args, out, state)
  local archive, tagger = open_archive(args, state, not args.learn, not args.learn)
  if args.learn then
    local vocabulary = learn.learn(archive, { aliases = args.aliases })
    for _, collision in ipairs(vocabulary.collisions) do
      report("tags", ("labels %s share the slug %s"):format(table.concat(collision.labels, ", "), collision.slug))
    end
    out:write(learn.dump(vocabulary))
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
-- An archive database answers the query in SQL, a folder through filters;
-- keys lists the record keys the caller reads, when it reads only some.
local function selected(args, state, text, keys)
  local query = require "broadsheet.query" -- loaded only by the commands that select
  local tree
  if text then
    local message, column
    tree, message, column = query.tree(text)
    if not tree then error({ usage = "query: " .. message .. "\n" .. query.caret(text, column) }, 0) end
  end
  local archive
  if sqlite_paths.is_database(args.paths) then
    archive = database_archive(args, state, tree, keys)
  else
    archive = open_archive(args, state)
    if tree then archive = archive:filter(query.filter(tree)) end
  end
  if args.sort then archive = archive:sort(args.sort, args.reverse) end
  if args.limit then archive = archive:limit(args.limit) end
  return archive
end

function commands.query(args, out, state)
  if args.json then
    formats.export("jsonl", selected(args, state, args.query):each(), out)
    return
  end
  -- A listing reads three keys (and the one it sorts by), not bodies.
  for record in selected(args, state, args.query, { "date", "id", "title", args.sort }):each() do
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

-- Every month from the first to the last, those with no article too; the
-- keys of dates that are no YYYY-MM (a JSON record's own) after them.
local function month_range(per_month)
  local valid, odd = {}, {}
  for _, key in ipairs(sorted_keys(per_month)) do
    local month = tonumber(key:match("^%d%d%d%d%-(%d%d)$"))
    table.insert((month and month >= 1 and month <= 12) and valid or odd, key)
  end
  local months = {}
  if #valid > 0 then
    local year, month = tonumber(valid[1]:sub(1, 4)), tonumber(valid[1]:sub(6, 7))
    repeat
      months[#months + 1] = ("%04d-%02d"):format(year, month)
      month = month % 12 + 1
      if month == 1 then year = year + 1 end
    until months[#months] >= valid[#valid]
  end
  for _, key in ipairs(odd) do months[#months + 1] = key end
  return months
end

-- The width of the terminal the chart is for: $COLUMNS, else 80.
local function chart_columns()
  local columns = math.tointeger(tonumber(os.getenv("COLUMNS") or ""))
  return columns and columns > 0 and columns or 80
end

-- A bar per month, scaled to the largest, every line within the terminal's width.
local function write_months(out, per_month)
  local months, max = month_range(per_month), 0
  for _, month in ipairs(months) do max = math.max(max, per_month[month] or 0) end
  if #months == 0 then return end
  local label_width = #"2016-06  000000  "
  local width = math.max(chart_columns() - label_width - 1, 1)
  out:write("\nper month\n")
  for _, month in ipairs(months) do
    local count = per_month[month] or 0
    out:write((("%s  %6d  %s"):format(month, count, bar(count, max, width)):gsub("%s+$", "")), "\n")
  end
end

-- The web archive records that were no pages, counted by kind.
local function write_skipped(out, skipped)
  local kinds = sorted_keys(skipped)
  if #kinds > 0 then out:write("\nskipped web archive records\n") end
  for _, kind in ipairs(kinds) do out:write(("%7d  %s\n"):format(skipped[kind], kind)) end
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
  write_months(out, stats.per_month)
  if #stats.top_tags > 0 then out:write("\ntop tags\n") end
  for _, tag in ipairs(stats.top_tags) do out:write(("%7d  %s  %s\n"):format(tag.count, tag.slug, tag.label or "")) end
  write_skipped(out, stats.skipped)
end

-- `check` lists what could not be read (skipped FIFOs, devices, dangling
-- symlinks, temporary files a killed run left) beside the warnings.
function commands.check(args, out, state)
  local articles, warned, not_articles, not_read = 0, 0, 0, 0
  state.listing = function(where, message)
    not_read = not_read + 1
    out:write(("%s: %s\n"):format(where, message_of(message)))
  end
  -- One process: what cannot be read is listed among the records, in walk order.
  local archive = open_archive(args, state, false, true)
  for record in archive:each() do
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
  write_skipped(out, archive.skipped)
  out:write(("%d articles, %d with warnings, %d not articles"):format(articles, warned, not_articles))
  out:write(not_read > 0 and (", %d not read\n"):format(not_read) or "\n")
  if warned + not_articles + not_read > 0 then state.failed = true end
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
  if format.write_path then
    if not args.output then error({ usage = ("the %s format needs -o FILE"):format(format.name) }, 0) end
    archive:export(format, args.output, opts)
  elseif args.split then
    if not args.output then error({ usage = "--split needs -o DIRECTORY" }, 0) end
    archive:export(format, args.output, opts)
  else
    archive:export(format, out, opts)
  end
end

-- The index serve browses: the database given, or one built from the
-- archive afresh (into a new file renamed over the old one, so that it
-- holds what the archive holds now).
local function serve_database(args, state, state_dir)
  if sqlite_paths.is_database(args.paths) then return args.paths[1] end
  local serve = require "broadsheet.serve"
  serve.make_dir(state_dir)
  local db_path = args.db or (state_dir .. "/archive.db")
  local fresh = db_path .. ".new"
  os.remove(fresh)
  local count = formats.export("sqlite", open_archive(args, state):each(), fresh)
  local renamed, err = os.rename(fresh, db_path)
  if not renamed then error(err, 0) end
  io.stderr:write(("broadsheet: serve: %d articles indexed in %s\n"):format(count, db_path))
  return db_path
end

function commands.serve(args, _, state)
  local serve = require "broadsheet.serve"
  local program, modules = serve.find_lighttpd()
  if not program then error(modules, 0) end
  local state_dir = args.state or serve.default_state()
  local db_path = serve_database(args, state, state_dir)
  local config = serve.prepare(db_path, { state = state_dir, host = args.host, port = args.port,
    workers = args.workers })
  io.stderr:write(("broadsheet: serve: http://%s:%d/ (Ctrl-C stops)\n"):format(args.host, args.port))
  local stopped, err = serve.run(program, modules, config)
  if not stopped then error(err, 0) end
end

function commands.formats(_, out)
  for _, format in ipairs(formats.list()) do
    out:write(("%-10s .%-6s %s\n"):format(format.name, format.extension, format.description))
  end
end

-- An export whose -o the format writes itself (one file per article, a
-- database) rather than a stream into a file opened here.
local function writes_own_files(args)
  if args.split then return true end
  if args.command ~= "export" or args.template then return false end
  local format = formats.get(args.format)
  return format ~= nil and format.write_path ~= nil
end

-- Runs command(args, out, state) as pcall does, but a SIGINT, SIGTERM or
-- SIGHUP stops it with interrupt.ERROR at its next state.poll() (each file
-- opened, each record read); then the temporary files it made are removed,
-- and the third result is the signal's number.
local function run_interruptible(command, args, out, state)
  local watch = interrupt.watch()
  state.poll = watch.poll
  local ran, err = watch:run(command, args, out, state)
  local signal = watch:signal()
  watch:close()
  if signal then output.discard_pending() end
  return ran, err, signal
end

-- The arguments, or nil after a usage error shown with the usage of the
-- command it concerns (the whole program's when there is none).
local function parse_arguments(argv)
  local parser, known = build_parser()
  local prepared, restore = cli_args.prepare(argv, parser, known)
  local ok, args = parser:pparse(prepared)
  if ok then return restore(args), parser end
  local _, name = cli_args.find_command(argv, parser, known)
  io.stderr:write("broadsheet: usage: ", args, "\n", (known[name] or parser):get_usage(), "\n")
  return nil
end

--- Runs the command with the argument list argv; returns the exit status.
function cli.main(argv)
  local args, parser = parse_arguments(argv)
  if not args then return 2 end
  if args.version then
    io.stdout:write("broadsheet ", broadsheet.version, "\n")
    return 0
  end
  if not args.command then
    -- Nothing asked: what there is to ask.
    io.stdout:write(parser:get_help(), "\n")
    return 0
  end
  local out, finish = open_output(not writes_own_files(args) and args.output)
  if not out then
    io.stderr:write("broadsheet: ", finish, "\n") -- names the path already
    return 1
  end
  local state = { finish = {}, poll = function() end }
  if args.paths and not args.framed and progress.stderr_is_terminal() then
    state.meter = progress.meter(io.stderr, progress.count_files(args.paths, args))
  end
  local ran, err, signal = run_interruptible(commands[args.command], args, out, state)
  for _, finish_workers in ipairs(state.finish) do finish_workers() end
  if state.meter then state.meter.done() end
  if signal then
    finish(false)
    io.stderr:write("broadsheet: interrupted\n")
    return 128 + signal
  end
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
    io.stderr:write("broadsheet: ", args.output and "" or "standard output: ", message_of(finish_err), "\n")
    return 1
  end
  return state.failed and 1 or 0
end

return cli
