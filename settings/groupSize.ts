// «Малые группы»: groups smaller than this are hidden on aggregate pages and in the annual report
// (152-ФЗ, RELIABILITY.md). A developers' setting (JSON only): data/config/group-size.json.
import {z} from "zod";
import {defineSetting} from "./definition.ts";

export const GroupSizeSchema = z.object({
  minGroupSize: z.number().int("размер группы — целое число").min(2, "скрывать нужно хотя бы группы из одного человека: не меньше 2")
    .max(50, "не больше 50")
});
export type GroupSizeSetting = z.infer<typeof GroupSizeSchema>;

export const groupSizeSetting = defineSetting({key: "groupSize", file: "group-size.json", label: "Малые группы", schema: GroupSizeSchema});
