// Autosave of a proposal's section. htmx posts a form marked data-autosave when typing stops and on
// change (its hx-* attributes), and swaps the answer into the status line. This script keeps that
// honest: it skips a save when nothing changed since the last one, shows the refusals the server
// answers with 409, 422 or 403 (a conflict, a mistake, a closed proposal), says so when the save
// could not reach the server, and makes the Save button wait for a save already on its way, so that
// the two never send the same revision.
(function () {
  "use strict";

  function payload(form) {
    var data = new FormData(form);
    data.delete("revision");
    data.delete("csrfmiddlewaretoken");
    return new URLSearchParams(data).toString();
  }

  function setStatus(form, text, isError) {
    var status = document.getElementById("save-status");
    if (!status) return;
    status.textContent = "";
    if (isError) {
      var span = document.createElement("span");
      span.className = "govuk-error-message";
      span.textContent = text;
      status.appendChild(span);
    } else {
      status.textContent = text;
    }
  }

  // htmx announces the swap on its target (the status line, outside the form).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-autosave")) return;
    var xhr = event.detail.xhr;
    if (!xhr.getResponseHeader("X-Section-Status")) {
      // Not our answer (a sign-in page after the session ended, a server error): show nothing of it.
      event.detail.shouldSwap = false;
      return;
    }
    if (xhr.status === 403 || xhr.status === 409 || xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var lastSaved = payload(form);
    var sending = null;
    var busy = false;
    var submitWhenDone = false;
    var submitter = null;

    form.addEventListener("htmx:confirm", function (event) {
      if (payload(form) === lastSaved) event.preventDefault();
    });
    form.addEventListener("htmx:beforeRequest", function () {
      busy = true;
      sending = payload(form);
      setStatus(form, form.dataset.savingText, false);
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      busy = false;
      var xhr = event.detail.xhr;
      var ours = xhr && xhr.getResponseHeader("X-Section-Status");
      if (ours === "saved") {
        lastSaved = sending;
      } else if (!ours) {
        setStatus(form, form.dataset.failedText, true);
      }
      if (submitWhenDone) {
        submitWhenDone = false;
        // The button pressed goes with the form ("Add another" as well as Save).
        if (form.requestSubmit) form.requestSubmit(submitter || undefined);
        else form.submit();
      }
    });
    form.addEventListener("submit", function (event) {
      if (busy) {
        event.preventDefault();
        submitWhenDone = true;
        submitter = event.submitter || null;
      }
    });
  });
})();
