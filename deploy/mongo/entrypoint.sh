#!/usr/bin/env bash
# Starts mongod the way the official image does, after making sure the replica set's key file
# exists: a replica set with access control needs one, even with a single member. The key is
# made once, at random, and kept in the mongo-config volume.
set -euo pipefail
key=/data/configdb/replica.key
if [[ ! -s "$key" ]]; then
  head -c 756 /dev/urandom | base64 -w 0 >"$key"
fi
chown mongodb:mongodb "$key"
chmod 400 "$key"
exec docker-entrypoint.sh "$@"
