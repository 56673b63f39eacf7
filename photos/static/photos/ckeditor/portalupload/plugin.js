/* CKEditor 4 plugin: image uploads (the Image dialog's upload tab and pasted or dropped images)
 * go to the portal's own upload view (photos.views.editor_upload) with Django's CSRF token.
 * fileTools opens the request at priority 5 and sends it at 999: the header goes in between.
 * It also corrects image2's Vietnamese labels: CKEditor calls the alt text "Chú thích ảnh"
 * (caption), while the caption itself is the checkbox "Ảnh có chú thích". */
/* global CKEDITOR */
(function () {
  "use strict";

  CKEDITOR.plugins.add("portalupload", {
    requires: "filetools",
    init: function (editor) {
      var image2 = editor.lang.image2;
      if (image2 && editor.langCode === "vi") {
        image2.alt = "Mô tả ảnh (alt)";
        image2.captioned = "Chú thích ảnh";
        image2.captionPlaceholder = "Nhập chú thích ảnh";
      }
      editor.on("fileUploadRequest", function (evt) {
        var xhr = evt.data.fileLoader.xhr;
        // editorial/desk.js, on every admin page, reads the token (form field or cookie).
        xhr.setRequestHeader("X-CSRFToken", window.chauthanhCsrfToken());
        xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      }, null, null, 10);
    }
  });
})();
