// Directory pages: "Near me", list/map toggle on phones, copy link, print. Everything works without it.
(function () {
  "use strict";
  document.querySelectorAll(".near-me").forEach(function (button) {
    if (!("geolocation" in navigator)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var form = button.form;
      var input = form.querySelector("input[name=near]");
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          input.value = pos.coords.latitude.toFixed(4) + "," + pos.coords.longitude.toFixed(4);
          form.submit();
        },
        function () {
          button.disabled = false;
          input.focus();
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  });

  var copy = document.querySelector("button.copy");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var field = document.getElementById(copy.dataset.target);
      navigator.clipboard.writeText(field.value).then(function () {
        copy.textContent = copy.dataset.done;
      });
    });
  }
  var print = document.querySelector("button.print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
