// Starts the GOV.UK Frontend components (error summary focus, exit this page, and so on).
import { ExitThisPage, createAll, initAll } from "/static/govuk/govuk-frontend.min.js";

// "Exit this page" as GOV.UK Frontend has it, except that it replaces the page in the browser's
// history instead of adding the neutral site after it, so Back does not return to the page left.
// Without JavaScript the button is a plain link to the same place.
class ExitThisPageWithoutHistory extends ExitThisPage {
  exitPage() {
    if (!this.$updateSpan) {
      return;
    }
    this.$updateSpan.textContent = "";
    document.body.classList.add("govuk-exit-this-page-hide-content");
    const overlay = document.createElement("div");
    overlay.className = "govuk-exit-this-page-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = this.i18n.t("activated");
    document.body.appendChild(overlay);
    window.location.replace(this.$button.href);
  }
}

createAll(ExitThisPageWithoutHistory);
// The exit button is already started above; initAll would only report it as started twice.
initAll({
  onError(error) {
    if (error.name !== "InitError") {
      console.log(error);
    }
  },
});
