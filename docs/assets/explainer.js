/* Reading in place (issue 9): a note opens beside its passage (a bottom sheet on phones),
   readers switch layers of marks on and off, and an actor link shows a preview card.

   Every page reads without this script: a footnote number then leads to its note at the
   bottom of the page (which is also what is printed), and an actor link to the profile.
   It fetches nothing: what it shows is in the page already (the footnotes, and the JSON
   that builder/render/previews.py embeds in an attribute), so it works from files too. Every value is
   shown as text (textContent) or as a copy of the page's own footnote, never as markup.
   WCAG 1.4.13: what opens on hover stays while the pointer is over it or its trigger,
   and Escape closes it; focus returns to where it was. */
(function () {
  "use strict";

  var PHONE = "(max-width: 44.9375em)"; // Material's tablet breakpoint, as layout.css
  var STORE = "explainer-layers";
  var HOVER_OPEN_MS = 250;
  var HOVER_CLOSE_MS = 350;
  var ACTOR_PATH = /\/actors\/([a-z0-9][a-z0-9-]*)(?:\/(?:index\.html)?|\.html)$/;
  // Words of the controls when a page carries none (hand-written pages): the generated
  // pages carry builder/render/labels.py's.
  var FALLBACK = { note: "Note", close: "Close", card: "Preview" };

  var data = { labels: FALLBACK, actors: {} };
  var note = null; // {panel, id, trigger, returnTo, pinned}
  var card = null; // {panel, link}
  var timers = { noteOpen: 0, noteClose: 0, cardOpen: 0, cardClose: 0 };

  function words(key) {
    return (data.labels && data.labels[key]) || FALLBACK[key];
  }

  function readData() {
    var element = document.getElementById("explainer-data");
    data = { labels: FALLBACK, actors: {} };
    if (!element) return;
    try {
      var parsed = JSON.parse(element.getAttribute("data-explainer") || "{}");
      data = { labels: parsed.labels || FALLBACK, actors: parsed.actors || {} };
    } catch (error) {
      /* a page without valid data still has its notes and layers */
    }
  }

  /* --- storage: guarded, as file:// pages and private modes may refuse it ------------- */

  function loadOff() {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORE) || "[]");
      return Array.isArray(value) ? value.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function saveOff(off) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(off));
    } catch (error) {
      /* not remembered: the choice still holds on this page */
    }
  }

  /* --- placing a panel: beside its trigger, or as a bottom sheet on phones ----------- */

  function isPhone() {
    return window.matchMedia(PHONE).matches;
  }

  function place(panel, trigger, point, sheet) {
    panel.classList.toggle("explainer-sheet", sheet);
    if (sheet) {
      panel.style.left = panel.style.top = "";
      return;
    }
    var rects = Array.prototype.slice.call(trigger.getClientRects());
    var box = rects.find(function (r) {
      return point && point.y >= r.top - 2 && point.y <= r.bottom + 2;
    }) || rects[rects.length - 1] || trigger.getBoundingClientRect();
    var width = panel.offsetWidth;
    var height = panel.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, viewport - width - 8));
    var below = box.bottom + 6;
    var above = box.top - height - 6;
    var top = below + height > window.innerHeight && above > 0 ? above : below;
    panel.style.left = left + window.scrollX + "px";
    panel.style.top = top + window.scrollY + "px";
  }

  /* --- notes --------------------------------------------------------------------------- */

  function footnoteOf(id) {
    return document.getElementById("fn:" + id);
  }

  function markerOf(id) {
    var ref = document.getElementById("fnref:" + id);
    return ref && ref.querySelector("a.footnote-ref");
  }

  function noteContent(footnote) {
    var body = document.createElement("div");
    body.className = "explainer-note-body";
    Array.prototype.forEach.call(footnote.childNodes, function (child) {
      body.appendChild(child.cloneNode(true));
    });
    body.querySelectorAll(".footnote-backref").forEach(function (back) {
      var holder = back.parentNode;
      back.remove();
      if (holder && holder.tagName === "P" && !holder.textContent.trim()) holder.remove();
    });
    body.querySelectorAll("[id]").forEach(function (el) {
      el.removeAttribute("id"); // the page keeps its ids unique
    });
    return body;
  }

  function openNote(id, trigger, point, pinned) {
    var footnote = footnoteOf(id);
    if (!footnote) return false;
    closeCard();
    if (note && note.id === id) {
      if (pinned && !note.pinned) pin(note);
      return true;
    }
    closeNote(false);
    var panel = document.createElement("div");
    panel.className = "explainer-note md-typeset";
    panel.id = "explainer-note";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", words("note"));
    panel.tabIndex = -1;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "explainer-note-close";
    close.setAttribute("aria-label", words("close"));
    close.textContent = "×";
    panel.appendChild(close);
    panel.appendChild(noteContent(footnote));
    document.body.appendChild(panel);
    var marker = markerOf(id);
    if (marker) marker.setAttribute("aria-expanded", "true");
    note = { panel: panel, id: id, trigger: trigger, returnTo: marker || trigger, pinned: false };
    place(panel, trigger, point, isPhone());
    if (pinned) pin(note);
    return true;
  }

  function pin(open) {
    open.pinned = true;
    open.panel.focus({ preventScroll: true });
  }

  function closeNote(restoreFocus) {
    clearTimeout(timers.noteClose);
    if (!note) return;
    var closing = note;
    note = null;
    closing.panel.remove();
    var marker = markerOf(closing.id);
    if (marker) marker.setAttribute("aria-expanded", "false");
    if (restoreFocus && closing.returnTo && closing.returnTo.focus) {
      closing.returnTo.focus({ preventScroll: true });
    }
  }

  function layerOff(kind) {
    return document.body.classList.contains("explainer-off-" + kind);
  }

  function annotationOf(element) {
    var mark = element.closest("mark.ann[data-ann]");
    if (!mark) return null;
    var kind = (mark.className.match(/\bann-([a-z_]+)\b/) || [])[1];
    return kind && !layerOff(kind) ? mark : null;
  }

  function footnoteIdOf(link) {
    // The link's own address, however the theme wrote it (instant navigation makes it
    // absolute): a footnote of this very page.
    var samePage = link.pathname === window.location.pathname;
    var hash = link.hash || "";
    return samePage && hash.indexOf("#fn:") === 0 ? decodeURIComponent(hash.slice(4)) : null;
  }

  function onClick(event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (note && target.closest(".explainer-note-close")) {
      closeNote(true);
      return;
    }
    if (note && note.panel.contains(target)) return;
    var point = { x: event.clientX, y: event.clientY };
    var ref = target.closest("a.footnote-ref");
    var id = ref && footnoteIdOf(ref);
    if (id && openNote(id, ref, null, true)) {
      // Stay here: the note opens beside its number. (This listener runs first, in the
      // capture phase, so that the theme's instant navigation does not follow the link.)
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    var mark = !target.closest("a") && annotationOf(target);
    var selection = window.getSelection && String(window.getSelection());
    if (mark && !selection && openNote(mark.getAttribute("data-ann"), mark, point, true)) {
      return;
    }
    if (note) closeNote(false);
  }

  function onKeyDown(event) {
    if (event.key !== "Escape") return;
    if (card) {
      closeCard(); // dismissed where it is: focus stays on the link
      event.stopPropagation();
    } else if (note) {
      closeNote(note.pinned); // back to where the reader was; a hovered note moved nothing
      event.stopPropagation();
    }
  }

  /* --- hovering a footnote number, or an actor link ---------------------------------- */

  function hovering(element) {
    return element instanceof Element ? element : null;
  }

  function onPointerOver(event) {
    if (event.pointerType && event.pointerType !== "mouse") return;
    var target = hovering(event.target);
    if (!target) return;
    if (note && (note.panel.contains(target) || note.trigger.contains(target))) {
      clearTimeout(timers.noteClose);
    }
    if (card && (card.panel.contains(target) || card.link.contains(target))) {
      clearTimeout(timers.cardClose);
    }
    var ref = target.closest("a.footnote-ref");
    if (ref && !(note && note.pinned)) {
      clearTimeout(timers.noteOpen);
      timers.noteOpen = setTimeout(function () {
        var id = footnoteIdOf(ref);
        if (id && !(note && note.pinned)) openNote(id, ref, null, false);
      }, HOVER_OPEN_MS);
    }
    var link = target.closest("a[data-actor]");
    if (link && !(card && card.link === link)) {
      clearTimeout(timers.cardOpen);
      timers.cardOpen = setTimeout(function () {
        openCard(link);
      }, HOVER_OPEN_MS);
    }
  }

  function onPointerOut(event) {
    if (event.pointerType && event.pointerType !== "mouse") return;
    var target = hovering(event.target);
    var to = hovering(event.relatedTarget);
    if (!target) return;
    clearTimeout(timers.noteOpen);
    clearTimeout(timers.cardOpen);
    var inside = function (open, anchor) {
      return to && (open.panel.contains(to) || anchor.contains(to));
    };
    if (note && !note.pinned && !inside(note, note.trigger)) {
      timers.noteClose = setTimeout(function () {
        if (note && !note.pinned) closeNote(false);
      }, HOVER_CLOSE_MS);
    }
    if (card && !inside(card, card.link) && document.activeElement !== card.link) {
      timers.cardClose = setTimeout(closeCard, HOVER_CLOSE_MS);
    }
  }

  /* --- actor preview cards ------------------------------------------------------------ */

  function markActorLinks(root) {
    root.querySelectorAll("a[href]").forEach(function (link) {
      var match = ACTOR_PATH.exec(link.pathname || "");
      if (match && Object.prototype.hasOwnProperty.call(data.actors, match[1])) {
        link.setAttribute("data-actor", match[1]);
      }
    });
  }

  function line(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function openCard(link) {
    var actor = data.actors[link.getAttribute("data-actor")];
    if (!actor || (card && card.link === link)) return;
    closeCard();
    var panel = document.createElement("div");
    panel.className = "explainer-card";
    panel.id = "explainer-card";
    panel.setAttribute("role", "tooltip");
    panel.setAttribute("aria-label", words("card"));
    panel.appendChild(line("explainer-card-name", actor.name || ""));
    var kind = [actor.kind, actor.role].filter(Boolean).join(" · ");
    if (kind) panel.appendChild(line("explainer-card-kind", kind));
    if (actor.profile) panel.appendChild(line("explainer-card-profile", actor.profile));
    if (actor.counts) panel.appendChild(line("explainer-card-counts", actor.counts));
    document.body.appendChild(panel);
    link.setAttribute("aria-describedby", "explainer-card");
    card = { panel: panel, link: link };
    place(panel, link, null, false);
  }

  function closeCard() {
    clearTimeout(timers.cardClose);
    clearTimeout(timers.cardOpen);
    if (!card) return;
    card.link.removeAttribute("aria-describedby");
    card.panel.remove();
    card = null;
  }

  function onFocusIn(event) {
    var target = hovering(event.target);
    if (!target) return;
    var link = target.closest("a[data-actor]");
    if (link) openCard(link);
    else if (card && !card.panel.contains(target)) closeCard();
    if (note && note.pinned && !note.panel.contains(target) && target !== note.returnTo) {
      closeNote(false); // focus moved on: the note has done its work
    }
  }

  function onFocusOut(event) {
    var link = hovering(event.target);
    if (card && link === card.link && !hovering(event.relatedTarget)) closeCard();
  }

  /* --- layers --------------------------------------------------------------------------- */

  function applyLayers(off) {
    ["claim", "context", "text_note", "mention", "date"].forEach(function (layer) {
      document.body.classList.toggle("explainer-off-" + layer, off.indexOf(layer) >= 0);
    });
    // Links shown as plain text leave the tab order too; markers of a hidden layer are
    // out of it already (display: none).
    document.querySelectorAll("p.para a[data-actor]").forEach(function (link) {
      if (off.indexOf("mention") >= 0) link.setAttribute("tabindex", "-1");
      else link.removeAttribute("tabindex");
    });
  }

  function startLayers() {
    var off = loadOff();
    applyLayers(off);
    document.querySelectorAll("fieldset.explainer-layers").forEach(function (fieldset) {
      fieldset.hidden = false;
      fieldset.querySelectorAll("input[data-layer]").forEach(function (box) {
        box.checked = off.indexOf(box.getAttribute("data-layer")) < 0;
      });
      if (fieldset.getAttribute("data-explainer-bound")) return;
      fieldset.setAttribute("data-explainer-bound", "1");
      fieldset.addEventListener("change", function () {
        var now = [];
        fieldset.querySelectorAll("input[data-layer]").forEach(function (box) {
          if (!box.checked) now.push(box.getAttribute("data-layer"));
        });
        saveOff(now);
        applyLayers(now);
        if (note) closeNote(false);
      });
    });
  }

  /* Each marker names its layer (for the CSS that hides it) and says it opens a note. */
  function markMarkers() {
    document.querySelectorAll("mark.ann[data-ann]").forEach(function (mark) {
      var marker = markerOf(mark.getAttribute("data-ann"));
      var kind = (mark.className.match(/\bann-([a-z_]+)\b/) || [])[1];
      if (marker && kind) {
        marker.parentNode.setAttribute("data-layer", kind);
        marker.setAttribute("aria-haspopup", "dialog");
        marker.setAttribute("aria-expanded", "false");
      }
    });
  }

  /* --- start: once per page (also after Material's instant navigation, if it is on) --- */

  function start() {
    closeNote(false);
    closeCard();
    readData();
    markMarkers();
    markActorLinks(document);
    startLayers();
    document.body.classList.add("explainer-js");
  }

  document.addEventListener("click", onClick, true);
  document.addEventListener("keydown", onKeyDown, true);
  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("focusout", onFocusOut);
  window.addEventListener("resize", function () {
    if (note) place(note.panel, note.trigger, null, isPhone());
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
