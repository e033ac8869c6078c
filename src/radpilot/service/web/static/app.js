// RadPilot pages: image viewer (window, zoom, pan, keyboard), worklist "n", editor shortcuts.
(function () {
  "use strict";

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }

  // --- viewer -----------------------------------------------------------------------------------------------
  function setupViewer() {
    var viewport = document.getElementById("viewport");
    var img = document.getElementById("main-image");
    if (!viewport || !img) return;
    var thumbs = Array.prototype.slice.call(document.querySelectorAll(".thumb"));
    var zoomOut = document.getElementById("zoom-level");
    var state = { scale: 1, x: 0, y: 0, index: 0 };

    function apply() {
      img.style.transform = "translate(" + state.x + "px," + state.y + "px) scale(" + state.scale + ")";
      if (zoomOut) zoomOut.textContent = Math.round(state.scale * 100) + "%";
    }
    function zoom(factor) {
      state.scale = Math.min(8, Math.max(1, state.scale * factor));
      if (state.scale === 1) { state.x = 0; state.y = 0; }
      apply();
    }
    function reset() { state.scale = 1; state.x = 0; state.y = 0; apply(); }
    function windowValue() {
      var w = document.querySelector('input[name="window"]:checked');
      return w ? w.value : "default";
    }
    function load() {
      var sop = img.getAttribute("data-sop");
      img.src = "/images/" + img.getAttribute("data-study") + "/" + encodeURIComponent(sop) + ".png?window=" +
        encodeURIComponent(windowValue()) + "&size=1024";
    }
    function show(i) {
      if (!thumbs.length) return;
      state.index = (i + thumbs.length) % thumbs.length;
      var t = thumbs[state.index];
      thumbs.forEach(function (b) { b.setAttribute("aria-pressed", b === t ? "true" : "false"); });
      img.setAttribute("data-sop", t.getAttribute("data-sop"));
      img.alt = t.getAttribute("data-label") + ", image " + (state.index + 1);
      var idx = document.getElementById("image-index");
      if (idx) idx.textContent = String(state.index + 1);
      reset();
      load();
    }
    thumbs.forEach(function (t, i) { t.addEventListener("click", function () { show(i); }); });
    document.querySelectorAll('input[name="window"]').forEach(function (r) { r.addEventListener("change", load); });
    document.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var what = b.getAttribute("data-zoom");
        if (what === "in") zoom(1.25); else if (what === "out") zoom(0.8); else reset();
      });
    });
    viewport.addEventListener("wheel", function (ev) { ev.preventDefault(); zoom(ev.deltaY < 0 ? 1.15 : 1 / 1.15); }, { passive: false });
    var drag = null;
    viewport.addEventListener("pointerdown", function (ev) {
      drag = { x: ev.clientX - state.x, y: ev.clientY - state.y };
      viewport.setPointerCapture(ev.pointerId);
      viewport.classList.add("dragging");
    });
    viewport.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      state.x = ev.clientX - drag.x; state.y = ev.clientY - drag.y; apply();
    });
    function endDrag() { drag = null; viewport.classList.remove("dragging"); }
    viewport.addEventListener("pointerup", endDrag);
    viewport.addEventListener("pointercancel", endDrag);
    viewport.addEventListener("keydown", function (ev) {
      var step = 40, handled = true;
      switch (ev.key) {
        case "+": case "=": zoom(1.25); break;
        case "-": case "_": zoom(0.8); break;
        case "0": reset(); break;
        case "ArrowLeft": state.x += step; apply(); break;
        case "ArrowRight": state.x -= step; apply(); break;
        case "ArrowUp": state.y += step; apply(); break;
        case "ArrowDown": state.y -= step; apply(); break;
        case "PageDown": case "]": show(state.index + 1); break;
        case "PageUp": case "[": show(state.index - 1); break;
        default:
          if (/^[1-9]$/.test(ev.key)) {
            var radios = document.querySelectorAll('input[name="window"]');
            var r = radios[parseInt(ev.key, 10) - 1];
            if (r) { r.checked = true; load(); }
          } else { handled = false; }
      }
      if (handled) ev.preventDefault();
    });
  }

  // --- keyboard shortcuts ------------------------------------------------------------------------------------
  document.addEventListener("keydown", function (ev) {
    var el = document.activeElement;
    if ((ev.ctrlKey || ev.metaKey) && (ev.key === "s" || ev.key === "S")) {
      var save = document.getElementById("save-btn");
      if (save) { ev.preventDefault(); save.click(); }
      return;
    }
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") {
      var sign = document.getElementById("sign-btn");
      if (sign && !sign.disabled) { ev.preventDefault(); sign.click(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(el)) return;
    if (el && el.id === "viewport") return;
    if (ev.key === "n") {
      var next = document.getElementById("next-case");
      if (next) { ev.preventDefault(); window.location.href = next.getAttribute("data-next-href"); }
    }
  });

  // --- forms and swaps ---------------------------------------------------------------------------------------
  function fillClock(root) {
    (root || document).querySelectorAll("[data-tz-offset]").forEach(function (i) {
      i.value = String(new Date().getTimezoneOffset());
    });
    (root || document).querySelectorAll("[data-local-now]").forEach(function (i) {
      var d = new Date(), p = function (n) { return (n < 10 ? "0" : "") + n; };
      i.value = d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + "T" + p(d.getHours()) + ":" + p(d.getMinutes());
    });
  }

  document.addEventListener("htmx:afterSwap", function (ev) {
    var target = ev.detail && ev.detail.target;
    if (!target || target.id !== "report") return;
    fillClock(document.getElementById("report"));
    var note = document.querySelector("#report [data-announce], #report [role=alert]");
    var live = document.getElementById("announce");
    if (note && live) live.textContent = note.textContent;
    var heading = document.getElementById("report-title");
    if (heading && document.activeElement === document.body) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    setupViewer();
    fillClock(document);
  });
})();
