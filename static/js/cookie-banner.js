// With JavaScript, "Hide cookie message" hides the confirmation in place instead of
// reloading the page, and tidies the address bar.
const banner = document.querySelector("[data-app-cookie-confirmation]");
const hide = banner && banner.querySelector("[data-app-hide-cookie-message]");
if (hide) {
  hide.addEventListener("click", (event) => {
    event.preventDefault();
    banner.hidden = true;
    window.history.replaceState(null, "", hide.getAttribute("href"));
  });
}
