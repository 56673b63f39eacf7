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
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var inside = document.activeElement && document.activeElement.closest(".sub-menu.open");
      if (inside) {
        var button = document.querySelector(".sub-toggle[aria-controls='" + inside.id + "']");
        setOpen(button, false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".main-menu")) {
        closeOthers(null);
      }
    });
  });
})();
