--- Makes a WARC the way an archivist would: a web server on 127.0.0.1
-- (python3 -m http.server, any free port) serves a folder, and Debian's wget
-- fetches a list of its pages with --warc-file. The demo, the specs and the
-- benchmark use it; no traffic leaves the machine.
--   local crawl = dofile("tools/crawl.lua")
--   local server = crawl.serve(root, work_dir)
--   crawl.warc({ server.url .. "a.html" }, work_dir .. "/crawl", work_dir)  --> work_dir/crawl.warc.gz
--   server.stop()
local crawl = {}

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read(path)
  local file = io.open(path, "rb")
  if not file then return nil end
  local text = file:read("a")
  file:close()
  return text
end

--- Serves root from 127.0.0.1 on a free port: { url = "http://127.0.0.1:PORT/", stop = function }.
-- work is a folder for the server's log and process id.
function crawl.serve(root, work)
  local log, pid_file = work .. "/server.log", work .. "/server.pid"
  assert(os.execute(("python3 -u -m http.server 0 --bind 127.0.0.1 --directory %s > %s 2>&1 & echo $! > %s")
    :format(quote(root), quote(log), quote(pid_file))))
  local pid = assert(tonumber((read(pid_file) or ""):match("%d+")), "the web server did not start")
  local function stop() os.execute("kill " .. pid .. " 2>/dev/null") end
  for _ = 1, 200 do
    local port = (read(log) or ""):match("port (%d+)")
    if port then return { url = ("http://127.0.0.1:%s/"):format(port), stop = stop } end
    os.execute("sleep 0.05")
  end
  stop()
  error("the web server did not start: " .. (read(log) or ""))
end

--- Fetches urls into base .. ".warc.gz" with wget (one try each, bounded
-- waits, no recursion); returns that path and wget's exit status.
function crawl.warc(urls, base, work)
  local list = work .. "/urls.txt"
  local file = assert(io.open(list, "wb"))
  file:write(table.concat(urls, "\n"), "\n")
  file:close()
  local _, _, status = os.execute(("wget -q --no-proxy --tries=1 --timeout=10 --no-warc-keep-log --delete-after "
    .. "-P %s --warc-file=%s -i %s"):format(quote(work .. "/fetched"), quote(base), quote(list)))
  return base .. ".warc.gz", status
end

return crawl
