#!/usr/bin/env bash
# Makes the compose MongoDB a single-node replica set (majority writes, retryable writes) once it answers.
set -euo pipefail
until mongosh --quiet --host mongo --eval 'db.adminCommand("ping").ok' >/dev/null 2>&1; do sleep 1; done
mongosh --quiet --host mongo --eval '
  try { rs.status().ok } catch (e) { rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongo:27017" }] }).ok }
'
