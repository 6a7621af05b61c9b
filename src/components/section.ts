// A part of a page's data that may not be there yet (its report module has not landed, or the
// database holds nothing of that kind): the loader says why, the page shows it in Russian.
export type Section<T> = {available: true; data: T} | {available: false; message: string};

/** The note a page shows in place of a chart whose data is not there. */
export function unavailable(message: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "unavailable";
  p.textContent = message;
  return p;
}
