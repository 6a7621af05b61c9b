// «Области компетенций» of the diagnostics: code, Russian name, header synonyms (lib/competenceAreas.ts).
// File data/config/areas.json; a region adds its own area without code.
import {AreasConfigSchema, type AreasConfig} from "../lib/competenceAreas.ts";
import {defineSetting, joinList, listCell, textCell, type Applied, type Place} from "./definition.ts";

export const areasSetting = defineSetting({
  key: "areas",
  file: "areas.json",
  label: "Области компетенций",
  schema: AreasConfigSchema,
  tables: [{
    sheet: "Области компетенций",
    title: "Области профессиональных компетенций, по которым читаются файлы диагностики",
    help: "Одна строка — одна область. Синонимы — начала слов в заголовке столбца, через «;». Код — латиницей (например legal).",
    columns: [
      {key: "code", header: "Код", width: 20},
      {key: "label", header: "Название", width: 30},
      {key: "synonyms", header: "Синонимы (через ;)", width: 60}
    ],
    toRows: (v) => v.areas.map((a) => ({code: a.code, label: a.label, synonyms: joinList(a.synonyms)})),
    apply(current, rows, sheet): Applied {
      const places = new Map<string, Place>();
      const areas = rows.map((r, i) => {
        places.set(`areas.${i}`, {sheet, row: r.row, column: null});
        for (const k of ["code", "label", "synonyms"]) places.set(`areas.${i}.${k}`, {sheet, row: r.row, column: k});
        return {code: textCell(r.cells.code) ?? "", label: textCell(r.cells.label) ?? "", synonyms: listCell(r.cells.synonyms)};
      });
      places.set("areas", {sheet, row: rows[0]?.row ?? 3, column: null});
      return {value: {...(current as AreasConfig), areas}, places, problems: []};
    }
  }]
});
