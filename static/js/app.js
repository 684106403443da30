// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Filters sit in a rail on wide screens and fold into a panel on tablets.
  function foldFilters() {
    if (window.matchMedia("(max-width: 900px)").matches) {
      document.querySelectorAll("details.filters").forEach(function (d) {
        if (!d.querySelector(".has-error")) d.removeAttribute("open");
      });
    }
  }

  // After an in-place update, put the keyboard focus where the user expects it:
  // on the first field with an error, else on the updated element's first control.
  function focusAfterSwap(event) {
    var target = event.detail && event.detail.elt;
    if (!target || !target.isConnected) {
      target = document.getElementById(event.detail.target && event.detail.target.id);
    }
    if (!target) return;
    var invalid = target.querySelector("[aria-invalid=true], .has-error input, .has-error textarea, .has-error select");
    var focusable = invalid || target.querySelector("summary, button, a, input, select, textarea");
    if (focusable) focusable.focus();
  }

  document.addEventListener("DOMContentLoaded", foldFilters);
  document.addEventListener("htmx:afterSettle", focusAfterSwap);
})();

// Follow-ups: "tick all shown" above each section's rows, for handing over a colleague's
// follow-ups at once. Without script the label stays hidden and each row is ticked alone.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tick-all]").forEach(function (all) {
      var section = all.closest(".fu-section");
      var label = all.closest("label");
      if (!section || !label) return;
      label.hidden = false;
      all.addEventListener("change", function () {
        section.querySelectorAll("input.fu-tick").forEach(function (box) {
          box.checked = all.checked;
        });
      });
    });
  });
})();
