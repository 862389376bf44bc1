// The door's script, an addition to pages that work without it.
// On an answer page: back to scanning after two seconds (the <noscript> refresh does the same without it).
// On the scanning page: typed codes are checked in place, the camera sends a few scaled-down frames a second
// for the server to read, each answer fills the screen for two seconds with a sound and a vibration, and the
// counts follow every scan at any door. Every text is in the page.
"use strict";
(function () {
  var answerPage = document.querySelector("[data-back]");
  if (answerPage) {
    setTimeout(function () { location.replace(answerPage.getAttribute("data-back")); }, 2000);
    return;
  }
  var door = document.querySelector("[data-door]");
  if (!door) return;
  var form = door.querySelector("[data-scan-form]");
  var input = form.querySelector("input[name=code]");
  var overlay = document.querySelector("[data-overlay]");
  var offline = door.querySelector("[data-offline]");
  var shownUntil = 0;
  var hideTimer = null;
  var held = null; // { code }: a code read, its face awaited
  var lastOk = null; // { inviteID, at }: a code just let in, still in front of the camera
  var audio = null;

  function nonce() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function direction() {
    var checked = form.querySelector("input[name=type]:checked");
    return checked ? checked.value : "entry";
  }

  // Sound needs a gesture first: the first key or tap unlocks it.
  function unlockSound() {
    if (audio || !(window.AudioContext || window.webkitAudioContext)) return;
    audio = new (window.AudioContext || window.webkitAudioContext)();
  }
  document.addEventListener("keydown", unlockSound, { once: true });
  document.addEventListener("pointerdown", unlockSound, { once: true });
  function tone(frequency, start, length, shape) {
    var oscillator = audio.createOscillator();
    var gain = audio.createGain();
    oscillator.type = shape;
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(audio.currentTime + start);
    oscillator.stop(audio.currentTime + start + length);
  }
  function signal(state) {
    if (audio) {
      if (state === "ok") { tone(880, 0, 0.12, "sine"); tone(1320, 0.13, 0.15, "sine"); }
      else if (state === "refused") { tone(200, 0, 0.45, "square"); }
      else { tone(660, 0, 0.15, "triangle"); }
    }
    if (navigator.vibrate) navigator.vibrate(state === "ok" ? 80 : state === "refused" ? [150, 80, 150] : 40);
  }

  function show(answer) {
    overlay.className = "door-overlay " + (answer.state === "ok" ? "answer-ok" : answer.state === "wait" ? "answer-wait" : "answer-refused");
    overlay.innerHTML = answer.html;
    overlay.hidden = false;
    shownUntil = Date.now() + 2000;
    clearTimeout(hideTimer);
    // A face awaited holds the screen (and the code) for fifteen seconds at most; an answer for two.
    hideTimer = setTimeout(function () {
      held = null;
      overlay.hidden = true;
      input.focus();
    }, answer.state === "wait" ? 15000 : 2000);
  }

  // A tap (or Escape) dismisses an answer at once: the next person need not wait.
  function dismiss() {
    clearTimeout(hideTimer);
    held = null;
    shownUntil = 0;
    overlay.hidden = true;
    input.focus();
  }
  overlay.addEventListener("click", dismiss);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") dismiss(); });

  function handle(answer, fromCamera) {
    offline.hidden = true;
    if (answer.state === "none") return;
    if (answer.state === "wait") {
      if (held && held.code === answer.code) return;
      held = { code: answer.code };
      show(answer);
      signal("wait");
      return;
    }
    // The code just let in, seen again by the camera as its holder walks away: not news.
    if (fromCamera && answer.state === "refused" && lastOk && lastOk.inviteID === answer.invite_id && Date.now() - lastOk.at < 6000) return;
    held = null;
    if (answer.state === "ok") lastOk = { inviteID: answer.invite_id, at: Date.now() };
    show(answer);
    signal(answer.state);
  }

  function post(url, options) {
    options.credentials = "same-origin";
    options.headers = options.headers || {};
    options.headers.Accept = "application/json";
    return fetch(url, options).then(function (response) {
      if (response.status === 401) { location.reload(); throw new Error("unpaired"); }
      return response.json().then(function (body) { return { status: response.status, body: body, response: response }; });
    });
  }

  // Typed and wedge-scanned codes, checked in place; the same scan retried keeps its nonce.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value.trim();
    if (!code) return;
    var body = new URLSearchParams({ code: code, type: direction(), nonce: nonce() });
    input.value = "";
    var attempt = function (left) {
      post(form.action, { method: "POST", body: body }).then(function (result) {
        if (result.status === 200) handle(result.body);
      }).catch(function (error) {
        if (error.message === "unpaired") return;
        if (left > 0) setTimeout(function () { attempt(left - 1); }, 500);
        else offline.hidden = false;
      });
    };
    attempt(2);
    input.focus();
  });

  // The camera: only in a secure context (HTTPS, or this machine).
  var camera = door.querySelector("[data-camera]");
  var start = camera.querySelector("[data-camera-start]");
  var video = camera.querySelector("[data-camera-video]");
  camera.hidden = false;
  if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    start.hidden = true;
    camera.querySelector("[data-camera-insecure]").hidden = false;
  }
  var canvas = document.createElement("canvas");
  var pause = 0;

  function sendFrame() {
    if (Date.now() < pause || (Date.now() < shownUntil && !held) || !video.videoWidth) return schedule(150);
    var scale = Math.min(1, 640 / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(function (blob) {
      var query = "type=" + direction() + "&nonce=" + nonce();
      if (held) query += "&code=" + encodeURIComponent(held.code);
      post("/door/frame?" + query, { method: "POST", body: blob, headers: { "Content-Type": "image/jpeg" } }).then(function (result) {
        if (result.status === 200) handle(result.body, true);
        var wait = Number(result.response.headers.get("Retry-After"));
        if (wait) pause = Date.now() + wait * 1000;
        schedule(250);
      }).catch(function (error) {
        if (error.message === "unpaired") return;
        offline.hidden = false;
        schedule(1000);
      });
    }, "image/jpeg", 0.7);
  }
  function schedule(delay) { setTimeout(sendFrame, delay); }

  start.addEventListener("click", function () {
    unlockSound();
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 } }, audio: false }).then(function (media) {
      video.srcObject = media;
      video.hidden = false;
      start.hidden = true;
      camera.querySelector("[data-camera-on]").hidden = false;
      return video.play().then(function () { schedule(0); });
    }).catch(function () {
      camera.querySelector("[data-camera-denied]").hidden = false;
    });
    input.focus();
  });

  // Live counts: the stream ends every minute and the browser connects again; refused, the device was
  // revoked, and the page says so on reload.
  if (window.EventSource) {
    var source = new EventSource("/door/counts");
    source.addEventListener("counts", function (event) {
      var counts = JSON.parse(event.data);
      document.querySelectorAll("[data-inside]").forEach(function (node) { node.textContent = counts.inside; });
      document.querySelectorAll("[data-accepted]").forEach(function (node) { node.textContent = counts.accepted; });
      offline.hidden = true;
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) setTimeout(function () { location.reload(); }, 1000);
    });
  }
})();
