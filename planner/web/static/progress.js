// Live progress of a planning run: the server sends the job's state (in the office's words)
// over server-sent events; when the run ends, the page reloads to show the result.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || !window.EventSource) { return; }
  var source = new EventSource(box.getAttribute("data-events"));
  function set(id, text) {
    var el = document.getElementById(id);
    if (el) { el.textContent = text; }
  }
  source.onmessage = function (event) {
    var p = JSON.parse(event.data);
    set("status", p.status_text);
    document.getElementById("status").setAttribute("data-status", p.status);
    set("line", p.line);
    set("quota", p.quota);
    set("elapsed", p.elapsed);
    set("estimate", p.estimate);
    document.getElementById("bar").value = p.percent;
  };
  source.addEventListener("end", function () {
    source.close();
    document.getElementById("bar").value = 100;
    set("line", box.getAttribute("data-reload"));
    window.location.reload();
  });
}());
