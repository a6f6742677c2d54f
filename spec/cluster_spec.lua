-- The recipes of examples/cluster, run on a cluster of this machine
-- (tools/cluster: single-node Slurm, sshd on a loopback port): their merged
-- outputs are the bytes one `broadsheet parse` prints.
local support = require "spec.support"

local function is_root()
  return (support.run("id -u")) == "0\n"
end

local function checkout()
  return (support.run("pwd")):gsub("\n$", "")
end

describe("examples/cluster #external", function()
  local dir, archive, serial
  setup(function()
    dir = support.temp_dir()
    archive = dir .. "/archive"
    assert(os.execute(('lua5.4 bench/gen 120 "%s" > /dev/null'):format(archive)))
    support.write(archive .. "/0000/several.txt", "First of two\n\nIts body.\n\f\nSecond of two\n\nIts body.\n")
    serial = support.run(('lua5.4 bin/broadsheet parse -j 1 "%s"'):format(archive))
  end)
  teardown(function()
    os.execute(('sh tools/cluster stop "%s/cluster"'):format(dir))
    os.execute('rm -rf "' .. dir .. '"')
  end)

  local function recipe(start, run)
    if not is_root() then
      pending("not root: the cluster recipes need root to install and start Slurm and sshd")
      return
    end
    local started, err, status = support.run(('sh tools/cluster %s "%s/cluster"'):format(start, dir))
    assert.equal(0, status, err)
    local environment = ("BROADSHEET='lua5.4 %s/bin/broadsheet' "):format(checkout())
    local _, run_err, run_status = support.run(environment .. run(started:gsub("\n$", "")))
    assert.equal(0, run_status, run_err)
    assert.equal(serial, support.read(dir .. "/merged.jsonl"))
  end

  it("a Slurm job array, one shard a task, merged", function()
    recipe("slurm", function(conf)
      return ('SLURM_CONF="%s" sh examples/cluster/slurm.sh "%s" "%s/merged.jsonl" 3'):format(conf, archive, dir)
    end)
  end)

  it("GNU parallel over ssh, one shard a job, merged", function()
    recipe("sshd", function(login)
      return ('PARALLEL_SSH="%s" sh examples/cluster/ssh.sh "%s" "%s/merged.jsonl" 127.0.0.1 3')
        :format(login, archive, dir)
    end)
  end)
end)
