/* The editors' desk, on every admin page (templates/admin/base_site.html):
 *
 * - Autosave of the article form: what is typed is kept in this browser (localStorage), per
 *   user and per article, and offered back after a crash or a closed tab. A draft saved when
 *   "Lưu" was pressed but the save did not land (the session had expired: the admin answered
 *   with its login page) is put back by itself once the user is logged in again. A save that
 *   lands (the admin's success message) clears it; so does logging out, for office PCs are
 *   shared.
 * - "Bài này đang được sửa bởi …": the edit page's heartbeat (editorial/presence.py).
 */
(function () {
  "use strict";

  var PREFIX = "chauthanh.desk.v1:";
  var MAX_AGE_MS = 7 * 24 * 3600 * 1000; // a draft nobody came back to in a week goes
  var SKIPPED = /^(csrfmiddlewaretoken|_save|_continue|_addanother|_workflow|seen_status|review_note)$|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage disabled: the desk works, without autosave
    }
  }

  function userKeys(store, user) {
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX + user + ":") === 0) {
        keys.push(key);
      }
    }
    return keys;
  }

  var stopped = false; // logging out: nothing is written any more

  function forgetUser(user) {
    stopped = true;
    var store = storage();
    if (store && user) {
      userKeys(store, user).forEach(function (key) { store.removeItem(key); });
    }
  }

  function read(store, key) {
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // CKEditor's upload plugin (photos/static/photos/ckeditor/portalupload) sends it too.
  window.chauthanhCsrfToken = csrfToken;

  function editor() {
    return window.CKEDITOR && window.CKEDITOR.instances && window.CKEDITOR.instances.id_body;
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name || SKIPPED.test(el.name) || el.disabled) {
        return false;
      }
      if (el.type === "file" || el.type === "submit" || el.type === "button") {
        return false;
      }
      return el.type !== "hidden" || el.name === "lock_version_seen";
    });
  }

  function snapshot(form) {
    var fields = {};
    fieldsOf(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.type === "radio" && !el.checked) {
          return;
        }
        fields[el.name] = el.type === "checkbox" ? el.checked : el.value;
      } else if (el.tagName === "SELECT") {
        var chosen = Array.prototype.filter.call(el.options, function (o) { return o.selected; });
        fields[el.name] = {
          values: chosen.map(function (o) { return o.value; }),
          labels: chosen.map(function (o) { return o.text; })
        };
      } else {
        fields[el.name] = el.value;
      }
    });
    var body = editor();
    if (body && body.status === "ready") {
      fields.body = body.getData();
    }
    return fields;
  }

  function restore(form, fields) {
    fieldsOf(form).forEach(function (el) {
      if (!(el.name in fields)) {
        return;
      }
      var value = fields[el.name];
      if (el.type === "checkbox") {
        el.checked = !!value;
      } else if (el.type === "radio") {
        el.checked = el.value === value;
      } else if (el.tagName === "SELECT" && value && value.values) {
        value.values.forEach(function (v, i) {
          var exists = Array.prototype.some.call(el.options, function (o) { return o.value === v; });
          if (!exists) { // an autocomplete keeps only its chosen options in the page
            el.add(new Option(value.labels[i], v, true, true));
          }
        });
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = value.values.indexOf(o.value) !== -1;
        });
        if (window.django && window.django.jQuery) {
          window.django.jQuery(el).trigger("change");
        }
      } else {
        el.value = value;
      }
    });
    var body = editor();
    if ("body" in fields) {
      if (body && body.status === "ready") {
        body.setData(fields.body);
      } else {
        var area = form.querySelector("#id_body");
        if (area) { area.value = fields.body; }
      }
    }
  }

  function same(a, b) { // the same content (the lock version the page was loaded at aside)
    function content(fields) {
      var copy = Object.assign({}, fields);
      delete copy.lock_version_seen;
      return JSON.stringify(copy);
    }
    return content(a) === content(b);
  }

  function when(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getHours()) + ":" + two(d.getMinutes()) + " ngày " + two(d.getDate()) + "/" +
      two(d.getMonth() + 1) + "/" + d.getFullYear();
  }

  function notice(form, id, text, buttons) {
    var old = document.getElementById(id);
    if (old) { old.remove(); }
    var box = document.createElement("div");
    box.id = id;
    box.className = "desk-notice";
    box.setAttribute("role", "status");
    box.appendChild(document.createTextNode(text));
    (buttons || []).forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = spec[0];
      button.addEventListener("click", function () { spec[1](); box.remove(); });
      box.appendChild(button);
    });
    form.parentNode.insertBefore(box, form);
    return box;
  }

  function autosave(desk, form) {
    var store = storage();
    if (!store || !desk.dataset.user) {
      return;
    }
    var key = PREFIX + desk.dataset.user + ":" + (desk.dataset.article || "moi");
    var now = Date.now();
    userKeys(store, desk.dataset.user).forEach(function (k) {
      var kept = read(store, k);
      if (!kept || now - kept.savedAt > MAX_AGE_MS) { store.removeItem(k); }
    });
    var kept = read(store, key);
    var shown = document.querySelector(".errornote"); // the form came back with its own data
    var started = false;
    var pending = false; // a kept draft is offered: nothing overwrites it before the choice
    var pristine = null; // the form as the server sent it
    var sent = false; // "Lưu" pressed: what is kept now waits for the answer

    function save(submitted) {
      if (!started || pending || stopped) { return; }
      submitted = submitted || sent; // the page unloading after a submit keeps the mark
      var fields = snapshot(form);
      if (!submitted && same(fields, pristine)) {
        store.removeItem(key); // nothing typed that the server does not have
        return;
      }
      try {
        store.setItem(key, JSON.stringify({savedAt: Date.now(), submitted: !!submitted,
          fields: fields}));
      } catch (e) { /* storage full: the form itself still works */ }
    }

    function start() {
      pristine = snapshot(form);
      if (kept && same(kept.fields, pristine)) {
        store.removeItem(key); // the server has all of it
      } else if (kept && !shown) {
        if (kept.submitted) {
          restore(form, kept.fields);
          notice(form, "ban-khoi-phuc", "Nội dung bạn đã nhập trước khi phiên đăng nhập " +
            "hết hạn đã được đưa lại vào trang. Hãy kiểm tra rồi bấm Lưu.");
        } else {
          pending = true;
          notice(form, "ban-khoi-phuc", "Trình duyệt này còn giữ nội dung bạn đang soạn dở " +
            "lúc " + when(kept.savedAt) + " mà chưa lưu.", [
            ["Khôi phục nội dung đó", function () {
              pending = false;
              restore(form, kept.fields);
              save(false);
            }],
            ["Bỏ nội dung đó", function () {
              pending = false;
              store.removeItem(key);
            }]
          ]);
        }
      }
      started = true;
      var timer = null;
      function later() {
        clearTimeout(timer);
        timer = setTimeout(function () { save(false); }, 500);
      }
      form.addEventListener("input", later);
      form.addEventListener("change", later);
      var body = editor();
      if (body) { body.on("change", later); }
      setInterval(function () { save(false); }, 5000);
      window.addEventListener("pagehide", function () { save(false); });
      form.addEventListener("submit", function () {
        pending = false;
        save(true);
        sent = true;
      });
    }

    var body = editor();
    if (body && body.status !== "ready") {
      body.on("instanceReady", start);
    } else if (!body && window.CKEDITOR && form.querySelector("#id_body")) {
      window.CKEDITOR.on("instanceReady", function (evt) {
        if (evt.editor.name === "id_body") { start(); }
      });
    } else {
      start();
    }
  }

  function heartbeat(desk) {
    var url = desk.dataset.presenceUrl;
    var box = document.getElementById("dang-sua");
    if (!url || !box || !window.fetch) {
      return;
    }
    function show(text) {
      box.textContent = text;
      box.hidden = !text;
    }
    function beat() {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      fetch(url, {method: "POST", body: body, credentials: "same-origin",
        headers: {"X-Requested-With": "XMLHttpRequest"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (answer) { if (answer) { show(answer.notice); } })
        .catch(function () { /* offline for a moment: the next beat tries again */ });
    }
    setInterval(beat, (parseInt(desk.dataset.heartbeat, 10) || 20) * 1000);
    window.addEventListener("pagehide", function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      body.append("roi-di", "1");
      if (navigator.sendBeacon) { navigator.sendBeacon(url, body); }
    });
  }

  function forgetSaved(user) {
    // The admin's success message: the save that was sent went through, so the drafts kept
    // when "Lưu" was pressed are in the database now.
    var store = storage();
    if (!store || !document.querySelector(".messagelist .success")) {
      return;
    }
    userKeys(store, user).forEach(function (key) {
      var kept = read(store, key);
      if (kept && kept.submitted) { store.removeItem(key); }
    });
  }

  function ready() {
    var user = document.querySelector("meta[name=desk-user]");
    if (user) { forgetSaved(user.content); }
    var logout = document.getElementById("logout-form");
    if (logout && user) {
      logout.addEventListener("submit", function () { forgetUser(user.content); });
    }
    var desk = document.getElementById("desk");
    var form = document.getElementById("article_form");
    if (desk && form) {
      autosave(desk, form);
      heartbeat(desk);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
