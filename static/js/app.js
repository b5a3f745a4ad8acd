// Progressive enhancement only: every page works without this file.

// Filter forms send every field; leave out the empty ones so that the URL that htmx pushes
// into the address bar stays short enough to read, bookmark and share.
document.addEventListener("htmx:configRequest", function (event) {
  var data = event.detail.formData;
  if (!data || event.detail.verb !== "get") return;
  Array.from(new Set(data.keys())).forEach(function (key) {
    var values = data.getAll(key);
    if (values.every(function (value) { return value === ""; })) data.delete(key);
  });
});

// Character count of long texts ("4.812 von 5.000 Zeichen"): the visible count follows every
// key; screen readers hear it once the typing pauses. Delegated, so forms that htmx swaps in
// count too. The server refuses an over-long text; nothing is ever cut.
(function () {
  var timers = {};
  function german(number) {
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function message(length, limit) {
    var text = german(length) + " von " + german(limit) + " Zeichen";
    return length > limit ? text + " – " + german(length - limit) + " zu viel" : text;
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[data-zeichen-max]")) return;
    var limit = parseInt(field.getAttribute("data-zeichen-max"), 10);
    var count = document.querySelector('[data-zeichen-zaehler="' + field.id + '"]');
    var live = document.querySelector('[data-zeichen-ansage="' + field.id + '"]');
    if (!count) return;
    var text = message(field.value.length, limit);
    count.textContent = text;
    count.classList.toggle("char-count--over", field.value.length > limit);
    clearTimeout(timers[field.id]);
    timers[field.id] = setTimeout(function () {
      if (live) live.textContent = text;
    }, 1000);
  });
})();

// A filter select sends the form at once; the search field waits for a pause in typing
// (hx-trigger in _filter_panel.html). Raised here rather than by an htmx trigger filter
// ("change[…]"), which htmx would evaluate as code and the Content-Security-Policy refuses.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.tagName !== "SELECT" || !field.form || !field.form.hasAttribute("hx-get")) return;
  if (window.htmx) window.htmx.trigger(field.form, "auswahl-geaendert");
});

// "Abbrechen" in an entry form opened in a row of "Meine Aufgaben": the form's row goes, and
// the focus returns to the task's "Sachstand eintragen" link.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-zeile-schliessen]");
  if (!button) return;
  var row = button.closest("tr");
  var task = document.getElementById(button.getAttribute("data-zeile-schliessen"));
  var link = task && task.querySelector(".task__action");
  if (row) row.remove();
  if (link) {
    link.setAttribute("aria-expanded", "false");
    link.focus();
  }
});
