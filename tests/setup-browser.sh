#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (nothing is downloaded by the test tools).
# Install it when it is missing; as root on these machines, from Debian's packages.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# axe-core, run inside the pages by the accessibility tests: from npm, pinned, once.
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$HERE/.browser/node_modules/axe-core/axe.min.js" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    fi
    npm install --prefix "$HERE/.browser" --no-audit --no-fund --silent axe-core@4.14.1 >/dev/null
fi
