// The patient page: print button, and glossary terms that open on tap (hover and focus work without script).
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    if (t.closest("[data-print]")) { window.print(); return; }
    var btn = t.closest(".term-btn");
    document.querySelectorAll('.term-btn[aria-expanded="true"]').forEach(function (b) {
      if (b !== btn) b.setAttribute("aria-expanded", "false");
    });
    if (btn) btn.setAttribute("aria-expanded", btn.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      document.querySelectorAll('.term-btn[aria-expanded="true"]').forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
    }
  });
})();
