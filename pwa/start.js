// Runs first on both pages, before the WebAssembly.
// 1. A patient link at the app's root (?view=patient…, as printed on
//    labels and in QR codes before the patient's page had its own door)
//    goes on to patient.html with its whole query, online or offline.
// 2. Starts downloading the texts of the language the page will most
//    likely show, while the WebAssembly downloads. The app decides the
//    language itself (the link's lang=, else the saved choice, else the
//    browser's) and fetches another file if this guess was wrong: a wrong
//    guess costs a download, never a wrong word.
// LANG_FILES is filled in by scripts/post-build.mjs with this build's files.
(function () {
  var search = location.search;
  // The patient's page marks itself (<html data-door="patient">): hosts
  // that drop ".html" (Cloudflare Pages: /patient) must not send it on.
  var patientPage = document.documentElement.getAttribute('data-door') === 'patient';
  if (!patientPage && /(^|[?&])view=patient(&|$)/.test(search)) {
    location.replace('patient.html' + search + location.hash);
    return;
  }
  var FILES = __LANG_FILES__;
  function guess() {
    var linked = /[?&]lang=([a-z]+)(&|$)/.exec(search);
    if (linked && FILES[linked[1]]) return linked[1];
    try {
      var saved = JSON.parse(localStorage.getItem('ldn-calc') || 'null');
      if (saved && FILES[saved.lang]) return saved.lang;
    } catch (e) {
      /* No storage or unreadable data: the browser's languages decide. */
    }
    var preferred = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < preferred.length; i++) {
      var code = String(preferred[i]).split(/[-_]/)[0].toLowerCase();
      if (code === 'no' || code === 'nn') code = 'nb';
      if (FILES[code]) return code;
    }
    return 'en';
  }
  var code = guess();
  var text = fetch(FILES[code]).then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.text();
  });
  // The app awaits it (or fetches itself); no unhandled rejection here.
  text.catch(function () {});
  window.ldnLangText = { code: code, text: text };
})();
