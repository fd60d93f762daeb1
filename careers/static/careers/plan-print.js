// "Print your plan" needs JavaScript to open the browser's print dialog, so the button is
// added here; without JavaScript the page says to use the browser's own print option.
for (const place of document.querySelectorAll("[data-app-print]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary";
  button.textContent = "Print your plan";
  button.addEventListener("click", () => window.print());
  place.replaceChildren(button);
}
