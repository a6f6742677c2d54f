-- broadsheet.workers: a child process's output read as a file reads, ahead
-- of the reader, by libuv.
local workers = require "broadsheet.workers"

local function spawn(script)
  return assert(workers.spawn("sh", { "-c", script }))
end

describe("broadsheet.workers", function()
  it("reads lines and counts of bytes as a file does, nil at the end", function()
    local worker = spawn("printf 'one\\ntwo\\n'; printf 'abcdef'")
    assert.equal("one", worker:read("l"))
    assert.equal("two", worker:read("l"))
    assert.equal("abc", worker:read(3))
    assert.equal("def", worker:read(10))
    assert.is_nil(worker:read(1))
    assert.is_nil(worker:read("l"))
    assert.is_true(worker:close())
  end)

  it("reads a block larger than its read-ahead whole and in order", function()
    local worker = spawn("seq 1 2000000")
    local expected = {}
    for i = 1, 2000000 do expected[i] = i end
    expected = table.concat(expected, "\n") .. "\n"
    local block = worker:read(#expected - 5)
    assert.equal(#expected - 5, #block)
    assert.is_true(block == expected:sub(1, -6), "the block differs from what the worker wrote")
    assert.equal(expected:sub(-5), worker:read(100))
    assert.is_nil(worker:read(1))
    assert.is_true(worker:close())
  end)

  it("says when a worker failed", function()
    local worker = spawn("printf 'partial'; exit 3")
    assert.equal("partial", worker:read("l"))
    assert.is_false(worker:close())
  end)

  it("hands a line without an end in pieces of 4096 bytes, not all at once", function()
    local worker = spawn("head -c 100000 /dev/zero | tr '\\0' x")
    local total, longest = 0, 0
    for line in function() return worker:read("l") end do
      total, longest = total + #line, math.max(longest, #line)
    end
    assert.equal(4096, longest)
    assert.equal(100000, total)
    assert.is_true(worker:close())
  end)

  it("reads no more than about a megabyte ahead of the reader", function()
    local uv = require "luv"
    local worker = spawn("head -c 20000000 /dev/zero")
    assert.equal(1, #worker:read(1))
    -- let the worker write as much as it can while nothing is read
    for _ = 1, 50 do
      uv.sleep(10)
      uv.run("nowait")
    end
    local unread = worker.queued + #worker.buffer - worker.pos + 1
    assert.is_true(unread <= (1 << 20) + (1 << 17), unread .. " bytes read ahead")
    local rest = 0
    while true do
      local piece = worker:read(1 << 16)
      if not piece then break end
      rest = rest + #piece
    end
    assert.equal(20000000 - 1, rest)
    assert.is_true(worker:close())
  end)

  it("sends to the worker's standard input", function()
    local worker = spawn("read line; echo \"got $line\"")
    worker:send("hello\n")
    assert.equal("got hello", worker:read("l"))
    assert.is_true(worker:close())
  end)

  it("stops a worker that is not read to its end", function()
    local worker = spawn("yes 2>/dev/null")
    assert.equal("y", worker:read("l"))
    assert.is_false(worker:close()) -- ended by the closed pipe
  end)

  it("reports a program that cannot start", function()
    local worker, err = workers.spawn("/nonexistent/program", {})
    assert.is_nil(worker)
    assert.is_string(err)
  end)
end)
