#!/bin/sh
# Parses an archive on several hosts with GNU parallel over ssh, one shard
# per job, then merges the shards into OUTPUT: the same bytes as
# `broadsheet parse ARCHIVE > OUTPUT`.
#   sh examples/cluster/ssh.sh ARCHIVE OUTPUT HOST[,HOST...] [N]
# Every host must see ARCHIVE at the same path and run broadsheet (or the
# command BROADSHEET names); parallel brings each job's output back into a
# local file (--files), so the shards need no shared storage.
set -eu
archive=$1 output=$2 hosts=$3 jobs=${4:-4}
command=${BROADSHEET:-broadsheet}
parts=$(seq "$jobs" | parallel --sshlogin "$hosts" --files \
  "$command parse --framed --shard {}/$jobs '$archive'")
# shellcheck disable=SC2086 # one temporary file name per line, without blanks
${BROADSHEET:-broadsheet} merge -- $parts > "$output"
# shellcheck disable=SC2086
rm -f $parts
