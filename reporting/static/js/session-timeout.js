// The timeout warning on staff pages (GOV.UK timeout warning pattern). Two minutes before the session's idle
// limit (or its absolute lifetime) the dialog opens as a modal alert dialog, which screen readers announce with
// its heading and text; focus moves to "Stay signed in". Staying pings the server, which counts the idle limit
// from then; Escape does the same. When the time is up, the page's report form is posted with a flag that
// ends the session, so the server keeps what was typed for this volunteer; elsewhere the dialog's sign-out
// form is posted with the same flag. Times are checked against the clock every second rather than by one
// long timer, so a tablet that slept acts on waking. Nothing is posted while the tablet is offline.
const ENDED_FIELD = "session_ended";
const dialog = document.getElementById("session-timeout");

if (dialog && typeof dialog.showModal === "function") {
  watch(dialog);
}

function watch(dialog) {
  const milliseconds = (name) => Number(dialog.dataset[name]) * 1000;
  const idle = milliseconds("idleSeconds");
  const warning = milliseconds("warningSeconds");
  const loadedAt = Date.now();
  const absoluteEnd = loadedAt + milliseconds("maxSecondsLeft");
  let idleEnd = loadedAt + idle;
  let warnedFor = null;
  let ended = false;

  const deadline = () => Math.min(idleEnd, absoluteEnd);

  function check() {
    const now = Date.now();
    const end = deadline();
    if (now >= end) {
      endSession();
    } else if (now >= end - warning && warnedFor !== end && !dialog.open) {
      warnedFor = end; // warned once for each deadline: staying cannot move the absolute one
      dialog.showModal();
    }
  }

  async function stay() {
    dialog.close();
    try {
      const response = await fetch(dialog.dataset.keepAliveUrl, {
        method: "POST",
        headers: { "X-CSRFToken": dialog.dataset.csrfToken },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (response.status === 204) {
        idleEnd = Date.now() + idle;
      } else {
        endSession(); // the server had already ended the session
      }
    } catch {
      // Offline: the page keeps its deadline, and acts on it once back online.
    }
  }

  function endSession() {
    if (ended || navigator.onLine === false) {
      return;
    }
    ended = true;
    const form = reportForm() || document.getElementById("session-timeout-sign-out");
    const flag = document.createElement("input");
    flag.type = "hidden";
    flag.name = ENDED_FIELD;
    flag.value = "1";
    form.appendChild(flag);
    form.submit();
  }

  dialog.querySelector("[data-session-timeout-stay]").addEventListener("click", stay);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  window.setInterval(check, 1000);
}

// The form of a report's page whose answers the server keeps. Its typed answers are kept; a file or a recording
// chosen on it is not sent (the server holds words, never files), so its inputs are left out.
function reportForm() {
  const form = document.querySelector("form[data-keep-on-timeout]");
  if (!form) {
    return null;
  }
  form.querySelectorAll("input[type=file]").forEach((input) => {
    input.disabled = true;
  });
  return form;
}
