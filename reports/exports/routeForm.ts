// The content of seed 001's route form (Приложение № 1, «Индивидуальный образовательный маршрут
// педагогического работника») as plain data, filled from a drafted route: blocks 4 and 5 filled,
// the other blocks' fields left empty with their labels for the teacher. routeXlsx.ts and
// routeDocx.ts lay this out; a figure or a label is written once, here.
import {formatDate} from "../../lib/format.ts";
import type {RouteDraft} from "../routeDraft.ts";

const MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

/** «01» сентября 2025 г. */
export function formDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return `«${String(d.getUTCDate()).padStart(2, "0")}» ${MONTHS_GEN[d.getUTCMonth()]} ${d.getUTCFullYear()} г.`;
}

/** «01.10.2025 – 30.11.2025», one date when start = end, «—» when undated. */
export function plannedText(start: string | null, end: string | null): string {
  if (!start && !end) return "в течение срока ИОМ";
  if (start && end && start !== end) return `${formatDate(start)} – ${formatDate(end)}`;
  return formatDate((start ?? end)!);
}

export interface FormTable {
  header: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
}

export interface RouteForm {
  approval: Array<[string, string]>;
  title: string;
  identity: Array<[string, string]>;
  block1: {title: string; note: string; rows: Array<[string, string]>};
  block2: {title: string; table: FormTable};
  block3: {title: string; table: FormTable; prompts: string[]};
  block4: {title: string; goal: [string, string]; level: [string, string]; deficitsLabel: string; deficits: Array<[string, string]>};
  block5: {title: string; duration: string; start: string; end: string; note: string; dpoTitle: string; dpo: FormTable;
    otherTitle: string; other: FormTable; after: Array<[string, string]>; signatures: string[]};
  block6: {title: string; lines: string[]; signatures: string[]};
}

const BLOCK1 = ["Фамилия, Имя, Отчество педагогического работника", "Дата рождения", "Уровень образования",
  "Полное наименование образовательной организации (образование)", "Направление подготовки / специальность", "Квалификация",
  "Дата окончания", "Педагогический стаж", "Место работы (полное наименование организации)", "Должность", "Предметная область",
  "Присвоенная квалификационная категория", "Реквизиты распоряжения об установлении квалификационной категории (дата, номер)",
  "Дата прохождения диагностики уровня сформированности профессиональных компетенций", "Мобильный телефон", "Адрес электронной почты"];

export const MARK_HEADER = "Отметка о прохождении (дата, реквизиты подтверждающего документа, пр.)";

