// Runs first thing in <body>: marks the page as having JavaScript (and modules) before GOV.UK
// Frontend's styles for those cases apply, so that nothing jumps once the components start.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
