-- Loaded by busted once, before any spec file (see .busted). busted gives
-- each file its own package.loaded and drops what the file loaded after
-- it; lua-luv dropped so is collected, closing libuv's one default loop,
-- and the next file that loads it again crashes on that loop. Loaded here,
-- it is kept across files.
require "luv"
