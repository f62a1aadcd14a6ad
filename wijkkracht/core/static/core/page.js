// Small behaviours of the layout, here instead of inline scripts and onclick attributes
// (the Content-Security-Policy runs no inline code). Every page works without them.
(function () {
  "use strict";
  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });
  // <form data-focus-first>: the cursor starts in its first field (typing in paper forms).
  var form = document.querySelector("form[data-focus-first]");
  var first = form && form.querySelector("input:not([type=hidden]), select, textarea");
  if (first) { first.focus(); }
})();
