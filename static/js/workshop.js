// After htmx swaps the ballot, keep keyboard focus on the button that was pressed, or on its
// partner when the swap took it away (no dots left, or one dot per issue and this one has it).
(function () {
  var lastId = null;
  document.addEventListener("htmx:beforeRequest", function () {
    lastId = document.activeElement && document.activeElement.id;
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (!lastId) return;
    var target = document.getElementById(lastId);
    if (!target && lastId.indexOf("remove-") === 0) {
      target = document.getElementById("place-" + lastId.slice(7));
    }
    if (!target && lastId.indexOf("place-") === 0) {
      target = document.getElementById("remove-" + lastId.slice(6));
    }
    if (!target) target = document.getElementById("ballot-status");
    if (target) target.focus();
  });
})();
