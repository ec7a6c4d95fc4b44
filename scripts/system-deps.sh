#!/usr/bin/env bash
# Installs the Debian packages that the browser and PDF tests need, when they are missing.
# Chromium drives the browser tests; Noto fonts (with CJK for Chinese) render every shipped script; poppler reads PDFs;
# wrk drives the loads of the benchmark (`make bench`, and its smoke test); Noto Color Emoji draws emoji in PDFs;
# nginx and redis-server run the scale test of the shipped deployment; ffmpeg (with ffprobe) checks and re-muxes recordings.
set -euo pipefail
packages=(chromium fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji poppler-utils wrk nginx redis-server ffmpeg)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing ${missing[*]}; install them as root (browser and PDF tests will be skipped)" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
