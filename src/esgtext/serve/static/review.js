// esgtext review page: drop a file, reject an edit (the sentence is rebuilt without it and
// translated again), keep the download forms in step. No library, no network but this server.
(function () {
  "use strict";
  var dataEl = document.getElementById("records-data");
  var records = dataEl ? JSON.parse(dataEl.textContent) : [];
  var statusEl = document.getElementById("status");
  var keyEl = document.getElementById("api-key-value");

  function say(text) { if (statusEl) { statusEl.textContent = text; } }

  function syncDownloads() {
    var json = JSON.stringify(records);
    document.querySelectorAll("input[name=records]").forEach(function (el) { el.value = json; });
  }

  // drag and drop onto the drop zone fills the file input
  var zone = document.getElementById("dropzone");
  var fileInput = document.getElementById("file");
  if (zone && fileInput) {
    ["dragenter", "dragover"].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        fileInput.files = e.dataTransfer.files;
        var name = document.getElementById("file-name");
        if (name) { name.textContent = e.dataTransfer.files[0].name; }
      }
    });
  }

  function reject(button) {
    var row = parseInt(button.getAttribute("data-row"), 10);
    var edit = parseInt(button.getAttribute("data-edit"), 10);
    var record = records[row];
    if (!record) { return; }
    var headers = { "Content-Type": "application/json" };
    if (keyEl && keyEl.value) { headers["Authorization"] = "Bearer " + keyEl.value; }
    button.disabled = true;
    say("Rebuilding sentence " + record.seg + " without the edit…");
    fetch("review/segment", { method: "POST", headers: headers,
                              body: JSON.stringify({ record: record, reject: [edit] }) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (!res.ok) { throw new Error(res.body.error || "request failed"); }
        records[row] = res.body.record;
        for (var i = row + 1; i < records.length; i++) {
          if (records[i].doc === record.doc) {
            records[i].start += res.body.delta; records[i].end += res.body.delta;
          }
        }
        var tr = document.getElementById("row-" + row);
        var cells = res.body.cells;
        tr.querySelector("th.head").innerHTML = cells.head;
        tr.querySelector("td.raw").innerHTML = cells.raw;
        tr.querySelector("td.repaired").innerHTML = cells.repaired;
        tr.querySelector("td.target").innerHTML = cells.target;
        tr.classList.add("changed");
        syncDownloads();
        var cell = tr.querySelector("td.repaired");
        cell.setAttribute("tabindex", "-1");
        cell.focus();
        say("Edit rejected: sentence " + record.seg + " rebuilt" +
            (res.body.record.status === "translated" ? " and translated again." : "."));
      })
      .catch(function (err) { button.disabled = false; say("Could not reject the edit: " + err.message); });
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.reject") : null;
    if (button) { e.preventDefault(); reject(button); }
  });
  // Escape hides a tooltip by moving focus back out of it
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.activeElement && document.activeElement.closest &&
        document.activeElement.closest(".ed")) {
      var cell = document.activeElement.closest("td");
      if (cell) { cell.setAttribute("tabindex", "-1"); cell.focus(); }
    }
  });
  syncDownloads();
})();
