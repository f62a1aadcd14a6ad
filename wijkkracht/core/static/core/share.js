// The share block of core/_share.html: the phone's own share sheet where it has one, and
// copying the link with a confirmation. Without this file the address stays in its field
// to select by hand, and the WhatsApp link works as a plain link.
(function () {
  "use strict";

  function say(box, text) {
    var status = box.querySelector("[data-share-status]");
    // Emptied first, so a second copy is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function copyBySelecting(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(box, field) {
    var done = function () { say(box, box.dataset.copied); };
    var byHand = function () {
      if (copyBySelecting(field)) { done(); } else { say(box, box.dataset.copyFailed); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, byHand);
    } else {
      byHand();
    }
  }

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var field = box.querySelector("[data-share-field]");
    var native = box.querySelector("[data-share-native]");
    var copyButton = box.querySelector("[data-share-copy]");
    field.addEventListener("focus", function () { field.select(); });
    copyButton.hidden = false;
    copyButton.addEventListener("click", function () { copy(box, field); });
    if (navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ text: native.dataset.text, url: field.value }).catch(function () {
          // Closed without sharing, or refused: the other ways stay on the page.
        });
      });
    }
  });
})();
