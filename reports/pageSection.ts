// A part of a page's data (the dashboards', and soon the server's live pages): the figures, or in
// Russian why they are not there. A part that fails says so and the rest of the page still builds;
// the error's text may quote data, so only its kind is shown.
export type PagePart<T> = {available: true; data: T} | {available: false; message: string};

export async function pagePart<T>(gather: () => Promise<T | null>, missing: string): Promise<PagePart<T>> {
  try {
    const data = await gather();
    return data === null ? {available: false, message: missing} : {available: true, data};
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    return {available: false, message: `${missing} (раздел не построен: ${e instanceof Error ? e.name : "ошибка"})`};
  }
}
