// Before a file is sent: one larger than the site accepts is refused here, with the same message the
// server gives, so that the page (and what was chosen on it) stays instead of the site's plain
// "too large" answer to a request over its limit. The server checks every file again.
(function () {
  "use strict";

  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var group = input.closest(".govuk-form-group");
    var message = null;

    function clear() {
      if (message) message.remove();
      message = null;
      input.classList.remove("govuk-file-upload--error");
      if (group) group.classList.remove("govuk-form-group--error");
    }

    input.addEventListener("change", function () {
      clear();
      var file = input.files && input.files[0];
      if (!file || file.size <= parseInt(input.dataset.maxBytes, 10)) return;
      message = document.createElement("p");
      message.className = "govuk-error-message";
      message.id = input.id + "-size-error";
      message.setAttribute("role", "alert");
      message.textContent = input.dataset.tooLarge.replace("%(name)s", file.name);
      input.parentNode.insertBefore(message, input);
      input.classList.add("govuk-file-upload--error");
      if (group) group.classList.add("govuk-form-group--error");
      input.value = "";
    });
  });
})();
