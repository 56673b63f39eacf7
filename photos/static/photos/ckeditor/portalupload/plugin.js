/* CKEditor 4 plugin: image uploads (the Image dialog's upload tab and pasted or dropped images)
 * go to the portal's own upload view (photos.views.editor_upload) with Django's CSRF token.
 * fileTools opens the request at priority 5 and sends it at 999: the header goes in between. */
/* global CKEDITOR */
(function () {
  "use strict";

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  CKEDITOR.plugins.add("portalupload", {
    requires: "filetools",
    init: function (editor) {
      editor.on("fileUploadRequest", function (evt) {
        var xhr = evt.data.fileLoader.xhr;
        xhr.setRequestHeader("X-CSRFToken", csrfToken());
        xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      }, null, null, 10);
    }
  });
})();
