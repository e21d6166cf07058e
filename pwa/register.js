// Registers the service worker once the page is ready (the app's
// `ldn-ready` event), so its downloads for offline use (both pages, every
// language) never compete with the first visit; and tells the app when a
// new version waits. The app (Rust) listens for `ldn-update-ready` and,
// when the user chooses to reload, calls `window.ldnApplyUpdate()`.
(function () {
  if (!('serviceWorker' in navigator)) return;
  function notify() {
    window.ldnUpdateReady = true;
    window.dispatchEvent(new Event('ldn-update-ready'));
  }
  function register() {
    navigator.serviceWorker.register('./sw.js').then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) notify();
      reg.addEventListener('updatefound', function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          // Only an update (a page already controlled) needs the prompt.
          if (worker.state === 'installed' && navigator.serviceWorker.controller) notify();
        });
      });
    }).catch(function () { /* No service worker: the app still works online. */ });
  }
  if (window.ldnReady) register();
  else window.addEventListener('ldn-ready', register, { once: true });

  var applying = false;
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (applying) window.location.reload();
  });
  window.ldnApplyUpdate = function () {
    return navigator.serviceWorker.getRegistration().then(function (reg) {
      if (reg && reg.waiting) {
        applying = true;
        reg.waiting.postMessage('skip-waiting');
      } else {
        window.location.reload();
      }
    });
  };
})();
