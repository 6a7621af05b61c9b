// Russian wording of the issues of settings uploaded as XLSX (loaders/settings/kind.ts).
import type {MessageWriters} from "./index.ts";
import type {SettingsIssueDetails} from "../issueKinds.ts";

type D = {setting?: string; header?: string | null; problem?: string};
const where = (d: D) => (d.header ? `«${d.header}»` : "строка");
const rejected = (d: D) => `Настройка «${d.setting ?? ""}» не принята: исправьте и загрузите файл снова.`;

export const settingsMessages: MessageWriters<keyof SettingsIssueDetails> = {
  "settings/no-table": () => "В файле нет ни одной таблицы настроек: ожидаются листы, выгруженные командой «mentoring settings export» " +
    "или на странице «Выгрузки» (Цели вовлечённости, Целевые показатели, Области компетенций, Кодификатор SWOT, Правила наставничества).",
  "settings/invalid": (f) => {
    const d: D = f.details;
    return `${where(d)}: ${d.problem ?? "значение не подходит"}. ${rejected(d)}`;
  },
  "settings/not-a-number": (f, v) => {
    const d: D = f.details;
    return `${where(d)}: «${v}» — не число. ${rejected(d)}`;
  },
  "settings/unknown-code": (f, v) => {
    const d: D = f.details;
    return `Код «${v}» не известен; допустимые коды: ${f.expected ?? ""}. Коды строк не меняйте. ${rejected(d)}`;
  },
  "settings/unknown-word": (f, v) => {
    const d: D = f.details;
    return `${where(d)}: «${v}» — не из списка; допустимо: ${f.expected ?? ""}. ${rejected(d)}`;
  },
  "settings/duplicate-table": (f) => {
    const d = f.details;
    return `Таблица «${d.table}» есть в файле дважды (ещё на листе «${d.first}»): оставьте одну.`;
  },
  "settings/unchanged": (f) => {
    const d = f.details;
    return `Настройка «${d.setting}» не изменилась: действует прежнее значение.`;
  },
  "settings/new-version": (f) => {
    const d = f.details;
    return `Новая версия настройки «${d.setting}» (строк: ${d.rows}): действует вместо прежней во всех отчётах, выгрузках и дашбордах ` +
      "(дашборды обновятся сами). Прежнюю можно вернуть, отменив эту загрузку в истории.";
  }
};
