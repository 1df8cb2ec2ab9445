// genderscan serve: drag-and-drop, a size check before sending, and a status while the analysis runs.
// No inline scripts (the page's Content-Security-Policy forbids them) and no requests to other sites.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form) { return; }
  var input = document.getElementById("file");
  var zone = document.getElementById("dropzone");
  var chosen = document.getElementById("chosen");
  var busy = document.getElementById("busy");
  var busyText = document.getElementById("busy-text");
  var submit = document.getElementById("submit");
  var clientError = document.getElementById("client-error");
  var maxBytes = parseInt(form.dataset.maxBytes, 10);

  function fill(template, name) { return template.split("{name}").join(name); }

  function showChosen() {
    var file = input.files && input.files[0];
    chosen.textContent = file ? fill(form.dataset.chosen, file.name) : "";
    clientError.hidden = true;
  }

  function tooLarge(file) {
    if (file && maxBytes && file.size > maxBytes) {
      clientError.textContent = form.dataset.tooLarge;
      clientError.hidden = false;
      return true;
    }
    return false;
  }

  input.addEventListener("change", showChosen);

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "dragend"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    var files = event.dataTransfer && event.dataTransfer.files;
    if (!files || !files.length) { return; }
    input.files = files;
    showChosen();
    if (!tooLarge(files[0])) { form.requestSubmit(); }
  });
  // Dropping a file next to the zone should not make the browser open it (and leave the page).
  window.addEventListener("dragover", function (event) { event.preventDefault(); });
  window.addEventListener("drop", function (event) { event.preventDefault(); });

  form.addEventListener("submit", function (event) {
    var file = input.files && input.files[0];
    if (tooLarge(file)) { event.preventDefault(); return; }
    busyText.textContent = file ? fill(form.dataset.busy, file.name) : busyText.textContent;
    busy.hidden = false;
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
  });

  // Coming back with the browser's Back button: show the form again, not the status.
  window.addEventListener("pageshow", function () {
    busy.hidden = true;
    submit.disabled = false;
    form.removeAttribute("aria-busy");
  });
})();
