#!/bin/sh
# Parses an archive with a Slurm job array of N tasks, then merges the
# shards into OUTPUT: the same bytes as `broadsheet parse ARCHIVE > OUTPUT`.
#   sh examples/cluster/slurm.sh ARCHIVE OUTPUT [N]
# PARTS (default: a new folder beside OUTPUT) must be on storage every node
# shares.
set -eu
archive=$1 output=$2 tasks=${3:-4}
here=$(dirname "$0")
parts=${PARTS:-$(mktemp -d "$output.parts.XXXXXX")}
sbatch --quiet --wait --array="1-$tasks" --output="$parts/slurm-%a.log" "$here/shard.sbatch" "$archive" "$parts"
${BROADSHEET:-broadsheet} merge -- "$parts"/part-* > "$output"
rm -rf "$parts"
