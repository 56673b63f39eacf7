/* The main menu's sub-menus (issue 20): each opens with its disclosure button (click, touch,
 * Enter or Space), says so with aria-expanded, and closes with Escape (focus back on its
 * button) or a click elsewhere. Without the script every sub-menu stays reachable (CSS). */
(function () {
  "use strict";

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (menu) {
      menu.classList.toggle("open", open);
    }
  }

  function closeOthers(except) {
    Array.prototype.forEach.call(document.querySelectorAll(".sub-toggle[aria-expanded='true']"), function (button) {
      var keep = except && (button === except || button.parentNode.contains(except));
      if (!keep) {
        setOpen(button, false);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll(".sub-toggle");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        var open = button.getAttribute("aria-expanded") !== "true";
        closeOthers(button);
        setOpen(button, open);
      });
    });
    // Escape closes the innermost open sub-menu only (the small screens' whole menu closes on
    // the next Escape: reading.js), and gives the focus back to its button.
    Array.prototype.forEach.call(buttons, function (button) {
      var menu = document.getElementById(button.getAttribute("aria-controls"));
      function onEscape(event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          event.stopPropagation();
          setOpen(button, false);
          button.focus();
        }
      }
      button.addEventListener("keydown", onEscape);
      if (menu) {
        menu.addEventListener("keydown", onEscape);
      }
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".main-menu")) {
        closeOthers(null);
      }
    });
  });
})();
