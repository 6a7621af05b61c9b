// The directory page's buttons: sent with the page's CSRF key by script (the plain forms work too
// where the browser posts them with its origin), then the page reloads with what was done.
const csrf = document.querySelector('meta[name="csrf-token"]').content;

for (const form of document.querySelectorAll("form[method=post]")) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const res = await fetch(form.action, {method: "POST", headers: {"X-CSRF-Token": csrf, Accept: "application/json"}});
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(answer.error ?? `Сервер ответил ошибкой ${res.status}.`);
      location.assign(`/directory?done=${encodeURIComponent(answer.action)}`);
    } catch (err) {
      button.disabled = false;
      const note = document.createElement("p");
      note.className = "error";
      note.setAttribute("role", "alert");
      note.textContent = err.message;
      form.after(note);
    }
  });
}
