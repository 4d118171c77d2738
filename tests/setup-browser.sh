#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (nothing is downloaded by the test tools).
# Install it when it is missing; as root on these machines, from Debian's packages.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
