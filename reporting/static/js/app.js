// Starts the GOV.UK Frontend components (error summary focus, exit this page, and so on).
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
