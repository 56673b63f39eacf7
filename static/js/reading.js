/* Reading aids: text size (A- A A+, remembered by this browser), print, copy link, the small-screen
 * menu and the map's zoom. Plain script, no library, no inline code (the site's CSP forbids it).
 * Loaded in <head> without defer so the remembered text size applies before the first paint;
 * everything that needs the page waits for DOMContentLoaded. Without JavaScript the page still
 * works: the menu stays open, the buttons that need a script stay hidden. */
(function () {
  "use strict";

  var root = document.documentElement;
  var SIZE_KEY = "chauthanh.textSize";
  var MIN_SIZE = -1;
  var MAX_SIZE = 3;

  root.classList.add("js");

  function storedSize() {
    try {
      var value = parseInt(window.localStorage.getItem(SIZE_KEY), 10);
      return isNaN(value) ? 0 : Math.max(MIN_SIZE, Math.min(MAX_SIZE, value));
    } catch (e) {
      return 0; // storage disabled (private mode, policy): the default size
    }
  }

  function applySize(size) {
    if (size) {
      root.setAttribute("data-text-size", String(size));
    } else {
      root.removeAttribute("data-text-size");
    }
  }

  function saveSize(size) {
    try {
      if (size) {
        window.localStorage.setItem(SIZE_KEY, String(size));
      } else {
        window.localStorage.removeItem(SIZE_KEY);
      }
    } catch (e) {
      /* not remembered, still applied */
    }
  }

  applySize(storedSize());

  // High contrast (issue 20): remembered like the text size, applied before the first paint.
  var CONTRAST_KEY = "chauthanh.contrast";
  function storedContrast() {
    try {
      return window.localStorage.getItem(CONTRAST_KEY) === "high";
    } catch (e) {
      return false;
    }
  }
  function applyContrast(high) {
    if (high) {
      root.setAttribute("data-contrast", "high");
    } else {
      root.removeAttribute("data-contrast");
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-contrast-toggle]"), function (b) {
      b.setAttribute("aria-pressed", high ? "true" : "false");
    });
  }
  applyContrast(storedContrast());

  function setupContrast() {
    applyContrast(storedContrast()); // the buttons exist now: say their state
    Array.prototype.forEach.call(document.querySelectorAll("[data-contrast-toggle]"), function (b) {
      b.addEventListener("click", function () {
        var high = root.getAttribute("data-contrast") !== "high";
        applyContrast(high);
        try {
          if (high) {
            window.localStorage.setItem(CONTRAST_KEY, "high");
          } else {
            window.localStorage.removeItem(CONTRAST_KEY);
          }
        } catch (e) {
          /* not remembered, still applied */
        }
      });
    });
  }

  // What the text size is now, said by the status line beside the buttons (screen readers).
  var SIZE_NAMES = { "-1": "nhỏ (90%)", "0": "mặc định (100%)", "1": "lớn (112%)", "2": "lớn hơn (125%)", "3": "lớn nhất (140%)" };

  function setupTextSize() {
    var buttons = document.querySelectorAll("[data-text-step]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var step = button.getAttribute("data-text-step");
        var size = step === "0" ? 0 : storedSize() + parseInt(step, 10);
        size = Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
        applySize(size);
        saveSize(size);
        announce("Cỡ chữ: " + SIZE_NAMES[String(size)]);
      });
    });
  }

  function announce(text) {
    var status = document.querySelector(".copy-status");
    if (status) {
      status.textContent = text;
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers and plain-HTTP intranets: the selection-based copy.
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "visually-hidden";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(field);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy failed"));
      }
    });
  }

  function setupArticleTools() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-url]"), function (button) {
      button.addEventListener("click", function () {
        var url = button.getAttribute("data-copy-url");
        copyText(url).then(
          function () {
            announce("Đã sao chép liên kết bài viết.");
          },
          function () {
            announce("Không sao chép được; liên kết bài viết: " + url);
          }
        );
      });
    });
  }

  function setupMenu() {
    var toggle = document.querySelector(".menu-toggle");
    if (!toggle) {
      return;
    }
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  function setupMapZoom() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map-viewer]"), function (viewer) {
      var image = viewer.querySelector("img");
      var zoom = 1;
      function apply() {
        image.style.width = zoom === 1 ? "" : zoom * 100 + "%";
        image.style.maxWidth = zoom === 1 ? "" : "none";
        viewer.setAttribute("data-zoom", String(zoom));
      }
      var controls = document.querySelectorAll("[data-map-zoom]");
      Array.prototype.forEach.call(controls, function (button) {
        button.addEventListener("click", function () {
          var step = button.getAttribute("data-map-zoom");
          zoom = step === "0" ? 1 : Math.max(1, Math.min(4, zoom + parseFloat(step)));
          apply();
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-needs-js]"), function (el) {
      el.hidden = false;
    });
    var toggle = document.querySelector(".menu-toggle");
    if (toggle) {
      toggle.hidden = false;
    }
    setupTextSize();
    setupContrast();
    setupArticleTools();
    setupMenu();
    setupMapZoom();
  });
})();
