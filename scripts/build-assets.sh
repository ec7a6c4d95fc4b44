#!/usr/bin/env bash
# Builds the stylesheet from scss/ with GOV.UK Frontend, and copies the scripts the pages load.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reporting/static/css reporting/static/govuk
npx sass --pkg-importer=node --style=compressed --no-source-map --no-error-css \
  --quiet-deps scss/app.scss reporting/static/css/app.css
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js reporting/static/govuk/
