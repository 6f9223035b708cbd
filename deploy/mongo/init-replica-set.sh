#!/usr/bin/env bash
# Makes the compose MongoDB a single-node replica set (majority writes, retryable writes) once it
# answers, then creates one user per service (service-users.js). Runs as the root user from
# MONGO_ROOT_USERNAME / MONGO_ROOT_PASSWORD (local-development defaults in docker-compose.yml).
set -euo pipefail
root_url="mongodb://${MONGO_ROOT_USERNAME}:${MONGO_ROOT_PASSWORD}@mongo:27017/admin?directConnection=true"
until mongosh --quiet "$root_url" --eval 'db.adminCommand("ping").ok' >/dev/null 2>&1; do sleep 1; done
mongosh --quiet "$root_url" --eval '
  try { rs.status().ok } catch (e) { rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongo:27017" }] }).ok }
'
# Users are created on the primary: wait until this node has become it.
until [[ $(mongosh --quiet "$root_url" --eval 'db.hello().isWritablePrimary') == true ]]; do sleep 1; done
mongosh --quiet "$root_url" /service-users.js
