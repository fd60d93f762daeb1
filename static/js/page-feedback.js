// With JavaScript, "No" opens the comment box on the page instead of asking on a new page.
for (const form of document.querySelectorAll("[data-app-feedback]")) {
  const no = form.querySelector("[data-app-feedback-no]");
  const comment = form.querySelector("[data-app-feedback-comment]");
  const question = form.querySelector("[data-app-feedback-question]");
  no.addEventListener("click", (event) => {
    event.preventDefault();
    comment.hidden = false;
    question.hidden = true;
    comment.querySelector("textarea").focus();
  });
}
