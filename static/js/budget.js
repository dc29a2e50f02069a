// The budget's totals as the person types: per organisation in a year (row), per cost category in
// a year (column), per year and in all, and how much each year and the whole asks over the
// specification's maximum. The server works out the same totals when the page is saved; a cell
// it would refuse counts here as nothing, as it does there.
(function () {
  "use strict";

  var POUNDS = /^(\d+|\d{1,3}(,\d{3})+)(\.\d{0,2})?$|^\.\d{1,2}$/;

  function pence(text) {
    var value = (text || "").replace(/£/g, "").replace(/\s/g, "");
    if (!POUNDS.test(value)) return 0;
    var parts = value.replace(/,/g, "").split(".");
    var whole = parts[0] ? parseInt(parts[0], 10) : 0;
    var fraction = parts.length > 1 ? (parts[1] + "00").slice(0, 2) : "00";
    return whole * 100 + parseInt(fraction, 10);
  }

  function format(amount) {
    var pounds = Math.floor(amount / 100);
    var rest = amount % 100;
    var text = "£" + pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return rest ? text + "." + (rest < 10 ? "0" : "") + rest : text;
  }

  function show(cell, amount) {
    // Each total's template is the server's own wording for £0 ("£0 in year 1 (2027 to 2028)").
    cell.textContent = cell.dataset.budgetTemplate.replace("£0", format(amount));
  }

  function update(form) {
    var rows = {}, columns = {}, years = {}, all = 0;
    form.querySelectorAll("input[data-budget-year]").forEach(function (input) {
      var amount = pence(input.value);
      var year = input.dataset.budgetYear;
      var row = year + "-" + input.dataset.budgetPartner;
      var column = year + "-" + input.dataset.budgetCategory;
      rows[row] = (rows[row] || 0) + amount;
      columns[column] = (columns[column] || 0) + amount;
      years[year] = (years[year] || 0) + amount;
      all += amount;
    });
    form.querySelectorAll("[data-budget-sum]").forEach(function (cell) {
      var kind = cell.dataset.budgetSum, year = cell.dataset.budgetYear;
      if (kind === "row") show(cell, rows[year + "-" + cell.dataset.budgetPartner] || 0);
      else if (kind === "column") show(cell, columns[year + "-" + cell.dataset.budgetCategory] || 0);
      else if (kind === "year") show(cell, years[year] || 0);
      else if (kind === "all") show(cell, all);
    });
    form.querySelectorAll("[data-budget-over]").forEach(function (cell) {
      var which = cell.dataset.budgetOver;
      var asked = which === "all" ? all : years[which] || 0;
      var over = asked - parseInt(cell.dataset.budgetMaximum, 10);
      if (over > 0) {
        var strong = document.createElement("strong");
        strong.textContent = cell.dataset.budgetTemplate.replace("£0", format(over));
        cell.textContent = "";
        cell.appendChild(strong);
      } else {
        cell.textContent = cell.dataset.budgetWithin;
      }
    });
  }

  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("input[data-budget-year]")) return;
    form.addEventListener("input", function () { update(form); });
    // htmx swaps in the server's figures of the last autosave, which may be older than what is
    // typed now: work out the live ones again once the swap is done.
    ["htmx:afterSettle", "htmx:oobAfterSwap"].forEach(function (name) {
      document.addEventListener(name, function () { window.setTimeout(function () { update(form); }, 0); });
    });
  });
})();
