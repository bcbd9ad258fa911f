#!/usr/bin/env bash
# Debian packages some tests need: headless Chromium renders the HTML report (HtmlReportRenderTests).
# Installs only what is missing; apt-get update runs once, and only when something must be installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "install-deps: chromium present ($(chromium --version 2>/dev/null || echo unknown version))"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: chromium missing and not root; skipping (the HTML render test will skip outside CI)"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "install-deps: installed $(chromium --version 2>/dev/null || echo chromium)"
