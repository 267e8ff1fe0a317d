#!/bin/sh
# Installs the npm dependencies when they are missing or older than package-lock.json,
# so `npm start` works on a fresh clone. npm records what it installed in
# node_modules/.package-lock.json.
set -e
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies (npm ci) …"
  npm ci --no-audit --no-fund
fi
