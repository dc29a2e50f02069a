// The weighted total of a score sheet as the member chooses scores: each criterion's score as a
// share of the highest, times its weight, out of 100 (one decimal place). The server works out the
// same total when the sheet is saved.
(function () {
  "use strict";

  var form = document.getElementById("score-sheet");
  var output = document.getElementById("weighted-total");
  if (!form || !output) return;
  var template = output.textContent;
  var shown = template.match(/\d+(\.\d+)?/);

  function update() {
    var tenths = 0;
    form.querySelectorAll("input[type=radio][data-weight]:checked").forEach(function (input) {
      var score = parseInt(input.value, 10);
      var weight = parseInt(input.dataset.weight, 10);
      var max = parseInt(input.dataset.scaleMax, 10);
      // In hundredths of a point, rounded to tenths at the end, as the server rounds.
      tenths += (score * weight * 100) / max;
    });
    var total = (Math.round(tenths / 10) / 10).toFixed(1);
    output.textContent = shown ? template.replace(shown[0], total) : total;
  }

  form.addEventListener("change", update);
  update();
})();
