// Workbook autosave: htmx sends each answer while she types. When the connection
// drops, the text stays in the field, the status says so, and we send it again.
(function () {
  "use strict";
  var RETRY_MS = 5000;

  function isAnswer(elt) { return elt && elt.classList && elt.classList.contains("answer-text"); }

  function say(field, which) {
    var form = field.closest(".workbook-body");
    var state = document.getElementById(field.getAttribute("aria-describedby"));
    var status = state && state.querySelector(".status");
    var message = form && form.dataset[which];
    if (status && message) { status.textContent = message; }
  }

  function retryLater(field) {
    field.dataset.unsaved = "1";
    say(field, "msgOffline");
    clearTimeout(field._retry);
    field._retry = setTimeout(function () { htmx.trigger(field, "retry"); }, RETRY_MS);
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isAnswer(event.detail.elt)) { say(event.detail.elt, "msgSaving"); }
  });
  ["htmx:sendError", "htmx:responseError", "htmx:timeout"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (isAnswer(event.detail.elt)) { retryLater(event.detail.elt); }
    });
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var field = event.detail.elt;
    if (!isAnswer(field)) { return; }
    // 400: the text was refused (too long, say); the status says why, and it stays unsaved.
    if (event.detail.xhr && event.detail.xhr.status === 400) { field.dataset.unsaved = "1"; }
    else if (event.detail.successful) { delete field.dataset.unsaved; }
  });
  window.addEventListener("online", function () {
    document.querySelectorAll(".answer-text[data-unsaved]").forEach(function (field) {
      htmx.trigger(field, "retry");
    });
  });
  // Leaving the page with unsaved text: let the browser ask first.
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector(".answer-text[data-unsaved]")) { event.preventDefault(); }
  });
})();
