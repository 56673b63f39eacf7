// The one-click rating: sent without cookies (credentials: "omit"); the answer replaces the
// buttons. Without JavaScript the form posts and a small page answers.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-rating")) return;
  event.preventDefault();
  var data = new FormData(form);
  if (event.submitter) data.append(event.submitter.name, event.submitter.value);
  var answer = form.querySelector(".rating-answer");
  fetch(form.action, {method: "POST", body: data, credentials: "omit",
                      headers: {"Accept": "application/json"}})
    .then(function (r) { return r.json(); })
    .then(function (reply) {
      form.querySelectorAll("button").forEach(function (b) { b.hidden = true; });
      answer.textContent = reply.message;
    })
    .catch(function () { answer.textContent = "Chưa gửi được, xin thử lại sau."; });
});
