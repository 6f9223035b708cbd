#!/usr/bin/env bash
# Starts mongod for docker compose: access control (root user from MONGO_INITDB_ROOT_*) on a replica
# set needs a key file for member authentication; a single local node gets a fresh one at each start.
set -euo pipefail
keyfile=/tmp/mongo-keyfile
head -c 756 /dev/urandom | base64 -w 0 >"$keyfile"
chmod 400 "$keyfile"
chown mongodb:mongodb "$keyfile"
exec docker-entrypoint.sh mongod --replSet rs0 --bind_ip_all --keyFile "$keyfile"
