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
