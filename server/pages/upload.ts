// «Загрузка отчётов»: drop or choose many files; each gets a progress bar, its outcome and its issues
// (the page's script: assets/upload.js). Works with the keyboard: the drop zone is also a button.
import {escapeHtml} from "../http.ts";
import {page} from "./layout.ts";

export interface PeriodChoice { id: string; label: string }

export function uploadPage(o: {csrf: string; maxFileMb: number; maxFiles: number; kinds: string[]; dashboards: string;
  quarters: PeriodChoice[]; schoolYears: PeriodChoice[];
  /** An account below the region: her school (fixed by the server, no picker) or her municipality. */
  own?: {level: "school" | "municipality"; name: string; municipality: string} | null;
  /** She uploads only quarterly reports (no diagnostics' year and wave to choose). */
  formsOnly?: boolean}): string {
  const own = o.own ?? null;
  const ownLine = !own ? ""
    : own.level === "school"
      ? `<p id="own-school">Школа: <strong>${escapeHtml(own.name)}</strong> (${escapeHtml(own.municipality)}) — ваша школа. Файл другой школы не будет принят.</p>`
      : `<p id="own-school">Муниципалитет: <strong>${escapeHtml(own.name)}</strong> — файлы школ вашего муниципалитета. Файл школы другого муниципалитета не будет принят.</p>`;
  const schoolChoice = own ? ownLine
    : `<p><label>Школа: <select name="school" id="school-picker"><option value="">указана в файле</option></select></label></p>`;
  const diagnosticsChoices = !o.formsOnly;
  const options = (list: PeriodChoice[]) => list.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.label)}</option>`).join("");
  return page({title: "Загрузка отчётов", active: "upload", csrf: o.csrf, scripts: ["upload.js"], body: `
<p class="lead">Перетащите сюда ${!own ? "файлы отчётов школ" : own.level === "municipality" ? "файлы школ вашего муниципалитета"
  : o.formsOnly ? "квартальный отчёт вашей школы" : "файлы вашей школы"} (Excel .xlsx, .xls, OpenDocument .ods или CSV) или выберите их кнопкой. Каждый файл проверяется сразу:
вы увидите, принят ли он и что в нём исправить — с листом и ячейкой.</p>
<form id="upload-form" class="drop" data-max-file-bytes="${o.maxFileMb * 1024 * 1024}" data-max-files="${o.maxFiles}">
  <label for="files" class="drop-zone" id="drop-zone">
    <strong>Перетащите файлы сюда</strong> или <span class="button">выберите файлы</span>
    <input id="files" name="files" type="file" multiple accept=".xlsx,.xlsm,.xls,.ods,.csv">
  </label>
  <details><summary>${!diagnosticsChoices ? "Если в файле не указан квартал"
    : own ? "Если в файле не указан квартал, учебный год или этап диагностики" : "Если в файле не указан квартал, учебный год, этап диагностики или школа"}</summary>
    <p><label>Квартал: <select name="period"><option value="">указан в файле</option>${options(o.quarters)}</select></label>
    ${!diagnosticsChoices ? "" : `<label>Учебный год диагностики: <select name="schoolYear"><option value="">указан в файле</option>${options(o.schoolYears)}</select></label>
    <label>Этап диагностики: <select name="wave"><option value="">указан в файле</option><option value="entry">входная</option><option value="exit">итоговая</option></select></label>`}</p>
    ${own ? "" : schoolChoice}
  </details>
  ${own ? schoolChoice : ""}
</form>
<p class="hint">Принимаются: ${o.kinds.map(escapeHtml).join("; ")}. Не больше ${o.maxFileMb} МБ на файл.
Тот же файл второй раз ничего не меняет; исправленный файл школы за тот же квартал заменяет прежний (прежний остаётся в истории).</p>
<section id="batch" hidden>
  <h2>Эта загрузка</h2>
  <div class="batch-progress"><progress id="batch-progress" max="1" value="0"></progress> <span id="batch-count"></span></div>
  <p id="batch-summary" role="status"></p>
  <p><a id="batch-issues" class="button" href="#" hidden>Скачать замечания по всем файлам (XLSX)</a></p>
  <ol id="file-list" class="files"></ol>
</section>
<p id="dashboards" class="status" role="status" aria-live="polite">${escapeHtml(o.dashboards)}</p>
`});
}
