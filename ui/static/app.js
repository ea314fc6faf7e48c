/* Sử liệu: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* Copy the Vietnamese citation of a document. */
  function setupCopy() {
    document.querySelectorAll("[data-copy-target]").forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var el = document.getElementById(btn.getAttribute("data-copy-target"));
        var status = btn.parentElement.querySelector("[data-copy-status]");
        var text = el ? el.textContent.trim() : "";
        function done(ok) {
          if (status) status.textContent = ok ? "Đã sao chép trích dẫn." : "Không sao chép được; hãy chọn và sao chép thủ công.";
          btn.setAttribute("data-copied", ok ? "1" : "0");
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { fallback(); });
        } else { fallback(); }
        function fallback() {
          var ta = document.createElement("textarea");
          ta.value = text; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.opacity = "0";
          document.body.appendChild(ta); ta.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          document.body.removeChild(ta);
          done(ok);
        }
      });
    });
  }

  /* Bring the first marked hit on a page image into view. */
  function setupHits() {
    var box = document.querySelector("[data-page-image] [data-hit]");
    if (!box || location.hash !== "#trang") return;
    var img = document.querySelector("[data-page-image] img");
    function go() { box.classList.add("current"); }
    if (img && !img.complete) img.addEventListener("load", go); else go();
  }

  /* Upload: send files one by one, with a progress bar and the result of each. */
  function setupUpload() {
    var form = document.querySelector("form[data-upload]");
    if (!form || !window.FormData || !window.XMLHttpRequest) return;
    var input = form.querySelector("input[type=file]");
    var list = document.getElementById("upload-results");
    form.addEventListener("submit", function (ev) {
      if (!input.files || !input.files.length) return;
      ev.preventDefault();
      var files = Array.prototype.slice.call(input.files);
      list.innerHTML = "";
      var items = files.map(function (f) {
        var li = document.createElement("li");
        li.innerHTML = '<strong class="name"></strong> <span class="status status-pending">Đang chờ…</span>' +
          '<progress max="100" value="0" aria-label=""></progress><div class="detail small"></div>';
        li.querySelector(".name").textContent = f.name;
        li.querySelector("progress").setAttribute("aria-label", "Tiến độ tải lên " + f.name);
        list.appendChild(li);
        return li;
      });
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      var i = 0;
      function next() {
        if (i >= files.length) { button.disabled = false; input.value = ""; return; }
        send(files[i], items[i], function () { i += 1; next(); });
      }
      next();
    });

    function send(file, li, cb) {
      var fd = new FormData();
      fd.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
      var access = form.querySelector("[name=access]");
      if (access) fd.append("access", access.value);
      fd.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      var bar = li.querySelector("progress"), status = li.querySelector(".status"), detail = li.querySelector(".detail");
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
        status.textContent = "Đang tải lên " + bar.value + "%";
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");
        status.textContent = "Đang xử lý (nhận dạng chữ, trích xuất thông tin)…";
      });
      function show(data, httpStatus) {
        bar.value = 100;
        var r = data && data.results && data.results[0];
        if (r) {
          status.className = "status status-" + r.status;
          status.textContent = r.label;
          detail.innerHTML = "";
          if (r.href) {
            var a = document.createElement("a"); a.href = r.href; a.textContent = r.title || "Mở tài liệu";
            detail.appendChild(a);
          }
          if (r.message) {
            var s = document.createElement("span"); s.textContent = (r.href ? " · " : "") + r.message;
            detail.appendChild(s);
          }
        } else {
          status.className = "status status-failed";
          status.textContent = (data && data.error && data.error.message) || ("Lỗi máy chủ (" + httpStatus + ")");
        }
        li.setAttribute("data-done", r ? r.status : "failed");
        cb();
      }
      /* The server answers at once (202) and ingests in the background: ask every second until done. */
      function poll(url) {
        var p = new XMLHttpRequest();
        p.open("GET", url);
        p.setRequestHeader("Accept", "application/json");
        p.addEventListener("load", function () {
          var data = null;
          try { data = JSON.parse(p.responseText); } catch (e) { data = null; }
          if (p.status === 200 && data && !data.finished) { setTimeout(function () { poll(url); }, 1000); return; }
          show(data, p.status);
        });
        p.addEventListener("error", function () { setTimeout(function () { poll(url); }, 2000); });
        p.send();
      }
      xhr.addEventListener("load", function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
        if (xhr.status === 202 && data && data.poll && !data.finished) { poll(data.poll); return; }
        show(data, xhr.status);
      });
      xhr.addEventListener("error", function () {
        status.className = "status status-failed";
        status.textContent = "Mất kết nối khi tải lên.";
        li.setAttribute("data-done", "failed");
        cb();
      });
      xhr.send(fd);
    }
  }

  /* Phones: the filters sit behind a button at the top of the results (without this file they show). */
  function setupFilters() {
    var btn = document.querySelector("[data-filters-toggle]");
    var panel = document.getElementById("facets");
    if (!btn || !panel) return;
    btn.addEventListener("click", function () {
      var open = panel.classList.toggle("open");
      btn.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  /* Zoom a page image inside its frame (hit boxes scale with it); the full-size link works without this. */
  function setupZoom() {
    var frame = document.querySelector("[data-zoom-viewport] [data-page-image]");
    if (!frame) return;
    var zoom = 1;
    document.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        zoom = b.getAttribute("data-zoom") === "in" ? Math.min(4, zoom * 1.5) : Math.max(1, zoom / 1.5);
        frame.style.width = (zoom * 100) + "%";
        frame.setAttribute("data-zoom-level", zoom.toFixed(2));
      });
    });
  }

  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    setupFilters();
    setupZoom();
    setupCopy();
    setupHits();
    setupUpload();
  });
})();
