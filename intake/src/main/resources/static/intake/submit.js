/*
 * Comfort for sources with JavaScript on; the form works the same without it.
 * Before sending, the browser solves a small proof of work (a flood pays for it, a person waits
 * about a second), then uploads with XMLHttpRequest so a progress bar can show how far it is.
 * If anything here fails, the form is sent the plain way.
 */
(function () {
  'use strict';

  function leadingZeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }

  function solve(challenge) {
    var encoder = new TextEncoder();
    var prefix = challenge.token + ':';
    var batch = 256;
    function tryFrom(start) {
      var hashes = [];
      for (var n = start; n < start + batch; n++) {
        hashes.push(crypto.subtle.digest('SHA-256', encoder.encode(prefix + n)));
      }
      return Promise.all(hashes).then(function (results) {
        for (var i = 0; i < results.length; i++) {
          if (leadingZeroBits(new Uint8Array(results[i])) >= challenge.difficulty) {
            return { token: challenge.token, nonce: String(start + i) };
          }
        }
        return tryFrom(start + batch);
      });
    }
    return tryFrom(0);
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1) + ' MB';
  }

  function showPage(html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    document.title = page.title;
    document.body.replaceWith(document.adoptNode(page.body));
    window.scrollTo(0, 0);
    bind();
  }

  function upload(form, proof, bar, status) {
    var url = new URL(form.action, document.baseURI);
    url.searchParams.set('pow', proof.token);
    url.searchParams.set('pow-nonce', proof.nonce);
    var request = new XMLHttpRequest();
    request.open('POST', url.toString());
    request.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) {
        bar.max = event.total;
        bar.value = event.loaded;
        status.textContent = 'Sent ' + megabytes(event.loaded) + ' of ' + megabytes(event.total)
          + ' (' + Math.floor(100 * event.loaded / event.total) + '%). Keep this page open.';
      }
    });
    request.upload.addEventListener('load', function () {
      status.textContent = 'Everything is sent. Encrypting and storing it; your codename follows.';
    });
    request.addEventListener('load', function () { showPage(request.responseText); });
    request.addEventListener('error', function () {
      status.textContent = 'The connection broke before the upload finished. Nothing was kept; '
        + 'please send again.';
      form.querySelector('button[type=submit]').disabled = false;
    });
    request.send(new FormData(form));
  }

  function bind() {
    var form = document.querySelector('form[data-challenge]');
    var box = document.getElementById('upload-progress');
    if (!form || !box || !window.crypto || !crypto.subtle || !window.FormData || !window.DOMParser) {
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var bar = box.querySelector('progress');
      var status = box.querySelector('p');
      form.querySelector('button[type=submit]').disabled = true;
      box.hidden = false;
      bar.removeAttribute('value');
      status.textContent = 'Preparing a secure upload…';
      fetch(form.getAttribute('data-challenge'), { cache: 'no-store', credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) { throw new Error('no challenge'); }
          return response.json();
        })
        .then(solve)
        .then(function (proof) { upload(form, proof, bar, status); })
        .catch(function () { HTMLFormElement.prototype.submit.call(form); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', bind);
  } else {
    bind();
  }
})();
