--- sqlite: the articles in an archive database (broadsheet.database), for
-- `broadsheet query` and `broadsheet serve`. A database is no stream: the
-- format writes the file at a path itself, inside one transaction, so that
-- a failed export leaves an existing database as it was, and a new one is
-- removed. Exporting again into a database replaces the articles by id
-- (where they were in its order) and adds the new ones after the others.
local lfs = require "lfs"

local sqlite = {}

sqlite.sqlite = {
  name = "sqlite",
  extension = "db",
  mime = "application/vnd.sqlite3",
  description = "an SQLite database with full-text search (for query and serve)",
  article = function()
    error("the sqlite format writes a database file: give it a path (-o FILE)", 0)
  end,
  write_path = function(path, next_record)
    local existed = lfs.attributes(path, "mode") ~= nil
    local function fail(err)
      if not existed then os.remove(path) end
      error(err, 0)
    end
    -- Loaded here: LuaDBI is needed only by those who write databases.
    local opened, db = pcall(function() return require("broadsheet.database").open(path, { create = true }) end)
    if not opened then fail(db) end
    local count = 0
    local ok, err = pcall(db.transaction, db, function()
      local first = db:next_position()
      for record in next_record do
        db:put(record, first + count)
        count = count + 1
      end
    end)
    db:close()
    if not ok then fail(err) end
    return count
  end,
}

return sqlite
