// On a narrow screen the filters sit above the results and push them far down the page. There,
// with JavaScript, they start hidden behind a "Show filters" button, as in the MOJ "filter a
// list" pattern. Without JavaScript, or where the columns sit side by side, they are shown.

// GOV.UK's tablet breakpoint: from here the grid's columns sit side by side.
const wide = window.matchMedia("(min-width: 40.0625em)");

for (const panel of document.querySelectorAll("[data-app-filter-toggle]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary app-filter-toggle";
  button.setAttribute("aria-controls", panel.id);
  panel.before(button);
  let open = false;

  const update = () => {
    // Ticked boxes are the filters already applied: say so while they are out of sight.
    const ticked = panel.querySelectorAll("input[type=checkbox]:checked").length;
    button.textContent = open
      ? "Hide filters"
      : ticked
        ? `Show filters (${ticked} selected)`
        : "Show filters";
    button.setAttribute("aria-expanded", String(open));
    button.hidden = wide.matches;
    panel.hidden = !wide.matches && !open;
  };

  button.addEventListener("click", () => {
    open = !open;
    update();
  });
  wide.addEventListener("change", update);
  update();
}
