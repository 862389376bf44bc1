// The console's script, an addition to pages that work without it: an event page's counts follow every
// scan at any door (Server-Sent Events). Every text is in the page.
"use strict";
(function () {
  var live = document.querySelector("[data-counts-url]");
  if (!live || !window.EventSource) return;
  var source = new EventSource(live.getAttribute("data-counts-url"));
  source.addEventListener("counts", function (event) {
    var counts = JSON.parse(event.data);
    document.querySelectorAll("[data-inside]").forEach(function (node) { node.textContent = counts.inside; });
    document.querySelectorAll("[data-accepted]").forEach(function (node) { node.textContent = counts.accepted; });
  });
  // Refused (the session ended): the page, reloaded, asks to sign in again.
  source.addEventListener("error", function () {
    if (source.readyState === EventSource.CLOSED) setTimeout(function () { location.reload(); }, 1000);
  });
})();
