// The admin's editing aids, on top of forms that work without JavaScript.
//
// Markdown: the Preview button beside a Markdown box posts the form to the same page, which
// comes back unsaved with the preview drawn by the site's renderer. Here that happens in the
// background and only the previews are copied into this page, so the editor stays where
// they are and keeps what they typed.
//
// Link checks: a "Check this link again" button submits its form as usual; meanwhile it is
// switched off and a status line says the check is running.
(function () {
  "use strict";

  function announce(region, text) {
    if (region) {
      region.textContent = text;
    }
  }

  function liveRegion(near) {
    var region = document.createElement("p");
    region.className = "app-status";
    region.setAttribute("role", "status");
    near.insertAdjacentElement("afterend", region);
    return region;
  }

  function previewMarkdown(button, status) {
    var form = button.form;
    var data = new FormData(form);
    data.append(button.name, button.value);
    button.disabled = true;
    announce(status, "Updating the preview…");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The preview answered " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll(".app-markdown__preview").forEach(function (preview) {
          var drawn = page.getElementById(preview.id);
          if (drawn) {
            // Drawn by the site's Markdown renderer, which sanitises it.
            preview.querySelector(".app-markdown__rendered").innerHTML =
              drawn.querySelector(".app-markdown__rendered").innerHTML;
            preview.hidden = false;
          }
        });
        announce(status, "Preview updated. It is beside the text box.");
      })
      .catch(function () {
        announce(status, "The preview could not be shown. Try again, or save and use Preview saved version.");
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.querySelectorAll(".app-markdown__button").forEach(function (button) {
    var status = liveRegion(button);
    button.addEventListener("click", function (event) {
      event.preventDefault();
      previewMarkdown(button, status);
    });
  });

  var recheck = document.getElementById("link-recheck");
  if (recheck) {
    var recheckStatus = document.getElementById("link-recheck-status");
    recheck.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button) {
        return;
      }
      announce(recheckStatus, "Checking " + button.value + "… This can take up to 20 seconds.");
      button.textContent = "Checking…";
      // After the form has read the button's address; a disabled button would not send it.
      window.setTimeout(function () {
        document.querySelectorAll("button[form=link-recheck]").forEach(function (other) {
          other.disabled = true;
        });
      }, 0);
    });
  }
})();
