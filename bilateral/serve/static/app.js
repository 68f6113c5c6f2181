// bilateral: the one script of the web UI. Pages read fully without it; it
// adds the chart tooltips: hovering or focusing a report shows its sentence
// and document, Enter or a click opens the document at that sentence.
// Text goes in with textContent only: nothing from the store becomes markup.
(function () {
  "use strict";

  function openRecord(el) {
    var id = el.getAttribute("data-record-id");
    if (id) { window.location.href = "/records/" + encodeURIComponent(id); }
  }

  function setUp(fig) {
    var tip = fig.querySelector(".tip");
    if (!tip) { return; }
    var reports = fig.querySelectorAll(".bilateral-chart .report");
    Array.prototype.forEach.call(reports, function (el) {
      // The tooltip replaces the browser's own (which would show as well).
      var title = el.querySelector("title");
      if (title) {
        el.setAttribute("data-tip", title.textContent);
        el.setAttribute("aria-label", title.textContent);  // the title was its accessible name
        title.parentNode.removeChild(title);
      }
      el.addEventListener("mouseenter", function () { show(el); });
      el.addEventListener("focus", function () { show(el); });
      el.addEventListener("mouseleave", hide);
      el.addEventListener("blur", hide);
      el.addEventListener("click", function () { openRecord(el); });
      el.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); openRecord(el); }
        if (event.key === "Escape") { hide(); }
      });
    });

    function show(el) {
      var text = el.getAttribute("data-tip") || el.getAttribute("aria-label") || "";
      // "$1.1 billion (2023): “sentence” — Title, Publisher, date"
      var dash = text.lastIndexOf(" — ");
      var colon = text.indexOf(": ");
      tip.textContent = "";
      var head = document.createElement("div");
      head.className = "value";
      head.textContent = colon > 0 ? text.slice(0, colon) : "";
      var body = document.createElement("div");
      body.className = "sentence-text";
      body.textContent = text.slice(colon > 0 ? colon + 2 : 0, dash > 0 ? dash : text.length);
      var src = document.createElement("div");
      src.className = "src";
      src.textContent = dash > 0 ? text.slice(dash + 3) : "";
      tip.appendChild(head); tip.appendChild(body); tip.appendChild(src);
      tip.hidden = false;
      var box = fig.getBoundingClientRect();
      var at = el.getBoundingClientRect();
      var left = Math.min(Math.max(at.left - box.left - tip.offsetWidth / 2, 8), box.width - tip.offsetWidth - 8);
      var top = at.top - box.top - tip.offsetHeight - 10;
      if (top < 0) { top = at.bottom - box.top + 10; }
      tip.style.left = left + "px";
      tip.style.top = top + "px";
      Array.prototype.forEach.call(reports, function (r) { r.classList.remove("active"); });
      el.classList.add("active");
    }

    function hide() {
      tip.hidden = true;
      Array.prototype.forEach.call(reports, function (r) { r.classList.remove("active"); });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), setUp);
}());
