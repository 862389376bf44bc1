// The face step's camera: an addition to the form, which works without it. Every text is in the page.
(function () {
  "use strict";
  var form = document.querySelector("[data-camera-form]");
  var box = form && form.querySelector("[data-camera]");
  if (!box || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var start = box.querySelector("[data-camera-start]");
  var video = box.querySelector("[data-camera-video]");
  var capture = box.querySelector("[data-camera-capture]");
  var denied = box.querySelector("[data-camera-denied]");
  var consent = form.querySelector("input[name=consent]");
  var stream = null;
  box.hidden = false;

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" }, audio: false }).then(function (media) {
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      capture.hidden = false;
      start.hidden = true;
      return video.play();
    }).catch(function () {
      denied.hidden = false;
    });
  });

  capture.addEventListener("click", function () {
    if (!consent.checked) {
      consent.reportValidity();
      return;
    }
    var canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    capture.disabled = true;
    canvas.toBlob(function (blob) {
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      fetch(form.action + "?consent=yes", {
        method: "POST", body: blob, headers: { "Content-Type": "image/jpeg" }, credentials: "same-origin"
      }).then(function (answer) {
        window.location.assign(answer.url);
      }).catch(function () {
        capture.disabled = false;
      });
    }, "image/jpeg", 0.92);
  });
})();
