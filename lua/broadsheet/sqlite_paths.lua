--- broadsheet.sqlite_paths: an archive database named where the commands
-- take files (`broadsheet query 'Q' archive.db`), read as an archive.
local archive = require "broadsheet.archive"

local sqlite_paths = {}

-- The first 16 bytes of every SQLite 3 database file.
local MAGIC = "SQLite format 3\0"

--- Whether the paths are one SQLite database file.
function sqlite_paths.is_database(paths)
  if type(paths) ~= "table" or #paths ~= 1 or paths[1] == "-" then return false end
  local file = io.open(paths[1], "rb")
  if not file then return false end
  local head = file:read(#MAGIC)
  file:close()
  return head == MAGIC
end

--- The articles of the database at path that a query's tree matches (all
-- without one), in the order they were exported, as an archive.
function sqlite_paths.archive(path, tree)
  local where, params = "1", {}
  if tree then where, params = require("broadsheet.sql").where(tree) end
  local db = require("broadsheet.database").open(path)
  return archive.from(function() return db:each(where, params) end)
end

return sqlite_paths
