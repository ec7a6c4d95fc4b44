// Records an account of what happened as a video (for British Sign Language) or with the person's voice, into
// the page's file input, which the page's form then sends like a chosen file. Without this script, or without a
// camera or microphone, the file input alone is there. Every control is a real button, so a keyboard or switch
// works it; what happens is said in a status region. The time and size limits come from the server, as do the
// words (data-text-* attributes, in the page's language).
const panel = document.querySelector("[data-module='app-recorder']");

if (panel && window.MediaRecorder && navigator.mediaDevices?.getUserMedia && typeof DataTransfer === "function") {
  startRecorder(panel);
}

const TYPES = {
  video: ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm", "video/mp4"],
  audio: ["audio/webm;codecs=opus", "audio/webm", "audio/mp4", "audio/ogg;codecs=opus"],
};

function clock(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function startRecorder(panel) {
  const part = (name) => panel.querySelector(`[data-recorder='${name}']`);
  const text = (key) => panel.dataset[`text${key.charAt(0).toUpperCase()}${key.slice(1)}`] || "";
  const input = document.getElementById(panel.dataset.input);
  const maxSeconds = Number(panel.dataset.maxSeconds);
  const maxBytes = Number(panel.dataset.maxBytes);
  const buttons = ["video", "audio", "stop", "play", "again", "remove"].reduce(
    (found, name) => ({ ...found, [name]: part(name) }),
    {},
  );
  const players = { video: part("video-player"), audio: part("audio-player") };
  const timer = part("timer");
  const status = part("status");
  const source = part("source");
  let session = null; // the recording in progress: its recorder, stream, pieces, size and start
  let kind = "video";
  let url = null;

  panel.hidden = false;
  say(text("limit"));

  const show = (state) => {
    const visible = {
      idle: ["video", "audio"],
      recording: ["stop"],
      recorded: ["play", "again", "remove"],
    }[state];
    Object.entries(buttons).forEach(([name, button]) => {
      button.hidden = !visible.includes(name);
    });
  };

  function say(message) {
    status.textContent = message;
  }

  function hidePlayers() {
    Object.values(players).forEach((player) => {
      player.pause();
      player.srcObject = null;
      player.removeAttribute("src");
      player.controls = false;
      player.hidden = true;
    });
  }

  function forget() {
    hidePlayers();
    if (url) {
      URL.revokeObjectURL(url);
      url = null;
    }
    input.value = "";
    source.value = "";
    timer.textContent = clock(0);
  }

  async function record(chosen) {
    kind = chosen;
    forget();
    let stream;
    try {
      const video = { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: "user" };
      stream = await navigator.mediaDevices.getUserMedia(chosen === "video" ? { audio: true, video } : { audio: true });
    } catch {
      say(text("noDevice"));
      show("idle");
      input.focus();
      return;
    }
    const mimeType = TYPES[chosen].find((type) => MediaRecorder.isTypeSupported(type));
    const options = { audioBitsPerSecond: 64000, ...(chosen === "video" ? { videoBitsPerSecond: 1000000 } : {}) };
    const recorder = new MediaRecorder(stream, mimeType ? { ...options, mimeType } : options);
    session = { recorder, stream, pieces: [], bytes: 0, startedAt: Date.now(), reason: null };
    recorder.addEventListener("dataavailable", (event) => {
      if (!session || !event.data.size) return;
      session.pieces.push(event.data);
      session.bytes += event.data.size;
      if (session.bytes > maxBytes) stop("tooBig");
    });
    recorder.addEventListener("stop", finish);
    if (chosen === "video") {
      const preview = players.video;
      preview.srcObject = stream;
      preview.muted = true;
      preview.hidden = false;
      preview.play().catch(() => {});
    }
    recorder.start(1000);
    session.tick = window.setInterval(update, 250);
    show("recording");
    say(text("recording"));
    buttons.stop.focus();
  }

  function update() {
    const seconds = (Date.now() - session.startedAt) / 1000;
    timer.textContent = clock(seconds);
    if (seconds >= maxSeconds) stop("limitReached");
  }

  function stop(reason = null) {
    if (!session || session.recorder.state === "inactive") return;
    session.reason = reason;
    session.seconds = (Date.now() - session.startedAt) / 1000;
    window.clearInterval(session.tick);
    session.recorder.stop();
    session.stream.getTracks().forEach((track) => track.stop());
  }

  function finish() {
    const { pieces, reason, seconds, recorder } = session;
    session = null;
    hidePlayers();
    if (reason === "tooBig" || !pieces.length) {
      forget();
      show("idle");
      say(text("tooBig"));
      buttons[kind].focus();
      return;
    }
    const type = (recorder.mimeType || pieces[0].type || `${kind}/webm`).split(";")[0];
    const blob = new Blob(pieces, { type });
    const file = new File([blob], `recording.${type.endsWith("mp4") ? "mp4" : "webm"}`, { type });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    source.value = "recorded";
    url = URL.createObjectURL(blob);
    const player = players[kind];
    player.muted = false;
    player.src = url;
    player.controls = true;
    player.hidden = false;
    show("recorded");
    const done = text("recorded").replace("%(time)s", clock(seconds));
    say(reason === "limitReached" ? `${text("limitReached")} ${done}` : done);
    buttons.play.focus();
  }

  buttons.video.addEventListener("click", () => record("video"));
  buttons.audio.addEventListener("click", () => record("audio"));
  buttons.stop.addEventListener("click", () => stop());
  buttons.again.addEventListener("click", () => record(kind));
  buttons.play.addEventListener("click", () => {
    const player = players[kind];
    player.currentTime = 0;
    player.play().catch(() => {});
  });
  buttons.remove.addEventListener("click", () => {
    forget();
    show("idle");
    say(text("removed"));
    buttons.video.focus();
  });
  // A file the person chooses themselves replaces anything recorded here.
  input.addEventListener("change", () => {
    hidePlayers();
    source.value = "";
    show("idle");
  });
  show("idle");
}
