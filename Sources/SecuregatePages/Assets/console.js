// The console's script, an addition to pages that work without it: an event page's counts follow every
// scan at any door (Server-Sent Events); an import runs batch by batch with a progress bar; the door
// section's scans follow the doors; links are copied with a button; a guest list's page is selected with
// one box. Every text is in the page.
"use strict";
(function () {
  var live = document.querySelector("[data-counts-url]");
  if (live && window.EventSource) {
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
  }

  // The import: each request imports one batch and says how far it is; the summary is the page reloaded.
  var form = document.querySelector("form[data-import]");
  if (form && window.fetch) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var progress = document.querySelector("[data-import-progress]");
      var bar = progress.querySelector("progress");
      var done = progress.querySelector("[data-done]");
      form.hidden = true;
      progress.hidden = false;
      var next = function () {
        fetch(form.action, { method: "POST", headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
          })
          .then(function (state) {
            bar.value = state.done;
            bar.textContent = state.done;
            done.textContent = state.done;
            if (state.finished) setTimeout(function () { location.reload(); }, 400);
            else next();
          })
          .catch(function () { document.querySelector("[data-import-failed]").hidden = false; });
      };
      next();
    });
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(field.value).then(function () {
        var said = document.querySelector("[data-copied]");
        if (said) said.hidden = false;
      });
    });
  });

  // The door section's scans: the newest rows again every two seconds while the page is in view.
  var ledger = document.querySelector("[data-ledger-url]");
  if (ledger && window.fetch) {
    setInterval(function () {
      if (document.hidden) return;
      fetch(ledger.getAttribute("data-ledger-url"), { credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 401) location.reload();
          return response.ok ? response.text() : null;
        })
        .then(function (rows) { if (rows !== null && rows.trim() !== ledger.innerHTML.trim()) ledger.innerHTML = rows; })
        .catch(function () {});
    }, 2000);
  }

  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.hidden = false;
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=invite]").forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
