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
    if (focusFirstError(target)) return;
    var focusable = target.querySelector("summary, button, a, input, select, textarea");
    if (focusable) focusable.focus();
  }

  // Phones show each table row as stacked "label: value" lines (app.css); a cell without
  // its own data-label takes its column header's words.
  function labelCells(root) {
    (root || document).querySelectorAll("table.list").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.replace(/[▲▼]/g, "").trim();
      });
      if (!heads.length) return;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && cell.colSpan === 1 && heads[column]) {
            cell.setAttribute("data-label", heads[column]);
          }
          // A cell with nothing in it is left out of the stacked row (no bare "label:").
          if (!cell.textContent.trim() && !cell.querySelector("img, input, select, button")) {
            cell.setAttribute("data-blank", "");
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }

  // After a failed submit (a page or an in-place form back with errors): open the panel
  // that holds the first field with an error, scroll it into view and focus it; without a
  // field, the error summary.
  var INVALID = "[aria-invalid=true], .has-error input, .has-error textarea, .has-error select";
  function focusFirstError(root) {
    root = root || document;
    var field = root.querySelector(INVALID);
    var target = field || root.querySelector(".errors[role=alert], .error[role=alert]");
    if (!target) return false;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) node.open = true;
    }
    if (!field && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    return true;
  }

  // "Copy" beside an address (the calendar's, a new API token): the clipboard when the
  // browser allows it, else the text is selected for Ctrl+C / a long press.
  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function copyFrom(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy") + "-status");
    if (!source) return;
    var text = (source.value !== undefined ? source.value : source.textContent).trim();
    function say(message) { if (status) status.textContent = message || ""; }
    function fallback() {
      selectText(source);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(button.getAttribute(copied ? "data-copied" : "data-select"));
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(button.getAttribute("data-copied"));
      }, fallback);
    } else {
      fallback();
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (button) { event.preventDefault(); copyFrom(button); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    labelCells(document);
    foldFilters();
    focusFirstError(document.getElementById("main") || document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    labelCells(event.detail && event.detail.elt);
    focusAfterSwap(event);
  });
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
