// The chronology's filters: by who is involved, by the text that tells it, by words.
// The page is complete without this script (every entry shown, the filters hidden); it
// only shows the filters and hides the entries they leave out. No request is made, so it
// works from file:// as under `mkdocs serve`. Other pages have no filters: it does nothing.
(function () {
  "use strict";

  function fold(text) {
    // Case, accents and curly quotes do not matter when matching words.
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .toLowerCase();
  }

  function start() {
    var form = document.querySelector("form.tl-filters");
    var count = document.querySelector("p.tl-count");
    if (!form || !count) return;
    var entries = Array.prototype.slice.call(document.querySelectorAll("article.tl-event"));
    var days = Array.prototype.slice.call(document.querySelectorAll("section.tl-day"));
    var words = entries.map(function (entry) { return fold(entry.textContent); });
    var actor = form.querySelector("#tl-actor");
    var text = form.querySelector("#tl-text");
    var search = form.querySelector("#tl-words");

    function listed(entry, name, value) {
      return !value || (entry.getAttribute(name) || "").split(" ").indexOf(value) >= 0;
    }

    function apply() {
      var wanted = fold(search ? search.value : "").split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry, i) {
        var keep = listed(entry, "data-actors", actor ? actor.value : "") &&
          listed(entry, "data-texts", text ? text.value : "") &&
          wanted.every(function (w) { return words[i].indexOf(w) >= 0; });
        entry.hidden = !keep;
        if (keep) shown += 1;
      });
      days.forEach(function (day) {
        day.hidden = !day.querySelector("article.tl-event:not([hidden])");
      });
      var message = count.getAttribute("data-count")
        .replace("{shown}", String(shown))
        .replace("{total}", count.getAttribute("data-total"));
      if (shown === 0) message += " " + count.getAttribute("data-none");
      count.textContent = message;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    count.hidden = false;
    apply(); // a browser may restore the controls' values on going back
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
