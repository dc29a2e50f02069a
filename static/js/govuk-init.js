// Starts GOV.UK Frontend's components. Loaded as a module from a file, so that the
// Content-Security-Policy needs no inline script.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
