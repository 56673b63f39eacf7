/* The article's gallery: a thumbnail opens its larger photo with its caption in a dialog.
 * Keyboard: Enter on a thumbnail opens it; Left/Right arrows (or the buttons) move between
 * photos; Escape (or "Đóng") closes and returns focus to the thumbnail. Plain script, no
 * library, no inline code. Without JavaScript each thumbnail is a link to the larger photo. */
(function () {
  "use strict";

  function button(label, className, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function setUp(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a.gallery-item"));
    if (!links.length || typeof HTMLDialogElement !== "function") {
      return; // old browsers follow the links
    }
    var current = 0;
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", "Xem ảnh lớn");
    var figure = document.createElement("figure");
    var image = document.createElement("img");
    var caption = document.createElement("figcaption");
    var counter = document.createElement("p");
    counter.className = "lightbox-counter";
    counter.setAttribute("aria-live", "polite");
    var close = button("Đóng", "lightbox-close", "×");
    var previous = button("Ảnh trước", "lightbox-previous", "‹");
    var next = button("Ảnh sau", "lightbox-next", "›");
    figure.appendChild(image);
    figure.appendChild(caption);
    dialog.appendChild(close);
    dialog.appendChild(figure);
    dialog.appendChild(previous);
    dialog.appendChild(next);
    dialog.appendChild(counter);
    document.body.appendChild(dialog);

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumbnail = link.querySelector("img");
      var text = link.parentNode.querySelector("figcaption");
      image.src = link.href;
      image.alt = thumbnail ? thumbnail.alt : "";
      if (thumbnail && thumbnail.width && thumbnail.height) {
        image.width = thumbnail.getAttribute("width");
        image.height = thumbnail.getAttribute("height");
      }
      caption.textContent = text ? text.textContent : "";
      caption.hidden = !text;
      counter.textContent = "Ảnh " + (current + 1) + " / " + links.length;
      previous.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
          return; // a new tab or window: let the browser open the photo
        }
        event.preventDefault();
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") {
        show(current - 1);
      } else if (event.key === "ArrowRight") {
        show(current + 1);
      }
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close(); // a click on the backdrop
      }
    });
    dialog.addEventListener("close", function () {
      links[current].focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".gallery"), setUp);
  });
})();
