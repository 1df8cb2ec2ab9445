// genderscan serve: drag-and-drop, a size check before sending, a status while the analysis runs, and the print button.
// Works for the upload page (one drop zone) and the compare page (a drop zone per version).
// No inline scripts (the page's Content-Security-Policy forbids them) and no requests to other sites.
(function () {
  "use strict";
  // The report page: a button that opens the browser's print dialog (A4; "Save as PDF" is one of its printers).
  var print = document.getElementById("print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  // The upload page's text box: a status while the pasted text is analysed.
  var paste = document.getElementById("paste");
  if (paste) {
    paste.addEventListener("submit", function () {
      document.getElementById("paste-busy").hidden = false;
      document.getElementById("paste-submit").disabled = true;
      paste.setAttribute("aria-busy", "true");
    });
    window.addEventListener("pageshow", function () {
      document.getElementById("paste-busy").hidden = true;
      document.getElementById("paste-submit").disabled = false;
      paste.removeAttribute("aria-busy");
    });
  }
  var form = document.getElementById("upload");
  if (!form) { return; }
  var zones = Array.prototype.slice.call(form.querySelectorAll(".dropzone"));
  var inputs = zones.map(function (zone) { return zone.querySelector("input[type=file]"); });
  var busy = document.getElementById("busy");
  var busyText = document.getElementById("busy-text");
  var submit = document.getElementById("submit");
  var clientError = document.getElementById("client-error");
  var maxBytes = parseInt(form.dataset.maxBytes, 10);

  function fill(template, key, value) { return template.split("{" + key + "}").join(value); }
  function fileOf(input) { return input.files && input.files[0]; }

  function showChosen(zone, input) {
    var file = fileOf(input);
    zone.querySelector(".chosen").textContent = file ? fill(form.dataset.chosen, "name", file.name) : "";
    clientError.hidden = true;
  }

  function tooLarge() {
    var big = inputs.some(function (input) {
      var file = fileOf(input);
      return file && maxBytes && file.size > maxBytes;
    });
    if (big) {
      clientError.textContent = form.dataset.tooLarge;
      clientError.hidden = false;
    }
    return big;
  }

  function allChosen() { return inputs.every(function (input) { return !!fileOf(input); }); }

  zones.forEach(function (zone, n) {
    var input = inputs[n];
    input.addEventListener("change", function () { showChosen(zone, input); });
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
      showChosen(zone, input);
      // Send as soon as every zone has a file (the compare page waits for the second version).
      if (!tooLarge() && allChosen()) { form.requestSubmit(); }
    });
  });
  // Dropping a file next to a zone should not make the browser open it (and leave the page).
  window.addEventListener("dragover", function (event) { event.preventDefault(); });
  window.addEventListener("drop", function (event) { event.preventDefault(); });

  form.addEventListener("submit", function (event) {
    if (tooLarge()) { event.preventDefault(); return; }
    if (allChosen()) {
      var text = form.dataset.busy;
      inputs.forEach(function (input) {
        text = fill(fill(text, input.name, fileOf(input).name), "name", fileOf(input).name);
      });
      busyText.textContent = text;
    }
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
