#!/usr/bin/env bash
# Trunk post_build hook: writes into the staged sw.js the list of files the
# service worker keeps and a build id (a hash of their bytes), so each build
# gets its own cache and no file is forgotten. Runs in Trunk's staging folder.
set -euo pipefail
stage="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$stage"
files=$(find . -maxdepth 1 -type f ! -name sw.js ! -name '.*' -printf '%P\n' | LC_ALL=C sort)
build=$(cat $files | sha256sum | cut -c1-16)
list="'./'"
for f in $files; do list="$list, './$f'"; done
sed -i -e "s|^const BUILD = '__BUILD__';|const BUILD = '$build';|" \
  -e "s|^const FILES = \['./'\];|const FILES = [$list];|" sw.js
grep -q "const BUILD = '$build';" sw.js || { echo "stamp_sw: sw.js was not stamped" >&2; exit 1; }
