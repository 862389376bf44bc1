// The door's answer page: back to scanning after two seconds. Without script, the page's <noscript> refresh
// does the same, and the Next button always does.
"use strict";
(function () {
  var answer = document.querySelector("[data-back]");
  if (!answer) return;
  setTimeout(function () { location.replace(answer.getAttribute("data-back")); }, 2000);
})();