/** The form's text from a drafted route of one teacher (a group's draft has no block 1–3 owner: its title says so). */
export function routeForm(d: RouteDraft, options: {developed?: string} = {}): RouteForm {
  const developed = options.developed ?? d.window.start;
  const waveWord = d.wave === "exit" ? "итоговой" : d.wave === "entry" ? "входной" : "последней";
  const who = d.teacher
    ? [["Ф.И.О. педагогического работника", d.teacher.name ?? `педагог № ${d.teacher.teacherId}`], ["Должность", d.teacher.position ?? ""],
      ["Образовательная организация", d.teacher.school], ["Муниципалитет", d.teacher.municipality]] as Array<[string, string]>
    : [["Группа педагогов", `${d.group!.label} (${d.group!.teachers} чел.)`]] as Array<[string, string]>;
  const ranked = new Map(d.ranked.map((r) => [r.area, r.rank]));
  const deficits = [...d.deficits].sort((a, b) => (ranked.get(a.area) ?? 99) - (ranked.get(b.area) ?? 99) || b.deficit - a.deficit)
    .map((x) => [lowerFirst(x.label), `${fmt(x.deficit)}% (результат выполнения теста ${waveWord} диагностики - ${fmt(x.result)}%)` +
      (x.teachersNeeding !== undefined ? `; нуждаются в мероприятиях: ${x.teachersNeeding} из ${x.teachers}` : "")] as [string, string]);
  const deficitText = (a: RouteDraft["activities"][number]) => a.addressesLabels.map(lowerFirst).join(", ");
  const dpo = d.activities.filter((a) => a.kind === "dpo");
  const other = d.activities.filter((a) => a.kind === "event");
  return {
    approval: [["Утверждаю:", "Руководитель образовательной организации ______________ / ______________ /"],
      ["Согласовано:", "Координатор ИОМ от муниципалитета ______________ / ______________ /"]],
    title: "Индивидуальный образовательный маршрут педагогического работника",
    identity: who,
    block1: {title: "БЛОК 1. ПЕРСОНАЛЬНЫЕ ДАННЫЕ", note: "Заполняет педагог.", rows: BLOCK1.map((l) => [l, ""])},
    block2: {title: "БЛОК 2. ПРОФЕССИОНАЛЬНЫЕ ДОСТИЖЕНИЯ", table: {header: ["№ п/п", "Грамоты", "Дипломы", "Эксперт ГИА", "Другое"],
      rows: ["1.", "2.", "3.", "4."].map((n) => [n, "", "", "", ""]), widths: [8, 23, 23, 23, 23]}},
    block3: {title: "БЛОК 3. ПОВЫШЕНИЕ КВАЛИФИКАЦИИ за последние 3 года", table: {header: ["№",
      "Место прохождения (наименование организации, город/район)", "Название программы", "Количество часов",
      "Результаты обучения (№ удостоверения, дата выдачи)"], rows: ["1.", "2.", "3."].map((n) => [n, "", "", "", ""]), widths: [8, 28, 30, 12, 22]},
    prompts: ["Укажите направления Ваших профессиональных интересов:", "Сформулируйте свои профессиональные запросы, которых хотели бы достичь в ходе реализации ИОМ:",
      "Сформулируйте цель, которую Вы планируете достичь при прохождении ИОМ:"]},
    block4: {title: "БЛОК 4. РЕЗУЛЬТАТЫ ДИАГНОСТИКИ УРОВНЯ СФОРМИРОВАННОСТИ ПРОФЕССИОНАЛЬНЫХ КОМПЕТЕНЦИЙ",
      goal: ["Цель педагогического работника, которую необходимо достигнуть при прохождении ИОМ",
        "Повышение уровня овладения ключевыми профессиональными компетенциями и актуальными образовательными технологиями"],
      level: ["Уровень профессиональных дефицитов", d.overallLevel?.label ?? "дефициты не выявлены"],
      deficitsLabel: "Выявленные дефициты:", deficits},
    block5: {title: "БЛОК 5. ДОРОЖНАЯ КАРТА ПО УСТРАНЕНИЮ ВЫЯВЛЕННЫХ ДЕФИЦИТОВ", duration: "Продолжительность прохождения ИОМ:",
      start: `Начало: ${formDate(d.window.start)}`, end: `Окончание: ${formDate(d.window.end)}`,
      note: "*Примечание: в дорожную карту могут вноситься в конце каждого месяца изменения с учётом календарей образовательных событий и мероприятий.",
      dpoTitle: "Дополнительные профессиональные программы, в том числе из федерального реестра программ ДПО",
      dpo: {header: ["№ п/п", "Название программы", "Кол-во часов", "Перечень дефицитов, на устранение которых направлена программа ДПО",
        "Сроки прохождения", MARK_HEADER],
      rows: [...dpo.map((a, i) => [`${i + 1}.`, a.title, a.hours === null ? "" : fmt(a.hours), deficitText(a), plannedText(a.start, a.end), ""]),
        [`${dpo.length + 1}.`, "", "", "", "", ""]], widths: [6, 30, 8, 22, 14, 20]},
      otherTitle: "Другие формы повышения квалификации (вебинары, методические видеоуроки, семинары)",
      other: {header: ["Содержание работы (мероприятия) по преодолению дефицитов и профессиональному развитию", "Дополнительная информация (при необходимости)",
        "Сроки", "Перечень дефицитов, на устранение которых направлена работа", MARK_HEADER],
      rows: [...other.map((a) => [a.title, a.provider ?? "", plannedText(a.start, a.end), deficitText(a), ""]), ["", "", "", "", ""]],
      widths: [30, 16, 12, 22, 20]},
      after: [["Дата следующей диагностики", d.nextDiagnostics], ["Дата разработки ИОМ", formatDate(developed)]],
      signatures: ["Координатор ИОМ от муниципалитета", "Педагогический работник"]},
    block6: {title: "БЛОК 6. МЕТОДИЧЕСКИЙ АУДИТ", lines: ["Саморефлексия по итогам прохождения ИОМ:", "Отчётное мероприятие (форма определяется педагогом):"],
      signatures: ["Педагогический работник", "Координатор ИОМ от муниципалитета", "Тьютор / специалист ЦНППМ"]}
  };
}

/** «Цифровые (ИКТ)» → «цифровые (ИКТ)», as the seed lists deficits. */
function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** «48», «48,5»: a percent or hours as the seed writes them. */
function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 10) / 10).replace(".", ",");
}

/** A file name for the route: «ИОМ_Иванова_Анна_Петровна.xlsx» (named) or «ИОМ_педагог_12.xlsx». */
export function routeFileName(d: RouteDraft, ext: "xlsx" | "docx"): string {
  const who = d.teacher ? (d.teacher.name ? d.teacher.name : `педагог_${d.teacher.teacherId}`) : d.group!.label;
  return `ИОМ_${who.replace(/[\\/:*?"<>|«»]+/g, "").replace(/\s+/g, "_")}.${ext}`;
}
