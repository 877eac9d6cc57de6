#!/usr/bin/env bash
# Installs the Debian packages riskscreen builds and tests with, when any is missing. Sourced by demo.sh and test.sh.
set -euo pipefail

# fonts-hanazono: HanaMinA/B, the notices' fallback for CJK Extension B (𠮷). mupdf-tools: tests read the glyphs a
# PDF draws. libreoffice-calc-nogui with fonts-crosextra-carlito (Calibri's metrics, as Excel and WPS lay worklists
# out): tests print the XLSX worklists as an office would.
RISKSCREEN_PACKAGES=(
  pkg-config libcsv-dev libssl-dev libsqlite3-dev libxml2-dev zlib1g-dev libxxhash-dev
  libpango1.0-dev libcairo2-dev libqrencode-dev libxlsxwriter-dev libcups2-dev libqpdf-dev
  fonts-arphic-uming fonts-wqy-zenhei fonts-hanazono
  poppler-utils mupdf-tools zbar-tools unzip python3 python3-openpyxl
  libreoffice-calc-nogui fonts-crosextra-carlito
  cups cups-bsd printer-driver-cups-pdf
  chromium bsdutils
)

install_missing() {
  local missing=()
  for p in "${RISKSCREEN_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
