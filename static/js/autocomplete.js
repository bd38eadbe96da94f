// Suggestions as you type, for any search box with data-autocomplete="<endpoint>".
// Uses a native <datalist>, so the browser handles the list, the keyboard and screen readers;
// without JavaScript the box is a plain search form.
(function () {
  "use strict";
  var MIN_CHARS = 2;
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input, index) {
    var list = document.createElement("datalist");
    list.id = "autocomplete-" + index;
    input.setAttribute("list", list.id);
    input.parentNode.appendChild(list);
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < MIN_CHARS || query === lastQuery) return;
      timer = window.setTimeout(function () {
        lastQuery = query;
        fetch(input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(query))
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.textContent = "";
            data.results.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              option.label = item.kind;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a bonus: the form still works */ });
      }, 150);
    });
  });
})();
