// Undo asks before it acts: a form button with data-confirm.
for (const button of document.querySelectorAll("button[data-confirm]")) {
  button.addEventListener("click", (e) => {
    if (!window.confirm(button.dataset.confirm)) e.preventDefault();
  });
}
