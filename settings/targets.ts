// «Цели вовлечённости»: the share of students (10–19) and of teachers engaged in mentoring a
// region aims at (seed 003: 70 % and 70 %). File data/config/targets.json.
import {z} from "zod";
import {defineSetting, numberCell, textCell, type Applied, type TableProblem} from "./definition.ts";

const pct = z.number().min(0, "цель — от 0 до 100 %").max(100, "цель — от 0 до 100 %");

export const EngagementTargetsSchema = z.object({
  engagementTargetPct: z.object({students: pct, teachers: pct})
});
export type EngagementTargetsSetting = z.infer<typeof EngagementTargetsSchema>;

const WHO = {students: "Обучающиеся 10–19 лет", teachers: "Педагоги"} as const;

export const targetsSetting = defineSetting({
  key: "targets",
  file: "targets.json",
  label: "Цели вовлечённости",
  schema: EngagementTargetsSchema,
  tables: [{
    sheet: "Цели вовлечённости",
    title: "Цели вовлечённости в наставничество, % от численности (семя 003: 70 % обучающихся и 70 % педагогов)",
    help: "Измените «Цель, %». Коды строк не меняйте.",
    columns: [
      {key: "code", header: "Код", width: 12},
      {key: "who", header: "Кто", width: 28, readOnly: true},
      {key: "target", header: "Цель, %", width: 10, numeric: true}
    ],
    toRows: (v) => (["students", "teachers"] as const).map((code) => ({code, who: WHO[code], target: v.engagementTargetPct[code]})),
    apply(current, rows, sheet): Applied {
      const value = structuredClone(current) as EngagementTargetsSetting;
      const places = new Map(), problems: TableProblem[] = [];
      for (const r of rows) {
        const code = textCell(r.cells.code);
        if (code !== "students" && code !== "teachers") {
          problems.push({place: {sheet, row: r.row, column: "code"}, kind: "settings/unknown-code", value: r.cells.code ?? null,
            expected: "students (обучающиеся) или teachers (педагоги)"});
          continue;
        }
        const target = numberCell(r.cells.target);
        places.set(`engagementTargetPct.${code}`, {sheet, row: r.row, column: "target"});
        (value.engagementTargetPct as Record<string, unknown>)[code] = target === null ? undefined : target;
      }
      return {value, places, problems};
    }
  }]
});
