// Observable Framework configuration: pages grouped per user (DOMAIN.md «Who uses the product»),
// fully offline (FRAMEWORK-OFFLINE.md). scripts/build.ts sets the environment read here.
//
// The named-person page (the curator's teacher card) lives at src/private/[card].md: Framework
// builds a parameterized page only for the paths listed in `dynamicPaths`, so the public build
// (MENTORING_PUBLIC=1) lists none and the page, its data loader and its search entry never exist.
import {existsSync, readFileSync} from "node:fs";

const isPublic = process.env.MENTORING_PUBLIC === "1";

/** Schools for the search (scripts/build.ts writes them from the snapshot): Framework indexes only the pages' own text. */
async function* schoolEntries() {
  const file = process.env.MENTORING_SEARCH_ENTRIES;
  if (!file || !existsSync(file)) return;
  yield* JSON.parse(readFileSync(file, "utf8")) as Array<{path: string; title: string; text: string; keywords: string}>;
}

export default {
  root: "src",
  output: process.env.MENTORING_DIST ?? (isPublic ? "dist-public" : "dist"),
  title: "Наставничество",
  pages: [
    {name: "Методист", open: true, pages: [{name: "Вовлечённость", path: "/engagement"}]},
    {name: "Куратор", open: true, pages: [
      {name: "Диагностика", path: "/diagnostics"},
      ...(isPublic ? [] : [{name: "Карточка педагога", path: "/private/teacher"}])
    ]},
    {name: "Руководство", open: true, pages: [{name: "Эффективность программы", path: "/effectiveness"}]}
  ],
  // The upload, history and export pages are the local server's own (server/app.ts), not
  // Framework pages, so they cannot be in `pages`; the service build links them in its header.
  header: isPublic ? "" : `<nav class="server-links">
    <a href="/upload" target="_self">Загрузка отчётов</a> · <a href="/history" target="_self">История загрузок</a> ·
    <a href="/exports" target="_self">Выгрузки отчётов</a></nav>`,
  dynamicPaths: isPublic ? [] : ["/private/teacher"],
  pager: false,
  // The default is a Google Fonts link: the system fonts keep the pages offline.
  globalStylesheets: [],
  // Light theme only: the charts' colours are chosen for a white background.
  style: "style.css",
  footer: isPublic
    ? "Аналитика программы наставничества · публичная сборка: без персональных данных"
    // server/rebuild.ts sidebarFor replaces this phrase for sessions without names (tests/browser/sidebar.test.ts).
    : "Аналитика программы наставничества · служебная сборка: содержит ФИО педагогов",
  search: {index: schoolEntries},
  // The product's icon (also served by the server at /favicon.ico).
  head: `<link rel="icon" href="favicon.ico" type="image/x-icon">`,
  interpreters: {".ts": ["node", "--import", "tsx"]},
  // null, not false: false still downloads the extensions.
  duckdb: {extensions: {json: null, parquet: null}}
};
