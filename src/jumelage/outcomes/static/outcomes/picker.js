// Organisation pickers: Enter in a search box searches instead of saving the form, the
// "Search" button searches in place, and a ticked result joins the chosen organisations
// (so the next search does not take it away).
(function () {
  "use strict";
  function search(input) {
    if (window.htmx) {
      window.htmx.trigger(input, "search");
      return true;
    }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key === "Enter" && input.matches && input.matches("[data-picker-search]")) {
      if (search(input)) event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-picker-button]");
    if (!button) return;
    var input = button.closest("[data-picker]").querySelector("[data-picker-search]");
    if (search(input)) {
      event.preventDefault();
      input.focus();
    }
  });
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.closest || !box.closest("[data-picker-results]") || !box.checked) return;
    var picker = box.closest("[data-picker]");
    var chosen = picker.querySelector("[data-picker-selected]");
    if (box.type === "radio") {
      chosen.querySelectorAll("li").forEach(function (item) { item.remove(); });
    }
    chosen.appendChild(box.closest("li"));
    box.focus();
  });
})();
